from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.accounts"
    label = "accounts"

    def ready(self):
        from . import login

        login.connect_signals()
