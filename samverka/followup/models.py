"""Dialogue meetings (dialogmöten): at least two per partnership and calendar year (seed 004)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

REQUIRED_MEETINGS_PER_YEAR = 2

# The four topics seed 004 says every dialogue meeting covers.
TOPICS = [
    ("topic_participants", _("Antal deltagare")),
    ("topic_flow", _("Genomströmning")),
    ("topic_next_steps", _("Vad deltagarna går vidare till")),
    ("topic_development", _("Hur parterna kan utveckla partnerskapet")),
]


class DialogueMeeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planerat")
        HELD = "held", _("Genomfört")
        CANCELLED = "cancelled", _("Inställt")

    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="dialogue_meetings",
        verbose_name=_("partnerskap"),
    )
    date = models.DateField(_("datum"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    participants = models.TextField(_("deltagare på mötet"), blank=True)
    topic_participants = models.BooleanField(_("Antal deltagare"), default=False)
    topic_flow = models.BooleanField(_("Genomströmning"), default=False)
    topic_next_steps = models.BooleanField(_("Vad deltagarna går vidare till"), default=False)
    topic_development = models.BooleanField(
        _("Hur parterna kan utveckla partnerskapet"), default=False
    )
    minutes = models.TextField(_("minnesanteckningar"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic locking

    class Meta:
        verbose_name = _("dialogmöte")
        verbose_name_plural = _("dialogmöten")
        ordering = ["partnership", "date"]
        indexes = [models.Index(fields=["municipality", "partnership", "date"])]

    def __str__(self):
        return f"{self.partnership} {self.date:%Y-%m-%d} ({self.get_status_display()})"

    @property
    def topics_covered(self) -> list[str]:
        return [str(label) for name, label in TOPICS if getattr(self, name)]

    @property
    def topics_missing(self) -> list[str]:
        return [str(label) for name, label in TOPICS if not getattr(self, name)]


class DashboardSnapshot(models.Model):
    """The dashboard's published figures for one municipality and period, as computed at
    `computed_at`. A cache, never a source: the page shows when the figures were computed,
    recomputes them when they are older than FOLLOWUP_DASHBOARD_MAX_AGE seconds and on demand
    ("Räkna om"), and `samverka followup --refresh-dashboards` recomputes them all."""

    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    computed_at = models.DateTimeField()
    seconds = models.FloatField(default=0)
    data = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "period_start", "period_end"],
                                    name="unique_dashboard_snapshot"),
        ]

    def __str__(self):
        return f"{self.municipality_id} {self.period_start}..{self.period_end}"


class SummaryRow(models.Model):
    """One appended change of a partnership's figures in a standard period (followup/
    summaries.py): sum the rows of a key for the figure. Kept by PostgreSQL's triggers."""

    partnership_id = models.BigIntegerField()
    municipality_id = models.BigIntegerField()
    individual = models.BooleanField()
    kind = models.CharField(max_length=7)
    start = models.DateField()
    occupied = models.BigIntegerField()
    placements = models.BigIntegerField()
    started = models.BigIntegerField()
    ended = models.BigIntegerField()
    at_start = models.BigIntegerField()
    at_end = models.BigIntegerField()
    to_work = models.BigIntegerField()
    individual_cost = models.BigIntegerField()
    to_start_n = models.BigIntegerField()
    to_start_sum = models.BigIntegerField()
    stay_n = models.BigIntegerField()
    stay_sum = models.BigIntegerField()
    # Occupied days in the period's first, second … twelfth month (0 after its end).
    month_1 = models.BigIntegerField(default=0)
    month_2 = models.BigIntegerField(default=0)
    month_3 = models.BigIntegerField(default=0)
    month_4 = models.BigIntegerField(default=0)
    month_5 = models.BigIntegerField(default=0)
    month_6 = models.BigIntegerField(default=0)
    month_7 = models.BigIntegerField(default=0)
    month_8 = models.BigIntegerField(default=0)
    month_9 = models.BigIntegerField(default=0)
    month_10 = models.BigIntegerField(default=0)
    month_11 = models.BigIntegerField(default=0)
    month_12 = models.BigIntegerField(default=0)
    # The splits, exits and referrals: {"dimension:key": [n, started, ended, to work]}; the day
    # histograms: {"stay:34": n, "to_start:12": n} (followup/summary_sql.py); None when none.
    cells = models.JSONField(null=True)
    histograms = models.JSONField(null=True)
    # A whole row (rebuilt or compacted, not appended by a trigger) holds the medians of its
    # histograms, so that reading it does not need them.
    to_start_median = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    stay_median = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    whole = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["kind", "start", "municipality_id", "partnership_id"],
                                name="followup_summaryrow_period"),
                   # The rows appended by the triggers, which compaction folds.
                   models.Index(fields=["kind", "start"], condition=models.Q(whole=False),
                                name="followup_summaryrow_appended")]

    def __str__(self):
        return f"{self.kind} {self.start} {self.partnership_id}"


class SummaryState(models.Model):
    """Whether the summaries are built, and the last day they cover (open placements count
    up to it)."""

    horizon = models.DateField()
    built = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.horizon} ({self.built})"
