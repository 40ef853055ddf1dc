"""Progression instruments and assessments; financial proxies, SROI calculations and
socio-economic accounts per partnership and year. Calculations live in the pure modules."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def percent_field(label, default="0", help_text=""):
    return models.DecimalField(label, max_digits=5, decimal_places=2, default=Decimal(default),
                               validators=PERCENT, help_text=help_text)


# --- Progression --------------------------------------------------------------------------------


class Instrument(models.Model):
    """A progression instrument the administration configures (e.g. for work-oriented IOPs)."""

    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        verbose_name = _("progressionsinstrument")
        verbose_name_plural = _("progressionsinstrument")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_instrument")
        ]

    def __str__(self):
        return self.name

    @property
    def active_version(self):
        return self.versions.filter(status=InstrumentVersion.Status.ACTIVE).order_by(
            "-number").first()


class InstrumentVersion(models.Model):
    """A version of an instrument; retired versions stay so that old assessments stay readable."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        ACTIVE = "active", _("I bruk")
        RETIRED = "retired", _("Utfasad")

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    change_note = models.TextField(_("vad som ändrats"), blank=True)

    class Meta:
        verbose_name = _("instrumentversion")
        verbose_name_plural = _("instrumentversioner")
        ordering = ["instrument", "number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"],
                                    name="unique_instrument_version")
        ]

    def __str__(self):
        return f"{self.instrument} v{self.number}"


class Dimension(models.Model):
    """One dimension of an instrument version, scored on a scale MIN…MAX; higher is better."""

    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT,
                                related_name="dimensions")
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    key = models.SlugField(_("nyckel"), max_length=40,
                           help_text=_("Samma nyckel i olika versioner betyder samma dimension."))
    name = models.CharField(_("namn"), max_length=120)
    description = models.TextField(_("beskrivning"), blank=True)
    scale_min = models.SmallIntegerField(_("lägsta steg"), default=1)
    scale_max = models.SmallIntegerField(_("högsta steg"), default=5)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensioner")
        ordering = ["version", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_dimension_key"),
            models.CheckConstraint(condition=models.Q(scale_max__gt=models.F("scale_min")),
                                   name="dimension_scale_in_order"),
        ]

    def __str__(self):
        return self.name


class ScaleStep(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="steps")
    value = models.SmallIntegerField(_("steg"))
    label = models.CharField(_("beskrivning"), max_length=200)

    class Meta:
        verbose_name = _("skalsteg")
        verbose_name_plural = _("skalsteg")
        ordering = ["dimension", "value"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "value"], name="unique_scale_step")
        ]

    def __str__(self):
        return f"{self.value}: {self.label}"


