from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.core"
    label = "core"
