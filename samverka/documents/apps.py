from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.documents"
    label = "documents"
