from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.demo"
    label = "demo"
