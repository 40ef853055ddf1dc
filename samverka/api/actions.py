"""Writes of API clients, by the administrator: policy, one transaction, one audit row each."""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverka.accounts import policy
from samverka.accounts.models import Profile
from samverka.audit.actions import record

from .models import ApiClient, new_token, token_hash


def _require(user, client) -> None:
    if not policy.may_manage_api_client(user, client):
        raise PermissionDenied


def _validate(municipality_id, name, scopes, organisation, referring_unit, exclude=None):
    errors = policy.api_scope_errors(scopes, organisation, referring_unit)
    name = name.strip()
    if not name:
        errors["name"] = _("Ange ett namn.")
    elif ApiClient.objects.filter(municipality_id=municipality_id, name__iexact=name) \
            .exclude(pk=exclude).exists():
        errors["name"] = _("Det finns redan en API-klient med det namnet.")
    for field, obj in (("organisation", organisation), ("referring_unit", referring_unit)):
        if obj is not None and obj.municipality_id != municipality_id:
            errors[field] = _("Välj ett alternativ i din kommun.")
    if errors:
        raise ValidationError(errors)
    return name


def _set_token(client) -> str:
    token = new_token()
    client.token_hash = token_hash(token)
    client.token_hint = token[:8]
    return token


@transaction.atomic
def create_client(user, *, name, scopes, organisation=None, referring_unit=None):
    """A new client with its service account; returns (client, token): the token is shown once
    and never stored."""
    municipality_id = policy.profile_of(user).municipality_id if policy.profile_of(user) \
        else None
    _require(user, ApiClient(municipality_id=municipality_id))
    name = _validate(municipality_id, name, scopes, organisation, referring_unit)
    account = get_user_model().objects.create(
        username=f"api-{secrets.token_hex(6)}", first_name=name[:150], is_active=True)
    account.set_unusable_password()
    account.save(update_fields=["password"])
    Profile.objects.create(user=account, municipality_id=municipality_id,
                           role=policy.api_client_role(scopes),
                           organisation=organisation if _needs(scopes, "organisation") else None,
                           referring_unit=referring_unit if _needs(scopes, "unit") else None)
    client = ApiClient(municipality_id=municipality_id, name=name, user=account,
                       scopes=sorted(set(scopes)), organisation=organisation,
                       referring_unit=referring_unit)
    token = _set_token(client)
    client.save()
    record(user, "api_client.create", client, _values(client))
    return client, token


def _needs(scopes, what) -> bool:
    if what == "organisation":
        return policy.SCOPE_PLACEMENTS_WRITE in scopes
    return policy.SCOPE_REFERRALS_WRITE in scopes


def _values(client) -> dict:
    return {"name": client.name, "scopes": list(client.scopes),
            "organisation": client.organisation_id, "referring_unit": client.referring_unit_id,
            "is_active": client.is_active}


def _locked(user, client_id, expected_version) -> ApiClient:
    client = ApiClient.objects.select_for_update().filter(pk=client_id).first()
    _require(user, client)
    if client.version != expected_version:
        raise ValidationError(_("Någon annan har ändrat klienten. Ladda om sidan och försök "
                                "igen."))
    return client


@transaction.atomic
def set_active(user, client_id, expected_version: int, active: bool) -> ApiClient:
    """Deactivate (its token stops working at once) or reactivate a client."""
    client = _locked(user, client_id, expected_version)
    client.is_active = active
    client.version += 1
    client.save(update_fields=["is_active", "version"])
    client.user.is_active = active
    client.user.save(update_fields=["is_active"])
    record(user, "api_client.activate" if active else "api_client.deactivate", client,
           {"is_active": active})
    return client


@transaction.atomic
def rotate_token(user, client_id, expected_version: int) -> tuple[ApiClient, str]:
    """A new token for the client; the old one stops working at once."""
    client = _locked(user, client_id, expected_version)
    token = _set_token(client)
    client.version += 1
    client.save(update_fields=["token_hash", "token_hint", "version"])
    record(user, "api_client.rotate_token", client, {"token_hint": client.token_hint})
    return client, token
