"""`samverka backup DIR`: dump the database and the stored files, with a manifest to verify."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverka.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = ("Säkerhetskopierar databasen (pg_dump i PostgreSQL, en kopia av SQLite-filen) och "
            "lagrade filer till en ny katalog, med antal rader och kontrollsumma per tabell.")

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Katalog för säkerhetskopian (ny eller tom).")

    def handle(self, *args, **options):
        try:
            manifest = backup(Path(options["directory"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(f"Säkerhetskopian är klar: {len(manifest['tables'])} tabeller, "
                          f"{rows} rader, {manifest['files']['count']} filer "
                          f"i {options['directory']}.")
