"""Shared bits of the register's CLI commands."""

import sys

from django.core.management.base import CommandError

from samverka.organisations.models import Municipality


def municipality_option(parser):
    parser.add_argument(
        "--municipality", help="Kommunens namn eller kommunkod (behövs bara när det finns flera)."
    )


def resolve_municipality(value: str | None) -> Municipality:
    municipalities = Municipality.objects.all()
    if value:
        found = municipalities.filter(name__iexact=value) | municipalities.filter(code=value)
        if not found.exists():
            raise CommandError(f"Kommunen ”{value}” finns inte i registret.")
        return found.first()
    count = municipalities.count()
    if count == 0:
        raise CommandError("Registret är tomt. Kör `make demo` eller `samverka load_demo`.")
    if count > 1:
        raise CommandError("Det finns flera kommuner; ange --municipality.")
    return municipalities.first()


def write_output(content, output: str | None, stdout) -> None:
    """Write CONTENT (str or bytes) to OUTPUT, or to standard output."""
    if output:
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(output, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as handle:
            handle.write(content)
        return
    if isinstance(content, bytes):
        if sys.stdout.isatty():
            raise CommandError("XLSX skrivs inte till terminalen; ange --output FIL.")
        sys.stdout.buffer.write(content)
        return
    stdout.write(content, ending="" if content.endswith("\n") else "\n")
