"""Every error of the API as JSON with a Swedish message: {"fel": "...", "falt": {...}}."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from samverka.participants.accesslog import AccessLogUnavailable
from samverka.participants.actions import Conflict as ParticipantConflict
from samverka.partnerships.actions import Conflict as RegisterConflict

logger = logging.getLogger(__name__)


def _body(message, fields=None) -> dict:
    body = {"fel": str(message)}
    if fields:
        body["falt"] = {name: [str(m) for m in messages] for name, messages in fields.items()}
    return body


def _drf_fields(detail):
    if isinstance(detail, dict):
        return {name: value if isinstance(value, list) else [value]
                for name, value in detail.items()}
    return {"non_field_errors": detail if isinstance(detail, list) else [detail]}


def _flatten(value):
    """DRF's nested error details (a list of dicts for a nested serializer) as plain strings."""
    if isinstance(value, dict):
        return "; ".join(f"{name}: {_flatten(item)}" for name, item in value.items())
    if isinstance(value, list):
        return "; ".join(_flatten(item) for item in value)
    return str(value)


def validation_response(error: DjangoValidationError) -> Response:
    fields = error.message_dict if hasattr(error, "error_dict") else {
        "non_field_errors": error.messages}
    first = next(iter(fields.values()))[0] if fields else _("Ogiltiga uppgifter.")
    return Response(_body(first, fields), status=status.HTTP_400_BAD_REQUEST)


def handler(exc, context):
    """DRF's exception handler: the Django and Samverka exceptions mapped to status codes."""
    if isinstance(exc, DjangoValidationError):
        return validation_response(exc)
    if isinstance(exc, ParticipantConflict | RegisterConflict):
        current = getattr(exc.current, "version", None) or getattr(
            exc.current, "lock_version", None)
        body = _body(_("Någon annan har ändrat uppgifterna. Läs dem igen och försök på nytt."))
        body["version"] = current
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, AccessLogUnavailable | DatabaseError):
        logger.error("api: %s", type(exc.__cause__ or exc).__name__)
        return Response(_body(_("Tjänsten är inte tillgänglig just nu. Försök igen senare.")),
                        status=status.HTTP_503_SERVICE_UNAVAILABLE)
    if isinstance(exc, Http404 | exceptions.NotFound):
        return Response(_body(_("Hittades inte.")), status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoPermissionDenied | exceptions.PermissionDenied):
        return Response(_body(_("Klienten saknar behörighet för detta.")),
                        status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        message = exc.detail if isinstance(exc, exceptions.AuthenticationFailed) else _(
            "Nyckel saknas: ange Authorization: Bearer <nyckel>.")
        return Response(_body(message), status=status.HTTP_401_UNAUTHORIZED,
                        headers={"WWW-Authenticate": "Bearer"})
    if isinstance(exc, exceptions.ValidationError):
        fields = _drf_fields(exc.detail)
        fields = {name: [_flatten(m) for m in messages] for name, messages in fields.items()}
        return Response(_body(next(iter(fields.values()))[0], fields),
                        status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.APIException):
        return Response(_body(_flatten(exc.detail)), status=exc.status_code)
    return None
