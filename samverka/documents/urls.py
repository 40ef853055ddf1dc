from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("importera/", views.upload, name="upload"),
    path("partnerskap/<int:pk>/versioner/<int:version_pk>/tjansteskrivelse/", views.memo,
         name="memo"),
    path("tjansteskrivelser/<int:memo_pk>/", views.memo_download, name="memo_download"),
]
