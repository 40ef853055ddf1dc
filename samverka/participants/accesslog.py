"""Writing the access log of participant data. A failed write stops the access it records."""

import functools
import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from samverka.accounts.policy import acting_api_client, profile_of, within_own_scope

from .models import AccessLogEntry

logger = logging.getLogger(__name__)

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
            entry = AccessLogEntry.objects.create(
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
                api_client=_client_name(user),
            )
    except Exception as error:  # any failure: the caller must refuse the access
        raise AccessLogUnavailable(type(error).__name__) from error
    _count_write()
    return entry


def _client_name(user) -> str:
    client = acting_api_client(user) if user is not None else None
    return client.name if client is not None else ""


# Entries written while the current request is handled by a guarded view (None outside one).
_written: ContextVar[list | None] = ContextVar("access_log_written", default=None)


def _count_write() -> None:
    written = _written.get()
    if written is not None:
        written.append(1)


@contextmanager
def counting():
    """Count the entries written inside (a list: its length), for guards other than guarded()
    that must see to one entry per response, such as the API's."""
    token = _written.set([])
    try:
        yield _written.get()
    finally:
        _written.reset(token)


def guarded(view=None, *, purpose=Purpose.CASEWORK, nav="participants"):
    """Login required, and for every response of VIEW exactly one access-log entry at least on
    refusal: a 403 or 404 that wrote no entry of its own gets a denied entry here. When the log
    cannot be written (or the database fails) nothing is shown: 503, without personal data."""
    if view is None:
        return functools.partial(guarded, purpose=purpose, nav=nav)

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        token = _written.set([])
        try:
            try:
                return view(request, *args, **kwargs)
            except (PermissionDenied, Http404):
                if not _written.get() and profile_of(request.user) is not None:
                    write(request.user, AccessLogEntry.Action.VIEW, purpose, outcome=DENIED,
                          detail={"view": request.resolver_match.view_name
                                  if request.resolver_match else ""})
                raise
        except (AccessLogUnavailable, DatabaseError) as error:
            # The class name only: database messages can carry personal data.
            logger.error("access log unavailable in %s: %s", view.__name__,
                         type(error.__cause__ or error).__name__)
            return render(request, "participants/log_unavailable.html", {"nav": nav},
                          status=503)
        finally:
            _written.reset(token)

    wrapper.access_logged = True  # tests/participants/test_access_log_walk.py finds these
    return wrapper
