from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.budgets"
    label = "budgets"
