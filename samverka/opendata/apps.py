from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "samverka.opendata"
    verbose_name = "Öppna data"
