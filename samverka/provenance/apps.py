from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.provenance"
    label = "provenance"
