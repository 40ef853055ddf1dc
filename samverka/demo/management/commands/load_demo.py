from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from samverka.demo import linkoping
from samverka.demo.loader import load_demo

# Apps that add demo data of their own provide `demo.load(municipality)`; run in this order.
DEMO_EXTENSIONS = ["participants", "followup", "impact"]


def load_extensions(municipality) -> None:
    for app in DEMO_EXTENSIONS:
        try:
            module = import_module(f"samverka.{app}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"samverka.{app}.demo":
                raise
            continue
        module.load(municipality)


class Command(BaseCommand):
    help = "Läser in demokommunen Linköpings kommun byggd ur de fem beslutsunderlagen (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            municipality = load_demo()
            load_extensions(municipality)
        if options["verbosity"] < 1:
            return
        self.stdout.write(f"Demokommunen {municipality} är inläst.")
        self.stdout.write("Demoinloggningar (användarnamn / lösenord – roll):")
        for username, password, role, *_ in linkoping.USERS:
            self.stdout.write(f"  {username} / {password} – {role}")
