"""Writing audit rows; called by every action that changes the register."""

from django.db import transaction

from samverka.accounts.policy import profile_of

from .models import AuditEvent


def _jsonable(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, dict):  # e.g. {"before": …, "after": …} of a changed field
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return str(value)


def record(user, action: str, obj, changes: dict | None = None) -> AuditEvent:
    """Append an audit row for ACTION on OBJ by USER; must run inside the caller's transaction."""
    assert transaction.get_connection().in_atomic_block, "audit rows belong to a transaction"
    profile = profile_of(user) if user is not None else None
    return AuditEvent.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        role=profile.role if profile else "system",
        municipality_id=profile.municipality_id if profile else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        changes={key: _jsonable(value) for key, value in (changes or {}).items()},
    )
