"""Budgets per agreement version and calendar year, with lines per party."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.core.locking import LockVersioned

from . import money


class Budget(LockVersioned, models.Model):
    """The yearly budget of an agreement version from FIRST_YEAR, indexed each new year."""

    version = models.ForeignKey(
        "partnerships.AgreementVersion", on_delete=models.CASCADE, related_name="budgets",
        verbose_name=_("överenskommelse"),
    )
    first_year = models.PositiveIntegerField(_("första år"))
    last_year = models.PositiveIntegerField(
        _("sista år"), null=True, blank=True,
        help_text=_("Tomt: så länge överenskommelsen gäller."),
    )
    indexation_percent = models.DecimalField(
        _("årlig uppräkning (%)"), max_digits=5, decimal_places=2, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Pris- och löneförändring per nytt kalenderår, t.ex. 2,00."),
    )
    note = models.TextField(_("kommentar"), blank=True)
    lock_version = models.PositiveIntegerField(default=1, editable=False)  # optimistic lock

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetar")
        ordering = ["version", "first_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__isnull=True)
                | models.Q(last_year__gte=models.F("first_year")),
                name="budget_years_in_order",
            )
        ]

    def __str__(self):
        return f"{self.version.partnership} {self.first_year}"

    def clean(self):
        if self.last_year is not None and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("Sista år kan inte ligga före första år.")})

    def covers(self, year: int) -> bool:
        if year < self.first_year or (self.last_year is not None and year > self.last_year):
            return False
        end = self.version.current_end
        return end is None or end.year >= year


class BudgetLine(models.Model):
    class Kind(models.TextChoices):
        STAFF = "staff", _("Personal")
        PREMISES = "premises", _("Lokaler")
        EQUIPMENT = "equipment", _("Utrustning")
        VOLUNTEERS = "volunteers", _("Ideella resurser")
        ADMINISTRATION = "administration", _("Administration")
        MATERIAL = "material", _("Material")
        OTHER = "other", _("Övrigt")

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    party = models.ForeignKey(
        "partnerships.Party", on_delete=models.PROTECT, related_name="budget_lines",
        verbose_name=_("part"),
    )
    kind = models.CharField(_("slag"), max_length=15, choices=Kind.choices)
    description = models.CharField(_("beskrivning"), max_length=200)
    in_kind = models.BooleanField(
        _("i form av resurser (inte pengar)"), default=False
    )
    hours_per_week = models.DecimalField(
        _("timmar per vecka"), max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    weeks_per_year = models.PositiveIntegerField(_("veckor per år"), null=True, blank=True)
    hourly_rate = models.DecimalField(
        _("timpris (kr)"), max_digits=9, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    lump_sum = models.BigIntegerField(
        _("belopp (kr)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    at_least = models.BooleanField(_("minst-belopp"), default=False)
    derived = models.BooleanField(
        _("härlett"), default=False,
        help_text=_("Beloppet står inte i källan utan är räknat ur andra uppgifter."),
    )

    class Meta:
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")
        ordering = ["budget", "party__role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lump_sum__isnull=True)
                | (
                    models.Q(hours_per_week__isnull=True)
                    & models.Q(weeks_per_year__isnull=True)
                    & models.Q(hourly_rate__isnull=True)
                ),
                name="line_hours_or_lump_sum",
            ),
            models.CheckConstraint(
                condition=models.Q(lump_sum__isnull=True) | models.Q(lump_sum__gte=0),
                name="line_lump_sum_not_negative",
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def uses_hours(self) -> bool:
        return self.hours_per_week is not None

    def clean(self):
        hours_fields = [self.hours_per_week, self.weeks_per_year, self.hourly_rate]
        if self.lump_sum is not None and any(value is not None for value in hours_fields):
            raise ValidationError({
                "lump_sum": _(
                    "Ange antingen timmar × veckor × timpris eller ett klumpbelopp, inte båda."
                )
            })
        if any(value is not None for value in hours_fields) and None in hours_fields:
            missing = {
                name: _("Fyll i timmar per vecka, veckor per år och timpris tillsammans.")
                for name, value in zip(
                    ["hours_per_week", "weeks_per_year", "hourly_rate"], hours_fields, strict=True
                )
                if value is None
            }
            raise ValidationError(missing)

    @property
    def hours_per_year(self):
        if not self.uses_hours:
            return None
        return money.hours_per_year(self.hours_per_week, self.weeks_per_year)

    @property
    def base_amount(self) -> int | None:
        """The amount in the budget's first year, whole kronor; None when not known."""
        if self.uses_hours:
            return money.hours_amount(self.hours_per_week, self.weeks_per_year, self.hourly_rate)
        return self.lump_sum
