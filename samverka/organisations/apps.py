from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.organisations"
    label = "organisations"
