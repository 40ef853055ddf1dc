"""The text of a generated document (PDF or DOCX) and the figures in it, for the text check of
issue #14 item 2: no internal note, placeholder, code or English word, and every figure one the
register or the follow-up's JSON holds."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from samverka.core import numbers

# Phrases no report may contain: the quotes, internal notes, placeholders, codes and
# English words. (The memo's own list, tests/documents/memo_text.FORBIDDEN, also applies to the
# rendered memos.)
REPORT_FORBIDDEN = [
    # internal notes and the register's shorthand (#14)
    "anges inte i källan", "härlett", "Oklart", "Inte bedömt", "bedömer det inte särskilt",
    "Odaterad i källan", ">20h/v", "2nd hand", " m gemensam",
    # formatting (#14): two-decimal percentages, decimal points, split counts
    ",00 %", ",00\u00a0%", "genomförda och", "Break-even",
    # placeholders and template leftovers
    "{{", "}}", "{%", "%}", "TODO", "XXX", "None", "nan", "NaN", "Lorem", "%(", "[", "]",
    # codes and English words
    "iop", "decided", "active", "ended", "signed", "draft", "not_met", "unclear", "procurement",
    "grant", "True", "False", "null", "studies", "work_or", "rate_percent", "committee",
    "partnership", " the ", " and ", " of ", "Occupancy", "Flow", "Outcome", "Value",
    "persons", "place days", "month",
]
# "uppgift saknas" (a table's symbol) and "–" (zero) read into a sentence: checked on the
# paragraphs (a PDF's text runs a table row's cells together, "Nämndens kostnad uppgift saknas")
SENTENCE_FORBIDDEN = [
    "var uppgift saknas", "kostnad uppgift saknas", "av uppgift saknas", "är uppgift saknas",
    "uppgift saknas platser", "uppgift saknas och", ": uppgift saknas (", "gick – personer",
    "av – tillgängliga",
]
# A figure in a text: an ISO date, a number grouped by (no-break) spaces, with a decimal comma.
FIGURE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?"
                    r"|\d+(?:,\d+)?")


def contains(text: str, phrase: str) -> bool:
    """Whether TEXT contains PHRASE; a phrase that begins or ends with a letter only as a word
    ("nan" is not in "nämnden"... nor in "Ärende")."""
    start = r"(?<!\w)" if phrase[:1].isalnum() else ""
    end = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return re.search(start + re.escape(phrase) + end, text) is not None


def pdf_text(data: bytes) -> str:
    from tests.documents import pagecheck

    return pagecheck.text(data)


def docx_blocks(data: bytes, header: bool = True, cells: bool = True) -> list[str]:
    """Every paragraph and every table cell of a DOCX (body and, with HEADER, the page header
    with its page-number fields), one string each."""
    from docx import Document

    document = Document(io.BytesIO(data))
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables if cells else []:
        for row in table.rows:
            blocks += [cell.text for cell in row.cells]
    for section in document.sections if header else []:
        blocks += [p.text for p in section.header.paragraphs]
    return [b for b in blocks if b.strip()]


def figures(text: str) -> list[str]:
    """The figures of TEXT, grouping spaces made plain: "1 658 160", "20,2", "2024-03-01"."""
    return [re.sub(r"[\u00a0\u202f]", " ", m) for m in FIGURE.findall(text)]


def _formats(value) -> set[str]:
    """Every way the documents may print VALUE (core/numbers' forms)."""
    if isinstance(value, bool) or value is None:
        return set()
    if isinstance(value, dt.date):
        return {value.isoformat(), str(value.year)}
    if isinstance(value, str):
        return set(figures(value))
    if isinstance(value, int | float | Decimal):
        out = {numbers.decimal_text(value, 1).replace("−", ""),
               numbers.decimal_text(value, 2).replace("−", ""),
               numbers.trimmed(abs(Decimal(str(value))))}
        if Decimal(str(value)) == int(value):
            out.add(numbers.grouped(abs(int(value))))
        return out
    return set()


def _property(value, name):
    try:
        return getattr(value, name)
    except Exception:  # noqa: BLE001 - a property that needs what the object lacks
        return None


def json_figures(value, depth: int = 0) -> set[str]:
    """Every figure of VALUE: a JSON-like tree, dataclasses and model instances included."""
    if depth > 8:
        return set()
    if isinstance(value, dict):
        items = list(value.values())
    elif isinstance(value, list | tuple | set):
        items = list(value)
    elif hasattr(value, "__dict__") and not isinstance(value, type | str | int | float | Decimal
                                                        | dt.date):
        items = [v for k, v in vars(value).items() if not k.startswith("_")]
        items += [_property(value, name) for name in dir(type(value))
                  if not name.startswith("_")
                  and isinstance(getattr(type(value), name, None), property)]
    else:
        return _formats(value)
    found: set[str] = set()
    for item in items:
        found |= json_figures(item, depth + 1)
    return found
