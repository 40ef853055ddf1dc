from django.urls import path

from . import views

urlpatterns = [
    path("portfolj/", views.portfolio, name="portfolio"),
    path("partnerskap/nytt/", views.partnership_create, name="partnership_create"),
    path("partnerskap/<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("partnerskap/<int:pk>/andra/", views.partnership_edit, name="partnership_edit"),
    path("partnerskap/<int:pk>/ansvarig/", views.responsible_edit, name="responsible_edit"),
    path("partnerskap/<int:pk>/parter/ny/", views.party_edit, name="party_create"),
    path("partnerskap/<int:pk>/parter/<int:party_pk>/", views.party_edit, name="party_edit"),
    path("partnerskap/<int:pk>/versioner/ny/", views.version_edit, name="version_create"),
    path("partnerskap/<int:pk>/versioner/<int:version_pk>/", views.version_edit,
         name="version_edit"),
    path("partnerskap/<int:pk>/versioner/<int:version_pk>/kriterier/", views.criteria_edit,
         name="criteria_edit"),
    path("partnerskap/<int:pk>/versioner/<int:version_pk>/budget/ny/", views.budget_edit,
         name="budget_create"),
    path("partnerskap/<int:pk>/versioner/<int:version_pk>/budget/<int:budget_pk>/",
         views.budget_edit, name="budget_edit"),
    path("partnerskap/<int:pk>/beslut/nytt/", views.decision_edit, name="decision_create"),
    path("partnerskap/<int:pk>/beslut/<int:decision_pk>/", views.decision_edit,
         name="decision_edit"),
    path("organisationer/", views.organisation_list, name="organisations"),
    path("organisationer/ny/", views.organisation_edit, name="organisation_create"),
    path("organisationer/<int:org_pk>/", views.organisation_edit, name="organisation_edit"),
]
