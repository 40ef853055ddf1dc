"""`samverka restore DIR`: restore a backup and verify every table against its manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverka.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Återställer en säkerhetskopia från `samverka backup` och kontrollerar antal rader "
            "och kontrollsumma för varje tabell. Vägrar skriva över en databas som inte är tom "
            "utan --force.")

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Katalogen med säkerhetskopian.")
        parser.add_argument("--force", action="store_true",
                            help="Skriv över en databas och filkatalog som inte är tomma.")

    def handle(self, *args, **options):
        try:
            manifest = restore(Path(options["directory"]), force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Återställd och kontrollerad: {len(manifest['tables'])} tabeller "
                          f"stämmer med säkerhetskopian från {manifest['created_at']}.")
