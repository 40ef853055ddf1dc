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
]
