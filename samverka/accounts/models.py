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


class SignInProvider(models.TextChoices):
    OIDC = "oidc", _("OpenID Connect (t.ex. Entra ID, AD FS)")
    SAML2 = "saml2", _("SAML2 (t.ex. Sweden Connect)")


class SignInRule(models.Model):
    """Municipal sign-in: a user whose identity provider sends CLAIM with VALUE (or a list holding
    it) gets ROLE in MUNICIPALITY, with the organisation or referring unit the role needs."""

    provider = models.CharField(_("identitetstjänst"), max_length=10,
                                choices=SignInProvider.choices)
    claim = models.CharField(_("attribut"), max_length=200,
                             help_text=_("Namnet på det attribut eller den claim som "
                                         "identitetstjänsten skickar, t.ex. groups."))
    value = models.CharField(_("värde"), max_length=500,
                             help_text=_("Värdet som ska matcha, t.ex. gruppens id."))
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="sign_in_rules")
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="sign_in_rules", verbose_name=_("organisation"))
    referring_unit = models.ForeignKey(
        "partnerships.ReferringUnit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="sign_in_rules", verbose_name=_("anvisande enhet"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("inloggningsregel")
        verbose_name_plural = _("inloggningsregler")
        constraints = [models.UniqueConstraint(
            fields=["provider", "claim", "value", "municipality"],
            name="accounts_signinrule_unique_match")]

    def __str__(self):
        return f"{self.get_provider_display()}: {self.claim} = {self.value}"