class Assessment(models.Model):
    """A progression assessment made together with the participant at start, during or exit."""

    class Stage(models.TextChoices):
        START = "start", _("Vid start")
        DURING = "during", _("Under insatsen")
        EXIT = "exit", _("Vid avslut")

    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    participant = models.ForeignKey("participants.Participant", on_delete=models.PROTECT,
                                    related_name="assessments")
    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.PROTECT,
                                    related_name="assessments", verbose_name=_("partnerskap"))
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT,
                                related_name="assessments", verbose_name=_("instrument"))
    date = models.DateField(_("datum"))
    stage = models.CharField(_("tillfälle"), max_length=10, choices=Stage.choices)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("registrerad av"))
    assessor = models.CharField(_("bedömd av"), max_length=200,
                                help_text=_("Vem som gjorde bedömningen tillsammans med "
                                            "deltagaren, t.ex. handledare eller handläggare."))
    comment = models.TextField(_("kommentar"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")
        ordering = ["participant", "date", "pk"]
        indexes = [
            models.Index(fields=["municipality", "partnership", "date"]),
            models.Index(fields=["participant", "date"]),
        ]

    def __str__(self):
        return _("Bedömning %(id)s") % {"id": self.pk}


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="scores")
    value = models.SmallIntegerField(_("värde"))

    class Meta:
        verbose_name = _("skattning")
        verbose_name_plural = _("skattningar")
        ordering = ["assessment", "dimension__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "dimension"], name="unique_score")
        ]

    def __str__(self):
        return f"{self.dimension}: {self.value}"


# --- SROI ---------------------------------------------------------------------------------------


class FinancialProxy(models.Model):
    """A financial proxy in the administration's library: an amount per unit in a year's prices."""

    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("namn"), max_length=200)
    amount = models.BigIntegerField(_("belopp (kr)"), validators=[MinValueValidator(0)])
    year = models.PositiveIntegerField(_("prisår"))
    unit = models.CharField(_("enhet"), max_length=120, help_text=_("T.ex. per person och år."))
    source = models.TextField(_("källa"))
    note = models.TextField(_("kommentar"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic locking

    class Meta:
        verbose_name = _("finansiell proxy")
        verbose_name_plural = _("finansiella proxyer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_proxy"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="proxy_not_negative"),
        ]

    def __str__(self):
        return self.name


class QuantitySource(models.TextChoices):
    MANUAL = "manual", _("Angivet antal")
    EXITS_WORK = "exits_work", _("Avslut till arbete (uppföljningen)")
    EXITS_STUDIES = "exits_studies", _("Avslut till studier (uppföljningen)")
    EXITS_WORK_OR_STUDIES = "exits_work_or_studies", _(
        "Avslut till arbete eller studier (uppföljningen)")
    PARTICIPANTS = "participants", _("Deltagare under året (uppföljningen)")


class SroiCalculation(models.Model):
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.PROTECT,
                                    related_name="sroi_calculations")
    year = models.PositiveIntegerField(_("år"))
    discount_rate = percent_field(_("diskonteringsränta (%)"), "3.5",
                                  _("Redovisas öppet; 3,5 % är en vanlig samhällsekonomisk "
                                    "kalkylränta."))
    index_percent = percent_field(_("uppräkning av proxyer (% per år)"), "2",
                                  _("Proxyernas belopp räknas om till beräkningsårets priser."))
    description = models.TextField(_("avgränsning och intressenter"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic locking

    class Meta:
        verbose_name = _("SROI-beräkning")
        verbose_name_plural = _("SROI-beräkningar")
        ordering = ["partnership", "year"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="unique_sroi_year")
        ]

    def __str__(self):
        return f"SROI {self.partnership} {self.year}"


class SroiOutcome(models.Model):
    calculation = models.ForeignKey(SroiCalculation, on_delete=models.CASCADE,
                                    related_name="outcomes")
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    stakeholder = models.CharField(_("intressent"), max_length=120)
    name = models.CharField(_("utfall"), max_length=200)
    indicator = models.CharField(_("indikator"), max_length=300)
    quantity_source = models.CharField(_("antal hämtas från"), max_length=30,
                                       choices=QuantitySource.choices,
                                       default=QuantitySource.MANUAL)
    quantity = models.DecimalField(_("antal"), max_digits=9, decimal_places=1, null=True,
                                   blank=True, validators=[MinValueValidator(Decimal(0))])
    quantity_note = models.CharField(_("källa för antalet"), max_length=300, blank=True)
    proxy = models.ForeignKey(FinancialProxy, on_delete=models.PROTECT, related_name="outcomes",
                              verbose_name=_("finansiell proxy"))
    duration = models.PositiveSmallIntegerField(_("varaktighet (år)"), default=1,
                                                validators=[MinValueValidator(1),
                                                            MaxValueValidator(50)])
    deadweight = percent_field(_("dödvikt (%)"))
    displacement = percent_field(_("undanträngning (%)"))
    attribution = percent_field(_("tillskrivning till andra (%)"))
    drop_off = percent_field(_("avtagande per år (%)"))
    rationale = models.TextField(_("motivering av antagandena"), blank=True)

    class Meta:
        verbose_name = _("SROI-utfall")
        verbose_name_plural = _("SROI-utfall")
        ordering = ["calculation", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(quantity_source="manual") | models.Q(quantity__isnull=False),
                name="sroi_manual_quantity_given",
            ),
        ]

    def __str__(self):
        return self.name


# --- Socio-economic account ---------------------------------------------------------------------


class SocioeconomicAccount(models.Model):
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.PROTECT,
                                    related_name="socioeconomic_accounts")
    year = models.PositiveIntegerField(_("år"))
    persons_source = models.CharField(_("antal personer hämtas från"), max_length=30,
                                      choices=QuantitySource.choices,
                                      default=QuantitySource.EXITS_WORK_OR_STUDIES)
    persons = models.PositiveIntegerField(_("antal personer"), null=True, blank=True)
    persons_note = models.CharField(_("källa för antalet"), max_length=300, blank=True)
    discount_rate = percent_field(_("diskonteringsränta (%)"))
    drop_off = percent_field(_("återfall per år (%)"),
                             help_text=_("Andel som åter hamnar i utanförskap varje år."))
    source = models.TextField(_("metod och källor"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic locking

    class Meta:
        verbose_name = _("socioekonomiskt bokslut")
        verbose_name_plural = _("socioekonomiska bokslut")
        ordering = ["partnership", "year"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"],
                                    name="unique_socioeconomic_year")
        ]

    def __str__(self):
        return f"{self.partnership} {self.year}"


class ActorCostLine(models.Model):
    account = models.ForeignKey(SocioeconomicAccount, on_delete=models.CASCADE,
                                related_name="actor_costs")
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    actor = models.CharField(_("aktör"), max_length=120)
    exclusion_cost = models.BigIntegerField(_("kostnad per person och år i utanförskap (kr)"),
                                            validators=[MinValueValidator(0)])
    after_cost = models.BigIntegerField(
        _("kostnad per person och år efter övergång (kr)"), default=0,
        help_text=_("Negativt belopp: en intäkt, t.ex. skatt."))
    municipal = models.BooleanField(_("kommunens egen budget"), default=False)
    source = models.CharField(_("källa"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("aktörskostnad")
        verbose_name_plural = _("aktörskostnader")
        ordering = ["account", "order", "pk"]

    def __str__(self):
        return self.actor
