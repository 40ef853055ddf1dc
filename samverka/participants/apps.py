from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.participants"
    label = "participants"
