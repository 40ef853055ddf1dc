"""Exact money arithmetic in whole kronor: hours × rate, indexation, shares. No Django, no float.

Rounding rule (explicit, tested against seed 004): an amount is computed exactly as a Decimal and
rounded once, half up, to whole kronor. Indexation compounds exactly from the base year's amount
and rounds only the final value, per budget line; totals are sums of the rounded lines.
"""

from decimal import ROUND_HALF_UP, Decimal, getcontext
from functools import lru_cache

from samverka.core import numbers

KRONA = Decimal("1")
PERCENT_STEP = Decimal("0.1")
NBSP = "\u00a0"


def round_kronor(value: Decimal) -> int:
    """Round an exact Decimal amount half up to whole kronor."""
    return int(Decimal(value).quantize(KRONA, rounding=ROUND_HALF_UP))


def hours_per_year(hours_per_week: Decimal, weeks_per_year: int) -> Decimal:
    """Hours per year from hours per week × working weeks per year (20 h/v × 40 = 800 h)."""
    return Decimal(hours_per_week) * weeks_per_year


def hours_amount(hours_per_week: Decimal, weeks_per_year: int, hourly_rate: Decimal) -> int:
    """Whole kronor for hours per week × weeks per year × hourly rate."""
    return round_kronor(hours_per_year(hours_per_week, weeks_per_year) * Decimal(hourly_rate))


def index_factor(rate_percent: Decimal, years: int) -> Decimal:
    """The exact factor (1 + rate/100) ** years for indexation over YEARS calendar-year steps."""
    if years < 0:
        raise ValueError("indexation cannot run backwards")
    return (1 + Decimal(rate_percent) / 100) ** years


@lru_cache(maxsize=1024)
def _memo_index_factor(rate_text: str, years: int, _precision: int, _rounding: str) -> Decimal:
    """index_factor for the Decimal written RATE_TEXT (its exact form: 2 and 2.00 apart),
    memoised per precision and rounding of the decimal context: the follow-up indexes tens of
    thousands of lines with a handful of rates and years."""
    return index_factor(Decimal(rate_text), years)


def indexed_amount(base_amount: int, rate_percent: Decimal, years: int) -> int:
    """BASE_AMOUNT indexed by RATE_PERCENT for each of YEARS new calendar years, whole kronor."""
    if type(rate_percent) is Decimal and type(years) is int:
        context = getcontext()
        factor = _memo_index_factor(str(rate_percent), years, context.prec, context.rounding)
    else:
        factor = index_factor(rate_percent, years)
    return round_kronor(Decimal(base_amount) * factor)


def share_percent(part: int, total: int) -> Decimal | None:
    """PART as a percentage of TOTAL, rounded half up to one decimal; None when TOTAL is 0."""
    if not total:
        return None
    return (Decimal(part) * 100 / Decimal(total)).quantize(PERCENT_STEP, rounding=ROUND_HALF_UP)


def per_unit(amount: int, units: int | None) -> int | None:
    """AMOUNT divided by UNITS (places, participants), rounded half up; None without units."""
    if not units:
        return None
    return round_kronor(Decimal(amount) / Decimal(units))


def format_kronor(amount: int | None, sep: str = NBSP) -> str:
    """Format whole kronor the Swedish way: 2368800 -> '2 368 800 kr'."""
    if amount is None:
        return "–"
    return f"{numbers.grouped(amount, sep)}{sep}kr"
