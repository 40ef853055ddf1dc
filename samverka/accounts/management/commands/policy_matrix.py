from django.core.management.base import BaseCommand, CommandError

from samverka.accounts import matrix


class Command(BaseCommand):
    help = ("Skriver roll × åtgärd-matrisen från accounts/policy.py till docs/threat-model.md "
            "(mellan markeringarna); --check kontrollerar bara att dokumentet är aktuellt.")

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true",
                            help="Ändra inget; avsluta med fel om dokumentet inte är aktuellt.")

    def handle(self, *args, **options):
        current = matrix.DOCUMENT.read_text(encoding="utf-8")
        try:
            wanted = matrix.render(current)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if options["check"]:
            if wanted != current:
                raise CommandError("docs/threat-model.md är inte aktuellt: kör "
                                   "`samverka policy_matrix`.")
            self.stdout.write("docs/threat-model.md är aktuellt.")
            return
        if wanted != current:
            matrix.DOCUMENT.write_text(wanted, encoding="utf-8")
            self.stdout.write("docs/threat-model.md uppdaterat.")
        else:
            self.stdout.write("docs/threat-model.md var redan aktuellt.")
