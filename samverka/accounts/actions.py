"""Writes of user accounts and roles: administrators, in their own municipality, audited.

Each action checks accounts/policy.py, runs in one transaction and writes its audit row. Changes
are optimistically locked by a stamp of the values the form was read with (Profile has no
version column), so two administrators cannot silently overwrite each other.
"""

import hashlib

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from samverka.audit.actions import record

from . import policy
from .models import Profile, Role

EDITABLE = ("first_name", "last_name", "email", "role", "organisation_id", "referring_unit_id",
            "is_active")


class StaleAccount(Exception):
    """Someone else changed the account after it was read: nothing was changed."""

    def __init__(self, current: Profile):
        self.current = current
        super().__init__(_("Någon annan har ändrat kontot medan du redigerade det."))


def values_of(profile: Profile) -> dict:
    user = profile.user
    return {"first_name": user.first_name, "last_name": user.last_name, "email": user.email,
            "role": profile.role, "organisation_id": profile.organisation_id,
            "referring_unit_id": profile.referring_unit_id, "is_active": user.is_active}


def stamp(profile: Profile) -> str:
    """A fingerprint of the account as read; a changed stamp means someone else saved."""
    text = repr(sorted(values_of(profile).items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _check_scope(municipality_id, role, organisation_id, referring_unit_id) -> None:
    from samverka.organisations.models import Organisation
    from samverka.partnerships.models import ReferringUnit

    errors = {}
    if role not in Role.values:
        errors["role"] = _("Välj en roll.")
    if organisation_id and not Organisation.objects.filter(
            pk=organisation_id, municipality_id=municipality_id).exists():
        errors["organisation"] = _("Välj en organisation i din kommun.")
    if referring_unit_id and not ReferringUnit.objects.filter(
            pk=referring_unit_id, municipality_id=municipality_id).exists():
        errors["referring_unit"] = _("Välj en anvisande enhet i din kommun.")
    if role == Role.CASE_WORKER and not referring_unit_id:
        errors["referring_unit"] = _("En handläggare behöver en anvisande enhet.")
    if role == Role.PARTNER_STAFF and not organisation_id:
        errors["organisation"] = _("Personal hos en samverkanspart behöver en organisation.")
    if errors:
        raise ValidationError(errors)


def create_user(actor, *, username: str, password: str, role: str, first_name: str = "",
                last_name: str = "", email: str = "", organisation_id=None,
                referring_unit_id=None) -> Profile:
    """A new account in ACTOR's municipality with ROLE; the password passes Django's validators."""
    if not policy.can(actor, policy.MANAGE_USERS):
        raise PermissionDenied
    municipality_id = policy.profile_of(actor).municipality_id
    User = get_user_model()
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("Ange ett användarnamn.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Användarnamnet är redan upptaget.")})
    _check_scope(municipality_id, role, organisation_id, referring_unit_id)
    candidate = User(username=username, first_name=first_name, last_name=last_name, email=email)
    try:
        password_validation.validate_password(password, user=candidate)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from None
    with transaction.atomic():
        candidate.set_password(password)
        candidate.save()
        profile = Profile.objects.create(
            user=candidate, municipality_id=municipality_id, role=role,
            organisation_id=organisation_id, referring_unit_id=referring_unit_id)
        record(actor, "user.create", profile, {"username": username, **values_of(profile)})
    return profile


def change_user(actor, profile_id, read_stamp: str, **changes) -> Profile:
    """Change an account's name, e-mail, role, organisation, unit or active status, if nobody
    else has since READ_STAMP; one audit row lists each field before → after."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if not policy.can(actor, policy.MANAGE_USERS):
        raise PermissionDenied
    with transaction.atomic():
        profile = policy.managed_profiles(actor).select_for_update(of=("self",)).select_related(
            "user").filter(pk=profile_id).first()
        if profile is None:
            raise Http404
        before = values_of(profile)
        if stamp(profile) != read_stamp:
            raise StaleAccount(profile)
        after = {**before, **changes}
        if profile.user_id == actor.pk and (after["role"] != Role.ADMIN or
                                            not after["is_active"]):
            raise ValidationError({"role": _(
                "Du kan inte ta bort din egen administratörsroll eller inaktivera ditt eget "
                "konto; be en annan administratör.")})
        _check_scope(profile.municipality_id, after["role"], after["organisation_id"],
                     after["referring_unit_id"])
        changed = {name: [before[name], after[name]] for name in EDITABLE
                   if before[name] != after[name]}
        if not changed:
            return profile
        user = profile.user
        for name in ("first_name", "last_name", "email", "is_active"):
            setattr(user, name, after[name])
        user.save()
        for name in ("role", "organisation_id", "referring_unit_id"):
            setattr(profile, name, after[name])
        profile.save()
        if "is_active" in changed:
            action = "user.reactivate" if after["is_active"] else "user.deactivate"
        else:
            action = "user.update"
        record(actor, action, profile, {name: f"{old} → {new}" for name, (old, new)
                                        in changed.items()})
    return profile
