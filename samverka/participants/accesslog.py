"""Writing the access log of participant data. A failed write stops the access it records."""

from django.db import transaction
from django.utils import timezone

from samverka.accounts.policy import profile_of, within_own_scope

from .models import AccessLogEntry

ALLOWED = AccessLogEntry.Outcome.ALLOWED
DENIED = AccessLogEntry.Outcome.DENIED
LIST_TYPE = "participants.participant"  # lists, searches and exports: ids are in `detail`


class AccessLogUnavailable(Exception):
    """The access log could not be written: the data must not be shown or changed."""


class Purpose:
    """Why the data is accessed; stored on every entry."""

    CASEWORK = "handläggning"
    PLACEMENT = "placering och närvaro"
    FOLLOW_UP = "uppföljning"
    LOG_REVIEW = "logggranskning"
    RIGHT_OF_ACCESS = "registerutdrag"
    RETENTION = "gallring"


def write(user, action, purpose, *, participant=None, obj=None, changed_fields=(),
          detail=None, outcome=ALLOWED, municipality_id=None) -> AccessLogEntry:
    """Append one entry; raise AccessLogUnavailable when it cannot be stored."""
    profile = profile_of(user) if user is not None else None
    if obj is None:
        obj = participant
    try:
        with transaction.atomic():
            return AccessLogEntry.objects.create(
                at=timezone.now(),
                municipality_id=profile.municipality_id if profile else municipality_id,
                user=user if user is not None and user.is_authenticated else None,
                username=user.get_username() if user is not None else "system",
                organisation_id=profile.organisation_id if profile else None,
                organisation_name=str(profile.organisation) if profile and
                profile.organisation_id else "",
                referring_unit_name=str(profile.referring_unit) if profile and
                profile.referring_unit_id else "",
                role=profile.role if profile else "system",
                participant=participant,
                action=action,
                object_type=obj._meta.label_lower if obj is not None else LIST_TYPE,
                object_id=str(obj.pk) if obj is not None else "",
                changed_fields=sorted(changed_fields),
                detail=detail or {},
                purpose=purpose,
                outcome=outcome,
                within_own_scope=(
                    within_own_scope(user, participant, obj)
                    if participant is not None and profile is not None else True
                ),
            )
    except Exception as error:  # any failure: the caller must refuse the access
        raise AccessLogUnavailable(str(error)) from error
