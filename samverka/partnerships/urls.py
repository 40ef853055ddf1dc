from django.urls import path

from . import attachments, guided_views, lifecycle_views, views

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
    path("partnerskap/<int:pk>/versioner/<int:version_pk>/forlang/",
         lifecycle_views.version_extend, name="version_extend"),
    path("partnerskap/<int:pk>/versioner/<int:version_pk>/sag-upp/",
         lifecycle_views.version_terminate, name="version_terminate"),
    path("partnerskap/<int:pk>/handlingar/ny/", attachments.attachment_create,
         name="attachment_create"),
    path("handlingar/<int:attachment_pk>/", attachments.attachment_download,
         name="attachment_download"),
    path("partnerskap/<int:pk>/beslut/nytt/", views.decision_edit, name="decision_create"),
    path("partnerskap/<int:pk>/beslut/<int:decision_pk>/", views.decision_edit,
         name="decision_edit"),
    path("organisationer/", views.organisation_list, name="organisations"),
    path("organisationer/ny/", views.organisation_edit, name="organisation_create"),
    path("organisationer/<int:org_pk>/", views.organisation_edit, name="organisation_edit"),
]

# The guided flow for a new partnership (issue 15).
urlpatterns += [
    path("partnerskap/guidad/ny/", guided_views.new, name="guided_new"),
    path("partnerskap/<int:pk>/guidad/", guided_views.overview, name="guided_overview"),
    path("partnerskap/<int:pk>/guidad/partnerskap/", guided_views.start, name="guided_start"),
    path("partnerskap/<int:pk>/guidad/parter/", guided_views.parties, name="guided_parties"),
    path("partnerskap/<int:pk>/guidad/overenskommelse/", guided_views.agreement,
         name="guided_agreement"),
    path("partnerskap/<int:pk>/guidad/budget/", guided_views.budget, name="guided_budget"),
    path("partnerskap/<int:pk>/guidad/kriterier/", guided_views.criteria, name="guided_criteria"),
    path("partnerskap/<int:pk>/guidad/beslut/", guided_views.decision, name="guided_decision"),
]
