from django.urls import path

from . import admin_views

app_name = "api_clients"
urlpatterns = [
    path("", admin_views.client_list, name="list"),
    path("ny/", admin_views.client_create, name="create"),
    path("<int:pk>/", admin_views.client_detail, name="detail"),
]
