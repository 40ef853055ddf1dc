"""Swedish wording helpers for generated memos: amounts, lists, genitives. No Django."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal


def kronor(amount: int | None) -> str:
    """Whole kronor as memo text: 2368800 -> '2 368 800 kronor' (plain spaces, as the seeds)."""
    if amount is None:
        return "– kronor"
    sign = "−" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,} kronor".replace(",", " ")


def percent(value: Decimal | None) -> str:
    """A share as '70,0 procent'."""
    if value is None:
        return "–"
    return f"{value:.1f}".replace(".", ",") + " procent"


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
