"""Participants, their referrals, placements, weekly hours and exits, and the access log.

Personal data lives in one place: Participant holds the personnummer (normalised to 12 digits);
everything else refers to the participant by its internal id.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    WOMAN = "woman", _("Kvinna")
    MAN = "man", _("Man")
    OTHER = "other", _("Annat")
    UNKNOWN = "unknown", _("Okänt")


class Participant(models.Model):
    class IdentityKind(models.TextChoices):
        PERSONNUMMER = "personnummer", _("Personnummer")
        SAMORDNINGSNUMMER = "samordningsnummer", _("Samordningsnummer")
        PROTECTED = "protected", _("Skyddad identitet")
        NONE = "none", _("Saknar nummer")

    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    identity_kind = models.CharField(
        _("identitet"), max_length=20, choices=IdentityKind.choices
    )
    personal_number = models.CharField(
        _("personnummer eller samordningsnummer"), max_length=12, null=True, blank=True
    )
    identity_reason = models.CharField(
        _("skäl till att nummer saknas"), max_length=200, blank=True
    )
    first_name = models.CharField(_("förnamn"), max_length=100, blank=True)
    last_name = models.CharField(_("efternamn"), max_length=100, blank=True)
    gender = models.CharField(
        _("kön"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN
    )
    birth_year = models.PositiveSmallIntegerField(_("födelseår"), null=True, blank=True)
    created_at = models.DateTimeField(_("registrerad"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("avidentifierad"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("deltagare")
        verbose_name_plural = _("deltagare")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "personal_number"],
                condition=models.Q(personal_number__isnull=False),
                name="unique_participant_personal_number",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    identity_kind__in=["personnummer", "samordningsnummer"],
                    personal_number__isnull=False,
                )
                | models.Q(identity_kind__in=["protected", "none"], personal_number__isnull=True)
                | models.Q(anonymised_at__isnull=False, personal_number__isnull=True),
                name="participant_number_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "gender", "birth_year"])]

    def __str__(self):
        return _("Deltagare %(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        if getattr(self, "seen_by_unit", False):
            # The instance carries one unit's view of the person (selectors.as_seen_by).
            raise ValueError("a participant as seen by a unit is read-only")
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            from .facts import sync_placement_facts

            sync_placement_facts(participant_ids=[self.pk])

    @property
    def display_name(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        return name or str(self)


class Referral(models.Model):
    """An anvisning by a referring unit (or self-referral) of a participant to a partnership."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Anvisad, väntar på svar")
        ACCEPTED = "accepted", _("Antagen")
        DECLINED = "declined", _("Avböjd")
        WAITING = "waiting", _("På väntelista")
        WITHDRAWN = "withdrawn", _("Återtagen")

    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="referrals",
        verbose_name=_("partnerskap"),
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="referrals"
    )
    referring_unit = models.ForeignKey(
        "partnerships.ReferringUnit", on_delete=models.PROTECT, related_name="referrals",
        verbose_name=_("anvisningsväg"),
    )
    case_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("handläggare"),
    )
    requested_on = models.DateField(_("anvisad"))
    planned_hours_per_week = models.DecimalField(
        _("planerad intensitet (timmar per vecka)"), max_digits=4, decimal_places=1,
        null=True, blank=True,
    )
    action_plan_reference = models.CharField(
        _("referens till handlingsplan"), max_length=100, blank=True
    )
    consent_to_share = models.BooleanField(
        _("samtycke till att uppgifter lämnas till samverkansparten"), default=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    decided_on = models.DateField(_("besvarad"), null=True, blank=True)
    decline_reason = models.TextField(_("skäl"), blank=True)
    over_capacity = models.BooleanField(_("över kapacitet"), default=False)
    note = models.TextField(_("anteckning"), blank=True)
    # The name and gender as this referral's unit recorded them. A case worker sees a participant
    # only through their own unit's referrals, so never a name another unit recorded for the
    # same identity (selectors.as_seen_by). db_default: bulk writers may leave them out.
    recorded_first_name = models.CharField(_("förnamn enligt anvisningen"), max_length=100,
                                           blank=True, default="", db_default="")
    recorded_last_name = models.CharField(_("efternamn enligt anvisningen"), max_length=100,
                                          blank=True, default="", db_default="")
    recorded_gender = models.CharField(_("kön enligt anvisningen"), max_length=10,
                                       choices=Gender.choices, blank=True, default="",
                                       db_default="")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("anvisning")
        verbose_name_plural = _("anvisningar")
        ordering = ["-requested_on", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "partnership", "requested_on"]),
            models.Index(fields=["municipality", "referring_unit", "requested_on"]),
            models.Index(fields=["municipality", "status"]),
            # The semi-joins of policy.participant_scope(), read from the index alone: a case
            # worker's unit, and partner staff's partnerships with consent to share.
            models.Index(fields=["referring_unit", "participant"], name="referral_unit_person"),
            models.Index(fields=["partnership", "participant"],
                         condition=models.Q(consent_to_share=True),
                         name="referral_shared_person"),
            # A case worker's participant list: their unit's referrals in the order of the names
            # the unit recorded, walked until the page is full (selectors._unit_page).
            models.Index(fields=["referring_unit", "recorded_last_name", "recorded_first_name",
                                 "participant"], name="referral_unit_seen_name"),
        ]

    def __str__(self):
        return _("Anvisning %(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            from .facts import sync_placement_facts

            sync_placement_facts(referral_ids=[self.pk])

    @property
    def is_self_referral(self) -> bool:
        return self.referring_unit.is_self_referral


class Outcome(models.TextChoices):
    WORK = "work", _("Arbete")
    STUDIES = "studies", _("Studier")
    OTHER_PROGRAMME = "other_programme", _("Annan insats (t.ex. sfi)")
    WORK_TRAINING = "work_training", _("Arbetsträning hos annan")
    PARENTAL_LEAVE = "parental_leave", _("Föräldraledighet")
    ILLNESS = "illness", _("Sjukdom")
    MOVED = "moved", _("Flyttat")
    DROPPED_OUT = "dropped_out", _("Avbrott")
    OTHER = "other", _("Annat")


class Placement(models.Model):
    """A participant's place in a partnership (IOP) or bought on an individual agreement.

    `end` and `outcome` together record the exit: both empty while the placement runs.
    """

    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="placements",
        verbose_name=_("partnerskap"),
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="placements"
    )
    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, null=True, blank=True, related_name="placements"
    )
    start = models.DateField(_("startdatum"))
    planned_end = models.DateField(_("planerat slutdatum"), null=True, blank=True)
    end = models.DateField(_("slutdatum"), null=True, blank=True)
    outcome = models.CharField(
        _("avslutsorsak"), max_length=20, choices=Outcome.choices, blank=True
    )
    hours_per_week = models.DecimalField(
        _("timmar per vecka"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    is_individual_agreement = models.BooleanField(_("individuellt avtal"), default=False)
    individual_cost = models.PositiveIntegerField(
        _("kostnad för individuellt avtal (kr)"), null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    # Copies for the follow-up statistics, so that their splits (gender, age band, referral
    # route) and the days from referral to start need no join to participants and referrals.
    # Kept equal to the source by `facts.sync_placement_facts` (every write path in actions and
    # retention), by `save()` below and by Participant.save()/Referral.save(); bulk writers
    # (demo, followup.generate) set them themselves. tests/participants/test_facts.py checks.
    stat_gender = models.CharField(max_length=10, default=Gender.UNKNOWN, editable=False)
    stat_birth_year = models.PositiveSmallIntegerField(null=True, editable=False)
    stat_route = models.BigIntegerField(null=True, editable=False)  # referral's unit id
    stat_referred_on = models.DateField(null=True, editable=False)  # referral's requested_on
    # The participant has more than one placement in this partnership: only such placements
    # can make a person count twice, so the statistics count distinct persons among them alone.
    stat_repeated = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("placering")
        verbose_name_plural = _("placeringar")
        ordering = ["-start", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "partnership", "start", "end"]),
            models.Index(fields=["municipality", "end", "outcome"]),
            models.Index(fields=["participant", "partnership", "start"]),
            models.Index(fields=["partnership"], condition=models.Q(stat_repeated=True),
                         name="placement_repeated"),
            # policy.participant_scope(): partner staff's partnerships, from the index alone.
            models.Index(fields=["partnership", "participant"],
                         name="placement_partnership_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="placement_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True, outcome="")
                | (models.Q(end__isnull=False) & ~models.Q(outcome="")),
                name="placement_exit_has_outcome",
            ),
            models.CheckConstraint(
                condition=models.Q(is_individual_agreement=True)
                | models.Q(individual_cost__isnull=True),
                name="placement_cost_only_individual",
            ),
        ]

    def __str__(self):
        return _("Placering %(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        from .facts import sync_repeated

        self.copy_facts()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *FACT_FIELDS}
        before = None if self._state.adding else Placement.objects.filter(pk=self.pk) \
            .values_list("participant_id", flat=True).first()
        super().save(*args, **kwargs)
        sync_repeated({self.participant_id, before} - {None})
        self.stat_repeated = Placement.objects.filter(pk=self.pk) \
            .values_list("stat_repeated", flat=True).first()

    def delete(self, *args, **kwargs):
        from .facts import sync_repeated

        participant_id = self.participant_id
        result = super().delete(*args, **kwargs)
        sync_repeated({participant_id})
        return result

    def copy_facts(self) -> None:
        """Set the statistics copies from the participant and the referral."""
        person = self.participant
        if getattr(person, "seen_by_unit", False):  # a unit's view: copy the register's facts
            person = Participant.objects.get(pk=person.pk)
        self.stat_gender, self.stat_birth_year = person.gender, person.birth_year
        referral = self.referral
        self.stat_route = referral.referring_unit_id if referral else None
        self.stat_referred_on = referral.requested_on if referral else None


