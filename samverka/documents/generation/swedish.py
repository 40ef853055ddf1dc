"""Swedish wording helpers for generated memos: amounts, lists, genitives. No Django."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from samverka.core import numbers


def kronor(amount: int | None) -> str:
    """Whole kronor as memo text: 2368800 -> '2 368 800 kronor' (plain spaces, as the seeds)."""
    if amount is None:
        return "– kronor"
    return f"{numbers.grouped(amount)} kronor"


def percent(value: Decimal | None) -> str:
    """A share as '70,0 procent'."""
    if value is None:
        return "–"
    return f"{numbers.decimal_text(value)} procent"


def join(names: list[str]) -> str:
    """'A', 'A och B', 'A, B och C'."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " och " + names[-1]


def genitive(name: str) -> str:
    """'Arbetsmarknadsnämnden' -> 'Arbetsmarknadsnämndens'; names ending in s, x or z unchanged."""
    name = name.strip()
    if not name or name[-1].lower() in "sxz":
        return name
    return name + "s"


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word looks like a name or an abbreviation."""
    text = text.strip()
    if not text:
        return text
    first = text.split()[0]
    if len(first) > 1 and (first.isupper() or any(ch.isupper() for ch in first[1:])):
        return text
    return text[0].lower() + text[1:]


def sentence(text: str) -> str:
    """TEXT as one sentence ending with a full stop."""
    text = text.strip()
    if not text:
        return ""
    return text if text[-1] in ".!?" else text + "."


def iso(date: dt.date | None) -> str:
    return date.isoformat() if date else ""


def period_text(start: dt.date | None, end: dt.date | None, count: int, years: int,
                note: str = "") -> str:
    """'för perioden 2024-01-01 till och med 2025-12-31 med möjlighet till förlängning om 2
    gånger 2 år' — or the period as the register describes it when the dates are missing."""
    if start and end:
        text = f"för perioden {iso(start)} till och med {iso(end)}"
    elif start:
        text = f"från och med {iso(start)}"
    elif end:
        text = f"till och med {iso(end)}"
    else:
        return note.strip()
    if count and years:
        text += f" med möjlighet till förlängning om {count} gånger {years} år"
    return text


def lines(text: str) -> list[str]:
    """Non-empty, stripped lines of TEXT."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]

# Register shorthand that is fine in a table cell but not in a memo's prose: "m" for "med",
# ">20h/v.", "2nd hand", "f a", "t ex", "övr", "st." after a number, "walk n' talk".
_SHORTHAND = re.compile(
    r"[<>]\s*\d|\d\s*h/v|\b\d+(st|nd|rd|th)\b|\b(m|f a|t ex|övr|ca|bl a|pga)\b|\d+\s*st\b"
    r"|\bn'|\bst\.\s*$",
    re.IGNORECASE,
)


def is_shorthand(text: str) -> bool:
    """Whether TEXT is register shorthand (abbreviations, table-cell fragments) rather than prose
    a memo can print: a marker above, or a fragment of at most two words ("Alla åldrar.")."""
    text = (text or "").strip()
    if not text:
        return False
    if _SHORTHAND.search(text):
        return True
    fragments = [f for f in re.split(r"(?<=[.!?])\s+", text) if f.strip()]
    return any(len(f.split()) <= 2 for f in fragments)


def prose(text: str) -> str:
    """TEXT as a memo sentence when it is prose, else "" (the memo asks the officer instead)."""
    return "" if is_shorthand(text) else sentence(text)


def month_year(day: dt.date) -> str:
    """2017-12-01 -> 'december 2017'."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def number(value) -> str:
    """A count or hours figure as the seeds write it: 800, 2 368 800, 12,5."""
    if value is None:
        return ""
    value = Decimal(value).normalize()
    if value == int(value):
        return numbers.grouped(int(value))
    return numbers.trimmed(value)
