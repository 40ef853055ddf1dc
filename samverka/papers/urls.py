from django.urls import path

from . import views

urlpatterns = [
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
    path("behandlingsregister/", views.processing_record, name="processing_record"),
    path("behandlingsregister.md", views.processing_record_markdown,
         name="processing_record_markdown"),
]
