"""One rounding and formatting rule for every share, rate and amount that is shown. No Django ORM.

- Shares and rates are exact Decimals rounded once, half up, to one decimal: 5 of 80 is 6,3 %.
- Shown with a Swedish decimal comma and a space before the sign: "32,0 %".
- Kronor are whole, grouped by thousands with spaces: "2 368 800 kr".
- Dates are YYYY-MM-DD.
- An unknown value (None) is "uppgift saknas", never 0 or "–" ("–" means zero in official
  statistics). A sum with an unknown part is itself unknown (`sum_known`).
"""

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal


def gettext_noop(message: str) -> str:
    """Marks MESSAGE for translation (makemessages finds it) without needing Django settings."""
    return message

ONE_DECIMAL = Decimal("0.1")
SPACE = " "
NBSP = "\u00a0"
UNKNOWN = gettext_noop("uppgift saknas")
UNKNOWN_PLACES = gettext_noop("utan känt antal platser")
PERIOD_UNKNOWN = gettext_noop("period okänd")


def half_up(value, places: int = 1) -> Decimal:
    """VALUE (int, str or Decimal; a float by its shortest repr, never float arithmetic)
    rounded half up to PLACES decimals."""
    if isinstance(value, float):
        value = repr(value)
    step = Decimal(1).scaleb(-places)
    return Decimal(value).quantize(step, rounding=ROUND_HALF_UP)


def percent(part: int | None, whole: int | None) -> Decimal | None:
    """PART as a percentage of WHOLE, half up to one decimal; None when unknown or undefined."""
    if part is None or not whole:
        return None
    return half_up(Decimal(part) * 100 / Decimal(whole))


def sum_known(amounts: Iterable[int | None]) -> int | None:
    """The sum of AMOUNTS, or None (unknown) as soon as one of them is unknown."""
    total = 0
    for amount in amounts:
        if amount is None:
            return None
        total += amount
    return total


def per_unit(amount: int | None, units: int | None) -> int | None:
    """AMOUNT / UNITS in whole kronor, half up; None when either is unknown or UNITS is 0."""
    if amount is None or not units:
        return None
    return int(half_up(Decimal(amount) / Decimal(units), 0))


def decimal_text(value, places: int = 1) -> str:
    """VALUE half up to PLACES decimals with a decimal comma: Decimal("20.25") -> "20,3"."""
    return str(half_up(value, places)).replace(".", ",").replace("-", "−")


def grouped(number: int, sep: str = SPACE, minus: str = "−") -> str:
    """Whole NUMBER grouped by thousands: 2368800 -> "2 368 800" (MINUS before a negative)."""
    sign = minus if number < 0 else ""
    return sign + f"{abs(int(number)):,}".replace(",", sep)


def grouped_as_given(value, sep: str = NBSP) -> str:
    """VALUE (int or Decimal) with its own decimals, grouped by thousands, decimal comma:
    Decimal("1000.5") -> "1 000,5" (a limit in a form's message, not a computed figure)."""
    return f"{value:,}".replace(",", sep).replace(".", ",")


def trimmed(value) -> str:
    """A Decimal as entered, trailing zeros dropped, decimal comma: 30.00 -> "30", 2.50 -> "2,5"."""
    return format(Decimal(value).normalize(), "f").replace(".", ",")


def fixed(value, places: int = 1) -> str:
    """VALUE (a float statistic: a test statistic, a p-value) with exactly PLACES decimals and a
    decimal comma: 0.0456 -> "0,046"."""
    return f"{float(value):.{int(places)}f}".replace(".", ",").replace("-", "−")


def format_kronor(amount: int | None, sep: str = SPACE, unknown: str = UNKNOWN) -> str:
    """Whole kronor: "2 368 800 kr"; UNKNOWN when None."""
    if amount is None:
        return unknown
    return f"{grouped(amount, sep)}{sep}kr"


def format_percent(value, sep: str = SPACE, unknown: str = UNKNOWN) -> str:
    """A rate already in percent: "32,0 %"; UNKNOWN when None."""
    if value is None:
        return unknown
    return f"{decimal_text(value)}{sep}%"


def format_percent_entered(value, sep: str = SPACE) -> str:
    """A rate as it was entered (an indexation, a guideline's share), trailing zeros trimmed:
    Decimal("2.00") -> "2 %", Decimal("2.50") -> "2,5 %"; "" when None."""
    if value is None:
        return ""
    return f"{trimmed(value).replace('-', '−')}{sep}%"


def format_date(day: dt.date | None, unknown: str = UNKNOWN) -> str:
    return unknown if day is None else day.isoformat()


def json_number(value: Decimal | None) -> float | None:
    """A one-decimal Decimal as a JSON number (the decimal's exact shortest form), None kept."""
    return None if value is None else float(value)


# --- Symbols of published statistics -----------------------------------------------------------
# Shared contract of the publication layer and every output (web, CLI JSON, CSV, XLSX, DOCX, PDF,
# API, open data), as official Swedish statistics prints them (SCB, PxWeb):
# - a figure withheld by disclosure control is the string SUPPRESSED ("..") in published data
#   (JSON too, as PxWeb does) and is printed "..";
# - zero is the number 0 in data and is printed ZERO ("–");
# - an unknown figure is None (JSON null) and is printed UNKNOWN ("uppgift saknas").
# Every output that shows published figures carries LEGEND.
SUPPRESSED = ".."
ZERO = "–"
LEGEND = (
    (SUPPRESSED, gettext_noop("uppgiften visas inte (för få personer)")),
    (ZERO, gettext_noop("noll")),
    (UNKNOWN, gettext_noop("uppgiften är okänd")),
)


def is_suppressed(value) -> bool:
    """Whether VALUE is a figure withheld by disclosure control."""
    return value == SUPPRESSED


def format_published(value, kind: str = "count", sep: str = SPACE) -> str:
    """A published figure as text: ".." withheld, "uppgift saknas" unknown, otherwise by KIND:
    "count" (grouped integer), "kronor", "percent" or "decimal" (one decimal). "–" stands only for
    an exact zero count or amount: a rate or mean of 0,0 may be a rounded non-zero value, so it is
    printed as a number (official statistics' "0,0")."""
    if is_suppressed(value):
        return SUPPRESSED
    if value is None:
        return UNKNOWN
    if value == 0 and kind in ("count", "kronor"):
        return ZERO
    if kind == "kronor":
        return format_kronor(value, sep)
    if kind == "percent":
        return format_percent(value, sep)
    if kind == "decimal":
        return decimal_text(value)
    return grouped(value, sep)
