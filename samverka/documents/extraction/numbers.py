"""Swedish numbers, amounts and dates as they are written in municipal decision memos.

Pure functions, no Django. Every finder returns matches with their character span so the caller
can quote the exact passage a value came from.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from samverka.core import numbers as core_numbers

# Digit groups are separated by a space, a no-break space or a narrow no-break space.
_SEP = "[ \u00a0\u202f]"
_INT = rf"\d{{1,3}}(?:{_SEP}\d{{3}})+(?!\d)|\d+"

NUMBER_WORDS = {
    "noll": 0,
    "en": 1,
    "ett": 1,
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
    "tretton": 13,
    "fjorton": 14,
    "femton": 15,
    "sexton": 16,
    "sjutton": 17,
    "arton": 18,
    "nitton": 19,
    "tjugo": 20,
    "trettio": 30,
    "fyrtio": 40,
    "femtio": 50,
    "sextio": 60,
    "hundra": 100,
}
WORD_NUMBER = r"(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
# A count written in digits ("40") or as a word ("tio").
COUNT = rf"(?:\d+|{WORD_NUMBER})"

MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
_MONTH_ABBR = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
MONTH = r"(?:" + "|".join(list(MONTHS) + sorted(_MONTH_ABBR, key=len, reverse=True)) + r")\.?"


def parse_int(text: str) -> int:
    """Parse "2 368 800", "2\u00a0368\u00a0800", "40" or a number word ("tio") into an int.

    Raises ValueError for anything else.
    """
    cleaned = text.strip().lower()
    if cleaned in NUMBER_WORDS:
        return NUMBER_WORDS[cleaned]
    if not re.fullmatch(rf"{_INT}", cleaned):
        raise ValueError(f"not a Swedish integer: {text!r}")
    return int(re.sub(_SEP, "", cleaned))


def format_int(value: int) -> str:
    """Format an integer the Swedish way with spaces between thousands: 2368800 -> "2 368 800"."""
    return core_numbers.grouped(value, minus="-")


def parse_count(text: str) -> int | None:
    """A count in digits or words ("40", "tio"); None when it is neither."""
    try:
        return parse_int(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Amount:
    value: int  # whole kronor
    start: int
    end: int
    text: str
    minimum: bool = False  # "minst 592 200 kronor"
    approximate: bool = False  # "cirka 3,7 miljoner kronor"
    per_year: bool = False  # "... kronor per år", "kr/ år", "/år"


_MULTIPLIERS = {
    "miljoner": 1_000_000,
    "miljon": 1_000_000,
    "milj": 1_000_000,
    "mnkr": 1_000_000,
    "mkr": 1_000_000,
    "tkr": 1_000,
    "tusen": 1_000,
}

AMOUNT_RE = re.compile(
    rf"(?P<qual>(?:minst|cirka|ca\.?|drygt|omkring|ungefär)\s+)?"
    rf"(?<![\d,.])(?P<int>{_INT})(?:,(?P<dec>\d+))?\s*"
    rf"(?:(?P<mult>miljoner|miljon|milj\.?|mnkr|mkr|tkr|tusen)\s*)?"
    rf"(?P<unit>kronor|kr\b|kr\.|sek\b|:-)?",
    re.IGNORECASE,
)
_PER_YEAR_RE = re.compile(r"\s*(?:per\s+år|/\s*år|om\s+året|årligen)", re.IGNORECASE)


def find_amounts(text: str, *, require_unit: bool = True) -> list[Amount]:
    """All money amounts in `text`, in order.

    An amount needs a currency unit ("kronor", "kr", "mnkr", "tkr") unless require_unit is False
    (table cells in a column headed "Kr"). "1,1 miljoner" is 1 100 000; a million multiplier
    counts as a unit only together with "kronor"/"kr" or when the unit is "mnkr"/"tkr".
    """
    found: list[Amount] = []
    for m in AMOUNT_RE.finditer(text):
        unit = (m["unit"] or "").lower()
        mult_word = (m["mult"] or "").lower().rstrip(".")
        has_unit = bool(unit) or mult_word in {"mnkr", "mkr", "tkr"}
        if require_unit and not has_unit:
            continue
        if not require_unit and not has_unit and not re.fullmatch(rf"\s*{_INT}\s*", m["int"]):
            continue
        whole = int(re.sub(_SEP, "", m["int"]))
        multiplier = _MULTIPLIERS.get(mult_word, 1)
        if m["dec"]:
            # "12,50 kr": öre are dropped, amounts are whole kronor.
            decimal = float(f"{whole}.{m['dec']}")
            value = whole if multiplier == 1 else round(decimal * multiplier)
        else:
            value = whole * multiplier
        qual = (m["qual"] or "").strip().lower()
        per_year = bool(_PER_YEAR_RE.match(text, m.end()))
        start = m.start("int") if not qual else m.start()
        found.append(
            Amount(
                value=value,
                start=start,
                end=m.end(),
                text=text[start : m.end()].strip(),
                minimum=qual == "minst",
                approximate=qual.startswith(("cirka", "ca", "drygt", "omkring", "ungefär")),
                per_year=per_year,
            )
        )
    return found


def parse_amount(text: str) -> int:
    """The single amount in `text` ("2 368 800 kronor", "1,1 miljoner kr"); ValueError if none."""
    amounts = find_amounts(text)
    if not amounts:
        # "1,1 miljoner" without "kronor" is still an amount when asked for one explicitly.
        m = re.search(rf"(?P<int>{_INT})(?:,(?P<dec>\d+))?\s*(?P<mult>miljoner|miljon|tusen)", text)
        if not m:
            raise ValueError(f"no amount in {text!r}")
        whole = int(re.sub(_SEP, "", m["int"]))
        frac = float(f"0.{m['dec']}") if m["dec"] else 0.0
        return round((whole + frac) * _MULTIPLIERS[m["mult"]])
    if len({a.value for a in amounts}) > 1:
        raise ValueError(f"several amounts in {text!r}")
    return amounts[0].value


# --- dates -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SwedishDate:
    """A date as precise as the source: day precision ("1 januari 2021", "2024-01-01") or month
    precision ("juni 2018")."""

    year: int
    month: int
    day: int | None = None
    start: int = 0
    end: int = 0
    text: str = ""

    @property
    def precision(self) -> str:
        return "day" if self.day else "month"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day:
            return dt.date(self.year, self.month, self.day)
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])


_ISO_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DAY_MONTH_RE = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({MONTH})\s+(\d{{4}})(?!\d)", re.IGNORECASE)
_MONTH_YEAR_RE = re.compile(rf"(?<![\w])({MONTH})\s+(\d{{4}})(?!\d)", re.IGNORECASE)
# "(nov -20)", "nov 2020" with a two-digit year
_MONTH_SHORT_YEAR_RE = re.compile(rf"(?<![\w])({MONTH})\s+-(\d{{2}})(?!\d)", re.IGNORECASE)


def month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    return MONTHS.get(word) or _MONTH_ABBR[word]


def find_dates(text: str) -> list[SwedishDate]:
    """All dates in `text` in order: ISO dates, "1 januari 2021", "juni 2018", "Dec 2020"."""
    found: list[SwedishDate] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _ISO_RE.finditer(text):
        try:
            dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
        found.append(SwedishDate(int(m[1]), int(m[2]), int(m[3]), m.start(), m.end(), m[0]))
        taken.append(m.span())
    for m in _DAY_MONTH_RE.finditer(text):
        month = month_number(m[2])
        taken.append(m.span())  # an impossible "31 februari" is not "februari" either
        try:
            dt.date(int(m[3]), month, int(m[1]))
        except ValueError:
            continue
        found.append(SwedishDate(int(m[3]), month, int(m[1]), m.start(), m.end(), m[0]))
    for m in _MONTH_YEAR_RE.finditer(text):
        if not free(*m.span()):
            continue
        # "mar" is also a word; require the full name or a capitalised abbreviation.
        word = m[1].rstrip(".")
        if word.lower() not in MONTHS and not word[0].isupper():
            continue
        found.append(SwedishDate(int(m[2]), month_number(m[1]), None, m.start(), m.end(), m[0]))
        taken.append(m.span())
    found.sort(key=lambda d: d.start)
    return found


def parse_date(text: str) -> SwedishDate:
    """The single date in `text`; ValueError if there is none."""
    dates = find_dates(text)
    if not dates:
        raise ValueError(f"no date in {text!r}")
    return dates[0]


@dataclass(frozen=True)
class Period:
    start: SwedishDate | None
    end: SwedishDate | None
    text: str
    span: tuple[int, int]
    duration_years: int | None = None
    relative_start: str | None = None  # "årsskiftet" when the start is relative to the memo


_PERIOD_RE = re.compile(
    rf"(?P<a>\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}})\s*"
    rf"(?:till\s+och\s+med|t\.\s?o\.\s?m\.?|till|[–-])\s*"
    rf"(?P<b>\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}})",
    re.IGNORECASE,
)
_FROM_RE = re.compile(
    rf"från\s+och\s+med\s+(?P<a>\d{{4}}-\d{{2}}-\d{{2}}|(?:\d{{1,2}}\s+)?{MONTH}\s+\d{{4}})",
    re.IGNORECASE,
)
_YEARS_FROM_NEW_YEAR_RE = re.compile(
    rf"i\s+(?P<n>{COUNT})\s+år\s+från\s+och\s+med\s+(?P<rel>årsskiftet)", re.IGNORECASE
)


def find_periods(text: str) -> list[Period]:
    """Agreement periods: "2024-01-01 till och med 2025-12-31", "från och med 1 januari 2021",
    "i tre år från och med årsskiftet" (start relative to the memo date, so left open here)."""
    periods: list[Period] = []
    for m in _PERIOD_RE.finditer(text):
        periods.append(Period(parse_date(m["a"]), parse_date(m["b"]), m[0], m.span()))
    for m in _FROM_RE.finditer(text):
        if any(p.span[0] <= m.start() < p.span[1] for p in periods):
            continue
        periods.append(Period(parse_date(m["a"]), None, m[0], m.span()))
    for m in _YEARS_FROM_NEW_YEAR_RE.finditer(text):
        periods.append(
            Period(
                None,
                None,
                m[0],
                m.span(),
                duration_years=parse_count(m["n"]),
                relative_start=m["rel"].lower(),
            )
        )
    periods.sort(key=lambda p: p.span[0])
    return periods


@dataclass(frozen=True)
class Extension:
    count: int
    years: int
    text: str
    span: tuple[int, int]


_EXTENSION_RE = re.compile(
    rf"förlängning(?:ar)?\s+(?:om|med|i)\s+(?:(?P<count>{COUNT})\s+gånger\s+)?"
    rf"(?P<years>{COUNT})\s+år",
    re.IGNORECASE,
)


def find_extensions(text: str) -> list[Extension]:
    """ "förlängning om 2 gånger 2 år" -> count 2, years 2; "förlängning om ett år" -> 1 x 1."""
    out = []
    for m in _EXTENSION_RE.finditer(text):
        count = parse_count(m["count"]) if m["count"] else 1
        years = parse_count(m["years"])
        if count is None or years is None:
            continue
        out.append(Extension(count, years, m[0], m.span()))
    return out


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
