"""Published statistics of a partnership or the portfolio for a standard period: the same
figures, with the same disclosure control, as the committee's follow-up pages
(followup/publication.py). Nothing here computes or withholds anything itself."""

import re

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from samverka.followup import publication
from samverka.followup.periods import PeriodError, parse_period, published, published_choice
from samverka.partnerships.models import Partnership

from . import statistics_schema
from .base import municipality_id
from .permissions import ReadsStatistics
from .register import ERRORS

STANDARD = re.compile(r"^\d{4}(-[Hh][12]|-[Qq][1-4]|-\d{2})?$")
PERIOD = OpenApiParameter(
    "period", str, required=True, pattern=STANDARD.pattern,
    description="Publicerad standardperiod, som standard år eller halvår: 2025, 2025-H1 "
                "(FOLLOWUP_PUBLISHED_PERIODS) / a published standard period")
FIGURES = OpenApiResponse(statistics_schema.published(),
                          description="Ett partnerskaps publicerade siffror / a partnership's "
                                      "published figures")
PORTFOLIO = OpenApiResponse(statistics_schema.portfolio(),
                            description="Portföljens publicerade siffror / the portfolio's "
                                        "published figures")


def _period(request):
    text = request.query_params.get("period", "")
    if not STANDARD.match(text):
        raise ValidationError({"period": [_("Ange en standardperiod, t.ex. 2025, 2025-H1, "
                                            "2025-Q3 eller 2025-05.")]})
    if not 1990 <= int(text[:4]) <= 2100:
        raise ValidationError({"period": [_("Ange ett år mellan 1990 och 2100.")]})
    try:
        period = parse_period(text)
    except PeriodError as error:
        raise ValidationError({"period": [str(error)]}) from error
    found = published(period)
    if found is None:
        raise ValidationError({"period": [_("Siffrorna ges inte ut för den perioden.") + " "
                                          + published_choice()]})
    return found


class PartnershipStatistics(APIView):
    permission_classes = [ReadsStatistics]

    @extend_schema(summary="Ett partnerskaps publicerade statistik / a partnership's published "
                           "statistics", parameters=[PERIOD], responses={200: FIGURES, **ERRORS})
    def get(self, request, pk):
        period = _period(request)
        partnership = get_object_or_404(Partnership, pk=pk,
                                        municipality_id=municipality_id(request))
        return Response(publication.partnership(partnership, period))


class PortfolioStatistics(APIView):
    permission_classes = [ReadsStatistics]

    @extend_schema(summary="Portföljens publicerade statistik / the portfolio's published "
                           "statistics", parameters=[PERIOD], responses={200: PORTFOLIO, **ERRORS})
    def get(self, request):
        period = _period(request)
        data, _rows = publication.portfolio(period, [municipality_id(request)])
        return Response(data)
