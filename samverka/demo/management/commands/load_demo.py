from importlib import import_module

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from samverka.accounts import otp
from samverka.accounts.models import Role
from samverka.accounts.policy import role_of
from samverka.demo import linkoping, present
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


def enrol_demo_devices() -> list[str]:
    """Give the demo's administrators and officers the published demo TOTP device."""
    usernames = [username for username, *_ in demo_logins()]
    users = get_user_model().objects.filter(username__in=usernames).select_related("profile")
    enrolled = []
    for user in users.order_by("username"):
        if user.is_superuser or role_of(user) in otp.SECOND_FACTOR_ROLES:
            otp.enrol_demo_device(user)
            enrolled.append(user.username)
    return enrolled


class Command(BaseCommand):
    help = "Läser in demokommunen Linköpings kommun byggd ur de fem beslutsunderlagen (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            municipality = load_demo()
            for module in extension_modules():
                module.load(municipality)
            present.load(municipality)  # fictitious events from 2026 up to today
            second_factor_users = enrol_demo_devices()
        if options["verbosity"] < 1:
            return
        self.stdout.write(f"Demokommunen {municipality} är inläst.")
        self.stdout.write("Demoinloggningar (användarnamn / lösenord – roll):")
        for username, password, role in demo_logins():
            self.stdout.write(f"  {username} / {password} – {role}")
        self.stdout.write(
            f"Tvåstegsverifiering för {', '.join(second_factor_users)}: engångskod från "
            f"TOTP-nyckeln {otp.DEMO_TOTP_SECRET} i en autentiseringsapp, eller visa aktuell kod "
            "med `.venv/bin/samverka demo_engangskod`."
        )
