from django.urls import path

from . import views

app_name = "followup"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("rapport.<str:fmt>", views.portfolio_report, name="portfolio_report"),
    path("paminnelser/", views.reminders, name="reminders"),
    path("<int:pk>/", views.partnership, name="partnership"),
    path("<int:pk>/rapport.<str:fmt>", views.partnership_report, name="partnership_report"),
    path("<int:pk>/dialogmoten/ny/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/dialogmoten/<int:meeting_pk>/", views.meeting_edit, name="meeting_edit"),
]
