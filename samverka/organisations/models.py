"""Municipalities and the organisations that take part in partnerships."""

import contextlib

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.core.locking import LockVersioned

from .orgnr import OrgNumberError, normalise_org_number


class Municipality(models.Model):
    """A municipality: every table with a municipality's data refers to one (sharding key)."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    code = models.CharField(_("kommunkod"), max_length=4, unique=True)

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self):
        return self.name


def validate_org_number(value: str) -> None:
    try:
        normalise_org_number(value)
    except OrgNumberError as error:
        raise ValidationError(str(error), code="invalid_org_number") from error


class Organisation(LockVersioned, models.Model):
    class Kind(models.TextChoices):
        MUNICIPAL_BODY = "municipal", _("Kommunal nämnd eller förvaltning")
        CIVIL_SOCIETY = "civil_society", _("Idéburen organisation")
        COMPANY = "company", _("Företag")
        PUBLIC_BODY = "public_body", _("Annan offentlig aktör")

    class IdeaRegister(models.TextChoices):
        YES = "yes", _("Ja")
        NO = "no", _("Nej")
        UNKNOWN = "unknown", _("Okänt")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organisations",
        verbose_name=_("kommun"),
    )
    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(_("kortnamn"), max_length=60, blank=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    org_number = models.CharField(
        _("organisationsnummer"), max_length=11, blank=True, validators=[validate_org_number],
        help_text=_("10 siffror, till exempel 802002-4512. Lämna tomt om det inte är känt."),
    )
    idea_register = models.CharField(
        _("registrerad i Kammarkollegiets register över idéburna organisationer"),
        max_length=10, choices=IdeaRegister.choices, default=IdeaRegister.UNKNOWN,
    )
    lock_version = models.PositiveIntegerField(default=1, editable=False)  # optimistic lock

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_org_name"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # An invalid number has already been reported on the field by its validator.
        with contextlib.suppress(OrgNumberError):
            if self.org_number:
                self.org_number = normalise_org_number(self.org_number)
