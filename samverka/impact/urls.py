from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("", views.index, name="index"),
    path("partnerskap/<int:pk>/", views.partnership, name="partnership"),
    path("deltagare/<int:participant_id>/", views.participant, name="participant"),
    path("deltagare/<int:participant_id>/bedomning/", views.assessment_create,
         name="assessment_create"),
    path("proxyer/", views.proxies, name="proxies"),
    path("proxyer/ny/", views.proxy_edit, name="proxy_create"),
    path("proxyer/<int:pk>/", views.proxy_edit, name="proxy_edit"),
    path("instrument/ny/", views.instrument_version_create, name="instrument_create"),
    path("instrument/version/<int:pk>/ta-i-bruk/", views.instrument_version_status,
         {"change": "activate"}, name="version_activate"),
    path("instrument/version/<int:pk>/utfas/", views.instrument_version_status,
         {"change": "retire"}, name="version_retire"),
    path("partnerskap/<int:pk>/sroi/<int:year>/", views.sroi_edit, name="sroi_edit"),
    path("partnerskap/<int:pk>/bokslut/<int:year>/", views.account_edit, name="account_edit"),
]
