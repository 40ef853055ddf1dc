from django.apps import AppConfig


class Config(AppConfig):
    name = "samverka.core"
    label = "core"

    def ready(self):
        from .choices import bound_ids

        bound_ids()
