"""Writing audit rows; called by every action that changes the register."""

import logging

from django.db import transaction

from samverka.accounts.policy import acting_api_client, profile_of

from .models import AuditEvent

action_logger = logging.getLogger("samverka.actions")


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
    event = AuditEvent.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        role=profile.role if profile else "system",
        municipality_id=profile.municipality_id if profile else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        changes={key: _jsonable(value) for key, value in (changes or {}).items()},
        api_client=_client_name(user),
    )
    transaction.on_commit(lambda: _log_action(event))
    return event


def _client_name(user) -> str:
    client = acting_api_client(user) if user is not None else None
    return client.name if client is not None else ""


def _log_action(event: AuditEvent) -> None:
    """One log line per committed action: ids and names of fields only, never their values."""
    action_logger.info("%s %s %s", event.action, event.object_type, event.object_id, extra={
        "action": event.action, "object_type": event.object_type, "object_id": event.object_id,
        "user_id": event.user_id, "role": event.role, "municipality_id": event.municipality_id,
        "fields": ",".join(sorted(event.changes)),
    })
