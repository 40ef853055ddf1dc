"""`samverka memo "PARTNERSKAP" --version N --format docx|pdf --output FIL`: write the decision
memo (tjänsteskrivelse) of an agreement version from the register.

The free texts are the saved memo draft over the register's defaults (as the memo page shows).
With --spara the file is also stored as the next numbered attachment of the version.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from samverka.documents.actions import generate_memo
from samverka.documents.generation import FORMATS, memo_context, render
from samverka.partnerships.models import Partnership


def find(name: str, municipality: str | None) -> Partnership:
    partnerships = Partnership.objects.filter(name__iexact=name.strip())
    if municipality:
        partnerships = partnerships.filter(
            Q(municipality__name__iexact=municipality) | Q(municipality__code=municipality)
        )
    found = list(partnerships.select_related("municipality"))
    if not found:
        where = f" i {municipality}" if municipality else ""
        raise CommandError(f"Det finns inget partnerskap som heter ”{name}”{where}.")
    if len(found) > 1:
        names = ", ".join(p.municipality.name for p in found)
        raise CommandError(
            f"Flera kommuner har ett partnerskap som heter ”{name}” ({names}). "
            "Ange vilken med --kommun."
        )
    return found[0]


class Command(BaseCommand):
    help = "Skriver tjänsteskrivelsen för en version av ett partnerskaps överenskommelse."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version means the agreement version here, not Django's own version flag.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("partnership", metavar="PARTNERSKAP", help="partnerskapets namn")
        parser.add_argument("--version", dest="number", type=int, default=None,
                            help="överenskommelsens versionsnummer (standard: den senaste)")
        parser.add_argument("--format", choices=FORMATS, default="docx",
                            help="docx (redigerbar) eller pdf")
        parser.add_argument("--output", required=True, metavar="FIL", help="fil att skriva")
        parser.add_argument("--kommun", default=None,
                            help="kommunens namn eller kommunkod när namnet finns i flera")
        parser.add_argument("--spara", action="store_true",
                            help="spara även filen som en ny version av bilagan i registret")

    def handle(self, *args, partnership, number, format, output, kommun, spara, **options):
        found = find(partnership, kommun)
        versions = found.versions.order_by("number")
        if not versions.exists():
            raise CommandError(f"”{found.name}” har ingen överenskommelse registrerad.")
        if number is None:
            version = versions.last()
        else:
            version = versions.filter(number=number).first()
            if version is None:
                existing = ", ".join(str(v.number) for v in versions)
                raise CommandError(
                    f"”{found.name}” har ingen version {number} av överenskommelsen "
                    f"(det finns: {existing})."
                )
        if spara:
            data = bytes(generate_memo(None, version, format).content)
        else:
            data = render(memo_context(version), format)
        path = Path(output)
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Filen kunde inte skrivas: {path} ({exc.strerror}).") from exc
        self.stdout.write(
            f"Tjänsteskrivelsen för {found.name}, version {version.number}, är skriven till "
            f"{path} ({format}, {len(data)} byte)."
        )
