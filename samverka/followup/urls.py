from django.urls import path

from . import meeting_views, views

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
    path("<int:pk>/dialogmoten/<int:meeting_pk>/genomfort/", meeting_views.meeting_hold,
         name="meeting_hold"),
    path("<int:pk>/dialogmoten/<int:meeting_pk>/installt/", meeting_views.meeting_cancel,
         name="meeting_cancel"),
]
