"""What every API view shares: the paging, and the access-log guard of personal-data views."""

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from samverka.accounts import policy
from samverka.participants import accesslog
from samverka.participants.accesslog import DENIED, AccessLogUnavailable, Purpose
from samverka.participants.models import AccessLogEntry

MAX_PAGE = 100_000


class Pages(PageNumberPagination):
    page_size = 100


def page_number(request) -> int:
    """The ?page= asked for (1 when absent); 400 with a Swedish message when unreadable."""
    text = request.query_params.get("page", "1")
    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE:
        raise ValidationError({"page": [_("Ange sidnummer som ett heltal från 1.")]})
    return int(text)


def municipality_id(request) -> int:
    return policy.profile_of(request.user).municipality_id


class PersonalDataView(APIView):
    """A view of participant data: every response to a client writes exactly one access-log
    entry. The selectors and actions write theirs; a refusal that wrote none (a missing scope,
    an unknown id) and an error response about the data get one here."""

    purpose = Purpose.CASEWORK

    def dispatch(self, request, *args, **kwargs):
        with accesslog.counting() as written:
            self._written = written
            return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        code = response.status_code
        if self._written or code in (401, 503) or policy.profile_of(request.user) is None:
            return response
        try:
            accesslog.write(request.user, AccessLogEntry.Action.VIEW, self.purpose,
                            outcome=DENIED if code in (403, 404, 405) else accesslog.ALLOWED,
                            detail={"api": type(self).__name__, "status": code})
        except AccessLogUnavailable:
            response = Response({"fel": _("Tjänsten är inte tillgänglig just nu.")},
                                status=status.HTTP_503_SERVICE_UNAVAILABLE)
            response = super().finalize_response(request, response, *args, **kwargs)
        return response
