from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from samverka.accounts.models import Role
from samverka.demo import linkoping
from samverka.demo.loader import load_demo

# Apps that add demo data of their own provide `demo.load(municipality)`; run in this order.
DEMO_EXTENSIONS = ["participants", "followup", "impact"]


def extension_modules():
    for app in DEMO_EXTENSIONS:
        try:
            yield import_module(f"samverka.{app}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"samverka.{app}.demo":
                raise


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, password, role label) of every demo user, register's and extensions'."""
    logins = [(name, password, Role(role).label) for name, password, role, *_ in linkoping.USERS]
    for module in extension_modules():
        for name, role, *_ in getattr(module, "USERS", []):
            logins.append((name, module.PASSWORD, Role(role).label))
    return logins


class Command(BaseCommand):
    help = "Läser in demokommunen Linköpings kommun byggd ur de fem beslutsunderlagen (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            municipality = load_demo()
            for module in extension_modules():
                module.load(municipality)
        if options["verbosity"] < 1:
            return
        self.stdout.write(f"Demokommunen {municipality} är inläst.")
        self.stdout.write("Demoinloggningar (användarnamn / lösenord – roll):")
        for username, password, role in demo_logins():
            self.stdout.write(f"  {username} / {password} – {role}")
