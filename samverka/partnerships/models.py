"""Partnerships, their parties, agreement versions, decisions and IOP criteria assessments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.core.locking import LockVersioned

from .criteria import IOP_CRITERIA
from .dates import latest_possible_end


class ReferringUnit(models.Model):
    """A unit that refers participants (AMC, Team utreda, …) or the self-referral route."""

    municipality = models.ForeignKey("organisations.Municipality", on_delete=models.PROTECT)
    name = models.CharField(_("namn"), max_length=120)
    is_self_referral = models.BooleanField(_("eget initiativ"), default=False)

    class Meta:
        verbose_name = _("anvisningsväg")
        verbose_name_plural = _("anvisningsvägar")
        ordering = ["is_self_referral", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_referring_unit")
        ]

    def __str__(self):
        return self.name


class Partnership(LockVersioned, models.Model):
    class Form(models.TextChoices):
        IOP = "iop", _("Idéburet offentligt partnerskap (IOP)")
        LOU = "lou", _("Upphandlat partnerskap (LOU)")
        GRANT = "grant", _("Föreningsbidrag")
        PROJECT = "project", _("Projekt (t.ex. ESF)")
        COMPANY = "company", _("Avtal med företag")
        OTHER = "other", _("Annan samverkan")

    class AgeBand(models.TextChoices):
        ALL = "all", _("Alla åldrar")
        ADULTS = "adults", _("Vuxna")
        YOUTH = "youth", _("Unga")
        FAMILIES = "families", _("Vuxna och barn")

    class GenderFocus(models.TextChoices):
        ALL = "all", _("Alla kön")
        MAINLY_WOMEN = "women", _("Främst kvinnor")
        MAINLY_MEN = "men", _("Främst män")

    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="partnerships"
    )
    name = models.CharField(_("namn"), max_length=200)
    form = models.CharField(_("samverkansform"), max_length=10, choices=Form.choices)
    committee = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("ansvarig nämnd"),
    )
    administration = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("förvaltning"), null=True, blank=True,
    )
    purpose = models.TextField(_("syfte"), blank=True)
    target_group = models.TextField(_("målgrupp"), blank=True)
    newly_arrived = models.BooleanField(_("nyanlända"), default=False)
    social_assistance = models.BooleanField(_("ekonomiskt bistånd"), default=False)
    age_band = models.CharField(
        _("ålder"), max_length=10, choices=AgeBand.choices, default=AgeBand.ADULTS
    )
    gender_focus = models.CharField(
        _("könsfokus"), max_length=10, choices=GenderFocus.choices, default=GenderFocus.ALL
    )
    intensity_band = models.CharField(
        _("intensitet"), max_length=20, blank=True, help_text=_("T.ex. >20 h/v eller <10 h/v.")
    )
    activities = models.TextField(_("aktivitet"), blank=True)
    referral_routes = models.ManyToManyField(
        ReferringUnit, blank=True, verbose_name=_("anvisning"), related_name="partnerships"
    )
    places = models.PositiveIntegerField(_("heltidsplatser"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("kapacitet (deltagare samtidigt)"), null=True, blank=True
    )
    goal_areas = models.TextField(_("kommunala mål"), blank=True)
    gender_equality = models.TextField(_("jämställdhet"), blank=True)
    legal_form_reasoning = models.TextField(
        _("val av samverkansform"), blank=True,
        help_text=_("Varför IOP och inte upphandling enligt LOU eller föreningsbidrag."),
    )
    # Who follows the partnership up for the municipality: reminders go to them (issue 15).
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("ansvarig handläggare"),
    )
    deputy_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("ersättare"),
    )
    lock_version = models.PositiveIntegerField(default=1, editable=False)  # optimistic lock

    class Meta:
        verbose_name = _("partnerskap")
        verbose_name_plural = _("partnerskap")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_partnership")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.committee_id and self.committee.municipality_id != self.municipality_id:
            raise ValidationError({"committee": _("Nämnden tillhör en annan kommun.")})

    @property
    def latest_version(self):
        return self.versions.order_by("-number").first()


class Party(LockVersioned, models.Model):
    class Role(models.TextChoices):
        COMMITTEE = "committee", _("Ansvarig nämnd")
        PARTNER = "partner", _("Idéburen part")
        CO_PARTY = "co_party", _("Samverkanspart")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="parties",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("roll"), max_length=10, choices=Role.choices)
    lock_version = models.PositiveIntegerField(default=1, editable=False)  # optimistic lock

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parter")
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="unique_party")
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def is_municipal(self) -> bool:
        return self.organisation.kind == self.organisation.Kind.MUNICIPAL_BODY


class AgreementVersion(LockVersioned, models.Model):
    class Kind(models.TextChoices):
        ORIGINAL = "original", _("Ursprunglig överenskommelse")
        REVISION = "revision", _("Revidering")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        DECIDED = "decided", _("Beslutad")
        ACTIVE = "active", _("Pågående")
        ENDED = "ended", _("Avslutad")
        TERMINATED = "terminated", _("Uppsagd")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("rubrik"), max_length=300, blank=True)
    start = models.DateField(_("från och med"), null=True, blank=True)
    end = models.DateField(_("till och med"), null=True, blank=True)
    period_note = models.CharField(
        _("period enligt källan"), max_length=200, blank=True,
        help_text=_("När datum saknas: periodens beskrivning som källan anger den."),
    )
    extension_count = models.PositiveIntegerField(_("antal möjliga förlängningar"), default=0)
    extension_years = models.PositiveIntegerField(_("år per förlängning"), default=0)
    extensions_used = models.PositiveIntegerField(_("utnyttjade förlängningar"), default=0)
    extension_decision_due = models.DateField(
        _("beslut om förlängning senast"), null=True, blank=True
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    terminated_on = models.DateField(_("uppsagd att upphöra"), null=True, blank=True)
    termination_reason = models.TextField(_("skäl till uppsägningen"), blank=True)
    change_summary = models.TextField(_("vad som ändras"), blank=True)
    target_group = models.TextField(
        _("målgrupp enligt versionen"), blank=True,
        help_text=_("Målgruppen medan denna version gällde, när den skiljer sig från "
                    "partnerskapets nuvarande målgrupp. Tomt: partnerskapets målgrupp."),
    )
    lock_version = models.PositiveIntegerField(default=1, editable=False)  # optimistic lock

    class Meta:
        verbose_name = _("överenskommelse (version)")
        verbose_name_plural = _("överenskommelser (versioner)")
        ordering = ["partnership", "number"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "number"], name="unique_version"),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="version_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(extensions_used__lte=models.F("extension_count")),
                name="extensions_within_options",
            ),
        ]

    def __str__(self):
        return f"{self.partnership} – {self.get_kind_display()} {self.number}"

    def clean(self):
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("Slutdatum kan inte ligga före startdatum.")
        if self.extensions_used > self.extension_count:
            errors["extensions_used"] = _(
                "Fler förlängningar kan inte utnyttjas än överenskommelsen medger (%(count)s)."
            ) % {"count": self.extension_count}
        if self.extension_count and not self.extension_years:
            errors["extension_years"] = _("Ange hur många år varje förlängning omfattar.")
        if errors:
            raise ValidationError(errors)

    @property
    def latest_possible_end(self):
        return latest_possible_end(self.end, self.extension_count, self.extension_years)

    @property
    def current_end(self):
        """The end date with the extensions used so far, or the termination date if earlier."""
        end = latest_possible_end(self.end, self.extensions_used, self.extension_years)
        if self.terminated_on and (end is None or self.terminated_on < end):
            return self.terminated_on
        return end

    @property
    def extensions_left(self) -> int:
        return max(self.extension_count - self.extensions_used, 0)


class Decision(LockVersioned, models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="decisions"
    )
    version = models.ForeignKey(
        AgreementVersion, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="decisions", verbose_name=_("överenskommelse"),
    )
    body = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("beslutande organ"),
    )
    title = models.CharField(_("ärende"), max_length=300)
    date = models.DateField(_("datum"), null=True, blank=True)
    date_note = models.CharField(_("datum enligt källan"), max_length=100, blank=True)
    registry_number = models.CharField(_("diarienummer"), max_length=40, blank=True)
    points = models.TextField(_("förslag till beslut"), help_text=_("En beslutspunkt per rad."))
    signatories = models.TextField(_("undertecknare"), blank=True)
    distribution = models.TextField(_("beslutet skickas till"), blank=True)
    consultation = models.TextField(_("samråd"), blank=True)
    mbl = models.TextField(_("information eller förhandling enligt MBL"), blank=True)
    lock_version = models.PositiveIntegerField(default=1, editable=False)  # optimistic lock

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["partnership", "date"]

    def __str__(self):
        return self.title

    @property
    def point_list(self):
        return [line.strip() for line in self.points.splitlines() if line.strip()]


class CriterionAssessment(LockVersioned, models.Model):
    class Status(models.TextChoices):
        MET = "met", _("Uppfyllt")
        NOT_MET = "not_met", _("Inte uppfyllt")
        UNCLEAR = "unclear", _("Oklart")

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="criteria"
    )
    criterion = models.PositiveSmallIntegerField(
        _("kriterium"), choices=[(number, text) for number, text in IOP_CRITERIA.items()],
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    status = models.CharField(_("bedömning"), max_length=10, choices=Status.choices)
    motivation = models.TextField(_("motivering"), blank=True)
    lock_version = models.PositiveIntegerField(default=1, editable=False)  # optimistic lock

    class Meta:
        verbose_name = _("kriteriebedömning")
        verbose_name_plural = _("kriteriebedömningar")
        ordering = ["version", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["version", "criterion"], name="unique_criterion")
        ]

    def __str__(self):
        return f"{self.criterion}: {self.get_status_display()}"


class ReportedFigure(models.Model):
    """A follow-up figure a source reports for a partnership and year (participants, costs)."""

    class Key(models.TextChoices):
        PARTICIPANTS = "participants", _("Antal deltagare")
        REFERRED = "referred", _("Anvisade deltagare inom partnerskapet")
        TO_WORK = "to_work", _("Vidare till arbete")
        INDIVIDUAL_PERSONS = "individual_persons", _("Personer på individuella avtal")
        INDIVIDUAL_COST = "individual_cost", _("Kostnad för individuella avtal")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="reported_figures"
    )
    year = models.PositiveIntegerField(_("år"))
    key = models.CharField(_("uppgift"), max_length=20, choices=Key.choices)
    number = models.BigIntegerField(_("tal"), null=True, blank=True)
    text = models.CharField(_("som källan anger"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("redovisad uppgift")
        verbose_name_plural = _("redovisade uppgifter")
        ordering = ["partnership", "year", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "key"], name="unique_reported_figure"
            )
        ]

    def __str__(self):
        return f"{self.get_key_display()} {self.year}: {self.text or self.number}"


class Attachment(models.Model):
    """A file kept with a partnership and, when given, one of its agreement versions, decisions
    or dialogue meetings: the signed agreement, a decision extract, minutes. Versioned: a new
    upload of the same kind for the same object is a new row with the next number; old ones
    stay."""

    class Kind(models.TextChoices):
        SIGNED_AGREEMENT = "signed_agreement", _("Undertecknad överenskommelse")
        DECISION_EXTRACT = "decision_extract", _("Protokollsutdrag")
        MINUTES = "minutes", _("Minnesanteckningar")
        OTHER = "other", _("Annan handling")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="attachments",
        verbose_name=_("partnerskap"),
    )
    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, null=True, blank=True,
        related_name="attachments", verbose_name=_("överenskommelse"),
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, null=True, blank=True,
        related_name="attachments", verbose_name=_("beslut"),
    )
    meeting = models.ForeignKey(
        "followup.DialogueMeeting", on_delete=models.CASCADE, null=True, blank=True,
        related_name="attachments", verbose_name=_("dialogmöte"),
    )
    kind = models.CharField(_("slag av handling"), max_length=20, choices=Kind.choices)
    number = models.PositiveIntegerField(_("version"), default=1)
    file_name = models.CharField(_("filnamn"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("storlek (byte)"))
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
        verbose_name=_("uppladdad av"),
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["partnership", "kind", "-number"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}: {self.file_name}"
