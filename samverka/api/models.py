"""API clients: systems (case-management and partner systems) that call /api/v1/ with a token.

A client acts through its own service account (a user without a password) whose profile has
the role, municipality, organisation and referring unit its scopes call for, so the policy,
selectors, actions, audit rows and access log apply to it as to a person. Only a hash of the
token is stored; the token itself is shown once, when it is created.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "smv_"


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """SHA-256 of the token: tokens are long random strings, so no slow hash is needed."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiClient(models.Model):
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="api_clients")
    name = models.CharField(_("namn"), max_length=120)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client")
    scopes = models.JSONField(_("behörigheter"), default=list)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="api_clients", verbose_name=_("organisation"))
    referring_unit = models.ForeignKey(
        "partnerships.ReferringUnit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="api_clients", verbose_name=_("anvisande enhet"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_hint = models.CharField(_("nyckelns början"), max_length=12, editable=False)
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("API-klient")
        verbose_name_plural = _("API-klienter")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "name"],
                                               name="api_apiclient_unique_name")]

    def __str__(self):
        return self.name
