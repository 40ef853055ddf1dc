from django.core.management.base import BaseCommand

from samverka.demo import linkoping
from samverka.demo.loader import load_demo


class Command(BaseCommand):
    help = "Läser in demokommunen Linköpings kommun byggd ur de fem beslutsunderlagen (idempotent)."

    def handle(self, *args, **options):
        municipality = load_demo()
        if options["verbosity"] < 1:
            return
        self.stdout.write(f"Demokommunen {municipality} är inläst.")
        self.stdout.write("Demoinloggningar (användarnamn / lösenord – roll):")
        for username, password, role, *_ in linkoping.USERS:
            self.stdout.write(f"  {username} / {password} – {role}")
