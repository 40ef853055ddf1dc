"""The one place that says who may do what. Deny by default."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Role

VIEW_REGISTER = "view_register"
EDIT_REGISTER = "edit_register"
EXPORT_REGISTER = "export_register"

RULES = {
    Role.ADMIN: {VIEW_REGISTER, EDIT_REGISTER, EXPORT_REGISTER},
    Role.OFFICER: {VIEW_REGISTER, EDIT_REGISTER, EXPORT_REGISTER},
    Role.CASE_WORKER: {VIEW_REGISTER},
    Role.PARTNER_STAFF: {VIEW_REGISTER},
    Role.COMMITTEE: {VIEW_REGISTER, EXPORT_REGISTER},
}


def profile_of(user):
    if not user.is_authenticated:
        return None
    return getattr(user, "profile", None)


def role_of(user) -> str | None:
    profile = profile_of(user)
    return profile.role if profile else None


def can(user, action: str, municipality_id: int | None = None) -> bool:
    """Whether USER may do ACTION, in the municipality MUNICIPALITY_ID when one is given."""
    profile = profile_of(user)
    if profile is None or not user.is_active:
        return False
    if municipality_id is not None and profile.municipality_id != municipality_id:
        return False
    return action in RULES.get(profile.role, set())


def require(user, action: str, municipality_id: int | None = None) -> None:
    """Raise 404 for objects of another municipality, 403 for a forbidden action."""
    profile = profile_of(user)
    if profile is None:
        raise PermissionDenied
    if municipality_id is not None and profile.municipality_id != municipality_id:
        raise Http404
    if not can(user, action):
        raise PermissionDenied
