from django.apps import AppConfig


class WorklistConfig(AppConfig):
    name = "samverka.worklist"
    verbose_name = "Att göra"
