from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "samverka.api"
    label = "api"
    verbose_name = "API"
