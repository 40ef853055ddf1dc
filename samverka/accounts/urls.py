from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.users, name="users"),
    path("ny/", views.user_create, name="user_create"),
    path("<int:pk>/", views.user_edit, name="user_edit"),
]
