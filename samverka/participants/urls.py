from django.urls import path

from . import lifecycle_views, log_review, views

app_name = "participants"

urlpatterns = [
    path("", views.participant_list, name="list"),
    path("sok/", views.participant_search, name="search"),
    path("export.csv", views.export_csv, name="export"),
    path("logg/", log_review.access_log, name="access_log"),
    path("logg/export/", log_review.access_log_export, name="access_log_export"),
    path("anvisning/ny/", views.referral_create, name="referral_create"),
    path("anvisning/<int:pk>/andra/", views.referral_edit, name="referral_edit"),
    path("anvisning/<int:pk>/besvara/", views.referral_decide, name="referral_decide"),
    path("placering/<int:pk>/avsluta/", views.placement_exit, name="placement_exit"),
    path("placering/<int:pk>/ratta-avslut/", lifecycle_views.placement_correct_exit,
         name="placement_correct_exit"),
    path("anvisning/<int:pk>/aterta/", lifecycle_views.referral_withdraw,
         name="referral_withdraw"),
    path("placering/<int:pk>/vecka/", views.placement_week, name="placement_week"),
    path("<int:pk>/", views.participant_detail, name="detail"),
    path("<int:pk>/personnummer/", views.reveal_number, name="reveal"),
    path("<int:pk>/placering/ny/", views.placement_create, name="placement_create"),
    path("<int:pk>/registerutdrag.json", views.right_of_access, name="right_of_access"),
]
