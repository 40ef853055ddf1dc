from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.partnerships"
    label = "partnerships"
