from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.followup"
    label = "followup"