FACT_FIELDS = ("stat_gender", "stat_birth_year", "stat_route", "stat_referred_on")


class WeeklyActivity(models.Model):
    """Hours of activity a participant had in a placement in the week starting on a Monday."""

    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="weeks"
    )
    week_start = models.DateField(_("vecka (måndag)"))
    hours = models.DecimalField(_("timmar"), max_digits=4, decimal_places=1)
    version = models.PositiveIntegerField(default=1)  # optimistic lock

    class Meta:
        verbose_name = _("veckoaktivitet")
        verbose_name_plural = _("veckoaktiviteter")
        ordering = ["placement", "week_start"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "week_start"], name="unique_week"),
        ]
        indexes = [models.Index(fields=["municipality", "week_start"])]

    def __str__(self):
        return f"{self.week_start:%Y-%m-%d}: {self.hours} h"


class AccessLogEntry(models.Model):
    """One access to participant data: append-only, kept after retention has anonymised it."""

    class Action(models.TextChoices):
        VIEW = "view", _("Visning")
        REVEAL = "reveal", _("Visning av personnummer")
        LIST = "list", _("Lista")
        SEARCH = "search", _("Sökning")
        EXPORT = "export", _("Export")
        CREATE = "create", _("Registrering")
        CHANGE = "change", _("Ändring")
        ANONYMISE = "anonymise", _("Avidentifiering")

    class Outcome(models.TextChoices):
        ALLOWED = "allowed", _("Tillåten")
        DENIED = "denied", _("Nekad")

    at = models.DateTimeField(_("tid (UTC)"), default=timezone.now, db_index=True)
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, null=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    username = models.CharField(_("användare"), max_length=150)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    referring_unit_name = models.CharField(_("enhet"), max_length=120, blank=True)
    role = models.CharField(_("roll"), max_length=20)
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("åtgärd"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("objekttyp"), max_length=60)
    object_id = models.CharField(_("objekt"), max_length=40, blank=True)
    changed_fields = models.JSONField(_("ändrade fält"), default=list, blank=True)
    detail = models.JSONField(_("detaljer"), default=dict, blank=True)
    purpose = models.CharField(_("ändamål"), max_length=40)
    outcome = models.CharField(_("utfall"), max_length=10, choices=Outcome.choices)
    within_own_scope = models.BooleanField(_("inom egen enhet eller organisation"), default=True)
    # The API client (a system) that accessed the data through its service account, by name.
    api_client = models.CharField(_("API-klient"), max_length=120, blank=True, default="")

    class Meta:
        verbose_name = _("loggpost")
        verbose_name_plural = _("åtkomstlogg")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "user", "at"]),
            models.Index(fields=["municipality", "participant", "at"]),
            models.Index(fields=["municipality", "within_own_scope", "at"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("access log entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("access log entries are append-only")
