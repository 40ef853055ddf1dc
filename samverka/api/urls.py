from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import participants, register, statistics

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("organisations/", register.OrganisationList.as_view(), name="organisations"),
    path("organisations/<int:pk>/", register.OrganisationDetail.as_view()),
    path("partnerships/", register.PartnershipList.as_view(), name="partnerships"),
    path("partnerships/<int:pk>/", register.PartnershipDetail.as_view()),
    path("agreement-versions/", register.VersionList.as_view()),
    path("agreement-versions/<int:pk>/", register.VersionDetail.as_view()),
    path("decisions/", register.DecisionList.as_view()),
    path("decisions/<int:pk>/", register.DecisionDetail.as_view()),
    path("budgets/", register.BudgetList.as_view()),
    path("budgets/<int:pk>/", register.BudgetDetail.as_view()),
    path("referring-units/", register.ReferringUnitList.as_view()),
    path("referrals/", participants.ReferralList.as_view(), name="referrals"),
    path("referrals/<int:pk>/", participants.ReferralDetail.as_view(), name="referral"),
    path("referrals/<int:pk>/withdraw/", participants.ReferralWithdraw.as_view()),
    path("referrals/<int:pk>/decision/", participants.ReferralDecision.as_view()),
    path("placements/", participants.PlacementList.as_view(), name="placements"),
    path("placements/<int:pk>/", participants.PlacementDetail.as_view(), name="placement"),
    path("placements/<int:pk>/weeks/", participants.PlacementWeek.as_view()),
    path("placements/<int:pk>/exit/", participants.PlacementExit.as_view()),
    path("statistics/partnerships/<int:pk>/", statistics.PartnershipStatistics.as_view()),
    path("statistics/portfolio/", statistics.PortfolioStatistics.as_view()),
]
