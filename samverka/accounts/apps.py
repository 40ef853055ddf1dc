from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.accounts"
    label = "accounts"
