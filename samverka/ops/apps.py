from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.ops"
    label = "ops"
    verbose_name = "Drift"
