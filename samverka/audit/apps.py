from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.audit"
    label = "audit"
