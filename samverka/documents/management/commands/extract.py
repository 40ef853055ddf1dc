"""`samverka extract FILE... [--format json|text]`: read decision memos, print the proposal.

Needs no database. Bad input gives a Swedish message on standard error and exit status 1 (2 for
usage errors, as argparse does); the other files are still processed and printed.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand

from samverka.documents.extraction import ExtractionError, extract_file
from samverka.documents.presentation import LABELS, MEMO_TYPES
from samverka.documents.presentation import short_value as _short


def public_result(result: dict[str, Any]) -> dict[str, Any]:
    """The JSON shape: everything but the loaded text."""
    return {k: v for k, v in result.items() if k != "text"}


def _field_lines(label: str, f: dict[str, Any]) -> list[str]:
    if f.get("conflict"):
        out = [f"{label}: MOTSTRIDIGA UPPGIFTER"]
        for c in f.get("candidates", []):
            out.append(f"    – {_short(c['value'])}  (säkerhet {c['confidence']:.2f})")
            line = f", rad {c['line']}" if c.get("line") else ""
            out.append(f"      källa{line}: «{c['passage']}»")
        return out
    if f.get("value") is None:
        return [f"{label}: – (hittades inte)"]
    value = MEMO_TYPES.get(f["value"], f["value"]) if label == LABELS["memo_type"] else f["value"]
    if isinstance(value, dict) and "text" in value:
        value = {k: v for k, v in value.items() if k != "text"} or value["text"]
    out = [f"{label}: {_short(value)}  (säkerhet {f['confidence']:.2f})"]
    if f.get("passage"):
        passage = f["passage"]
        if len(passage) > 240:
            passage = passage[:237] + "…"
        line = f", rad {f['line']}" if f.get("line") else ""
        out.append(f"    källa{line}: «{passage}»")
    return out


def as_text(result: dict[str, Any]) -> str:
    out = [f"== {result['file']} ({result['format']})"]
    for key, f in result["fields"].items():
        label = LABELS.get(key, key)
        if isinstance(f, list):
            if not f:
                out.append(f"{label}: – (hittades inte)")
            for i, item in enumerate(f, start=1):
                out.extend(_field_lines(f"{label} [{i}]", item))
        else:
            out.extend(_field_lines(label, f))
    for check in result.get("checks", []):
        out.append(
            f"Kontroll {check['check']}: {'OK' if check['ok'] else 'FEL'} ({check['detail']})"
        )
    for warning in result.get("warnings", []):
        out.append(f"Varning: {warning}")
    return "\n".join(out)


class Command(BaseCommand):
    help = (
        "Läser tjänsteskrivelser (.txt, .docx, .pdf) och föreslår partnerskapets uppgifter "
        "med källtext och säkerhet."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FIL", help="tjänsteskrivelser att läsa")
        parser.add_argument(
            "--format",
            choices=["json", "text"],
            default="json",
            help="utdataformat (json eller text)",
        )

    def handle(self, *args, **options):
        results = []
        failed = 0
        for name in options["files"]:
            try:
                results.append(public_result(extract_file(name)))
            except ExtractionError as exc:
                failed += 1
                self.stderr.write(f"{name}: {exc}")
            except Exception as exc:  # never a traceback for the user
                failed += 1
                self.stderr.write(f"{name}: Oväntat fel när filen lästes ({type(exc).__name__}).")
        if results:
            if options["format"] == "json":
                payload = results[0] if len(options["files"]) == 1 else results
                self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            else:
                self.stdout.write("\n\n".join(as_text(r) for r in results))
        if failed:
            self.stdout.flush()
            if len(options["files"]) > 1:
                self.stderr.write(f"{failed} av {len(options['files'])} filer kunde inte läsas.")
            sys.exit(1)
