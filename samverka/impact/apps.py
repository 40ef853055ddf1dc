from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.impact"
    label = "impact"
