from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _install_summaries(sender, using="default", **kwargs):
    from . import summaries

    summaries.install()


class Config(AppConfig):
    name = "samverka.followup"
    label = "followup"

    def ready(self):
        # The summaries' triggers follow the code (followup/summaries.py) after every migrate.
        post_migrate.connect(_install_summaries, sender=self)
