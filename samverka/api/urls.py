from django.urls import path, re_path, register_converter
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView

from samverka.core.params import MAX_DB_ID

from . import participants, register, statistics


class IdConverter:
    """A database id; a bigger number matches nothing and gets the API's JSON 404 (not the
    site's HTML 404 that BadParameterMiddleware gives such an id elsewhere)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = int(value)
        if number > MAX_DB_ID:
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("organisations/", register.OrganisationList.as_view(), name="organisations"),
    path("organisations/<id:pk>/", register.OrganisationDetail.as_view()),
    path("partnerships/", register.PartnershipList.as_view(), name="partnerships"),
    path("partnerships/<id:pk>/", register.PartnershipDetail.as_view()),
    path("agreement-versions/", register.VersionList.as_view()),
    path("agreement-versions/<id:pk>/", register.VersionDetail.as_view()),
    path("decisions/", register.DecisionList.as_view()),
    path("decisions/<id:pk>/", register.DecisionDetail.as_view()),
    path("budgets/", register.BudgetList.as_view()),
    path("budgets/<id:pk>/", register.BudgetDetail.as_view()),
    path("referring-units/", register.ReferringUnitList.as_view()),
    path("referrals/", participants.ReferralList.as_view(), name="referrals"),
    path("referrals/<id:pk>/", participants.ReferralDetail.as_view(), name="referral"),
    path("referrals/<id:pk>/withdraw/", participants.ReferralWithdraw.as_view()),
    path("referrals/<id:pk>/decision/", participants.ReferralDecision.as_view()),
    path("placements/", participants.PlacementList.as_view(), name="placements"),
    path("placements/<id:pk>/", participants.PlacementDetail.as_view(), name="placement"),
    path("placements/<id:pk>/weeks/", participants.PlacementWeek.as_view()),
    path("placements/<id:pk>/exit/", participants.PlacementExit.as_view()),
    path("statistics/partnerships/<id:pk>/", statistics.PartnershipStatistics.as_view()),
    path("statistics/portfolio/", statistics.PortfolioStatistics.as_view()),
]


@csrf_exempt
def _not_found(request, rest=""):
    """Any other address under /api/v1/ (also an id that is no number): JSON, not the HTML page."""
    from django.http import JsonResponse
    from django.utils.translation import gettext as _

    return JsonResponse({"fel": _("Hittades inte.")}, status=404)


urlpatterns.append(re_path(r"^(?P<rest>.*)$", _not_found))
