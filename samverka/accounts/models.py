"""Who a user is in the municipality: organisation and role. The policy module reads this."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administratör")
    OFFICER = "officer", _("Partnerskapshandläggare")
    CASE_WORKER = "case_worker", _("Handläggare på anvisande enhet")
    PARTNER_STAFF = "partner_staff", _("Personal hos samverkanspart")
    COMMITTEE = "committee", _("Nämndledamot (endast läsning)")


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="profiles"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="profiles", verbose_name=_("organisation"),
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    referring_unit = models.ForeignKey(
        "partnerships.ReferringUnit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="profiles", verbose_name=_("anvisande enhet"),
        help_text=_("För handläggare: den enhet vars anvisningar de ser."),
    )

    class Meta:
        verbose_name = _("användarprofil")
        verbose_name_plural = _("användarprofiler")

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


def role_label(value: str) -> str:
    """The Swedish (translated) name of the role VALUE, or "" for an unknown value."""
    return str(Role(value).label) if value in Role.values else ""
