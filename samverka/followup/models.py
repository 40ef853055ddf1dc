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
