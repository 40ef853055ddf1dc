from django.urls import path

from . import rules_views, views

app_name = "accounts"
urlpatterns = [
    path("", views.users, name="users"),
    path("ny/", views.user_create, name="user_create"),
    path("<int:pk>/", views.user_edit, name="user_edit"),
    path("inloggningsregler/", rules_views.rule_list, name="sign_in_rules"),
    path("inloggningsregler/ny/", rules_views.rule_create, name="sign_in_rule_create"),
    path("inloggningsregler/<int:pk>/", rules_views.rule_edit, name="sign_in_rule_edit"),
    path("inloggningsregler/<int:pk>/ta-bort/", rules_views.rule_delete,
         name="sign_in_rule_delete"),
]
