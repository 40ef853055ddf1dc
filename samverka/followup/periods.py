"""Follow-up periods: a year, half-year, quarter, month or from–to range.

Accepted forms: "2024", "2024-H1", "2024-Q3", "2024-05", "2024-01-01..2024-06-30".
All periods are closed intervals: both the first and the last day belong to the period.
No Django apart from translating PeriodError's message, which happens when it is shown.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext, gettext_noop

MONTH_NAMES = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
               "september", "oktober", "november", "december"]


class PeriodError(ValueError):
    """The text does not name a period.

    MESSAGE is a Swedish msgid marked with gettext_noop and PARAMS fill its %(name)s fields.
    It is translated only when the error is turned into text, in the language active then:
    the user's on a web page, Swedish (LANGUAGE_CODE) in the CLI.
    """

    def __init__(self, message: str, **params: object):
        super().__init__(message % params)  # args and tracebacks: the Swedish text
        self.message = message
        self.params = params

    def __str__(self) -> str:
        return (gettext(self.message) if settings.configured else self.message) % self.params


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str = ""

    def __post_init__(self):
        if self.end < self.start:
            raise PeriodError(gettext_noop("perioden slutar före den börjar: %(start)s..%(end)s"),
                              start=self.start, end=self.end)
        if not self.label:
            object.__setattr__(self, "label", f"{self.start.isoformat()}..{self.end.isoformat()}")

    @property
    def days(self) -> int:
        """Number of days in the period, both ends included."""
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list["Period"]:
        """The calendar months the period touches, each clipped to the period."""
        result = []
        year, month = self.start.year, self.start.month
        while dt.date(year, month, 1) <= self.end:
            whole = month_period(year, month)
            result.append(Period(max(whole.start, self.start), min(whole.end, self.end),
                                 whole.label))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return result

    @property
    def calendar_years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))


def year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))


def half_period(year: int, half: int) -> Period:
    if half not in (1, 2):
        raise PeriodError(gettext_noop("halvår anges som H1 eller H2"))
    if half == 1:
        return Period(dt.date(year, 1, 1), dt.date(year, 6, 30), f"{year}-H1")
    return Period(dt.date(year, 7, 1), dt.date(year, 12, 31), f"{year}-H2")


def quarter_period(year: int, quarter: int) -> Period:
    if quarter not in (1, 2, 3, 4):
        raise PeriodError(gettext_noop("kvartal anges som Q1–Q4"))
    first = 3 * quarter - 2
    last = first + 2
    return Period(dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1]),
                  f"{year}-Q{quarter}")


def month_period(year: int, month: int) -> Period:
    if not 1 <= month <= 12:
        raise PeriodError(gettext_noop("månad anges som 01–12"))
    last = calendar.monthrange(year, month)[1]
    return Period(dt.date(year, month, 1), dt.date(year, month, last), f"{year}-{month:02d}")


_PATTERNS = [
    (re.compile(r"^(\d{4})$"), lambda m: year_period(int(m[1]))),
    (re.compile(r"^(\d{4})-[Hh]([12])$"), lambda m: half_period(int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{4})-[Qq]([1-4])$"), lambda m: quarter_period(int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{4})-(\d{2})$"), lambda m: month_period(int(m[1]), int(m[2]))),
]
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|–|/)\s*(\d{4}-\d{2}-\d{2})$")


def parse_period(text: str) -> Period:
    """Parse "2024", "2024-H1", "2024-Q3", "2024-05" or "2024-01-01..2024-06-30"."""
    text = (text or "").strip()
    for pattern, build in _PATTERNS:
        match = pattern.match(text)
        if match:
            return build(match)
    match = _RANGE.match(text)
    if match:
        try:
            start, end = dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2])
        except ValueError as error:
            raise PeriodError(gettext_noop("ogiltigt datum i %(text)s"),
                              text=repr(text)) from error
        return Period(start, end)
    raise PeriodError(
        gettext_noop("okänd period %(text)s: ange t.ex. 2024, 2024-H1, 2024-Q3, 2024-05 "
                     "eller 2024-01-01..2024-06-30"),
        text=repr(text))


def standard_periods(year: int) -> list[Period]:
    """The year, H1, H2, Q1–Q4 and the twelve months."""
    return [year_period(year), half_period(year, 1), half_period(year, 2),
            *(quarter_period(year, q) for q in range(1, 5)),
            *(month_period(year, m) for m in range(1, 13))]


def standard(period: Period) -> Period | None:
    """PERIOD as its standard period (calendar year, half-year, quarter or month) when it is
    one, else None (an arbitrary range)."""
    candidates = standard_periods(period.start.year)
    return next((c for c in candidates if (c.start, c.end) == (period.start, period.end)), None)


def kind(period: Period) -> str:
    """"year", "half", "quarter" or "month" for a standard period, "range" otherwise."""
    found = standard(period)
    if found is None:
        return "range"
    label = found.label
    return ("year" if len(label) == 4 else "half" if "H" in label
            else "quarter" if "Q" in label else "month")


# Which standard periods the figures are published for (roles without participant access, the
# CLI, the API, open data). Every published period of a year is protected together with the
# others (followup/crossperiod.py), so each kind added costs protection: on the demo, year and
# half-years withhold about half of the half-years' cells; months of a partnership are mostly
# counts of 1–4, and the 19 periods together did not finish protecting in 21 minutes
# (settings.FOLLOWUP_PUBLISHED_PERIODS accepts year,half or year). Quarters and months stay
# available to roles that see the participants.
PUBLISHED_KINDS = ("year", "half")


def published_kinds() -> tuple[str, ...]:
    return tuple(getattr(settings, "FOLLOWUP_PUBLISHED_PERIODS", PUBLISHED_KINDS))


def published(period: Period) -> Period | None:
    """PERIOD as a published standard period, or None when figures are not published for it."""
    return standard(period) if kind(period) in published_kinds() else None


def published_periods(year: int) -> list[Period]:
    """The published standard periods of YEAR, the year first."""
    return [period for period in standard_periods(year) if kind(period) in published_kinds()]


_EXAMPLES = {"year": "2024", "half": "2024-H1", "quarter": "2024-Q3", "month": "2024-05"}
_NAMES = {"year": gettext_noop("ett år"), "half": gettext_noop("ett halvår"),
          "quarter": gettext_noop("ett kvartal"), "month": gettext_noop("en månad")}


def published_choice() -> str:
    """"Välj ett år eller ett halvår, t.ex. 2024 eller 2024-H1." for the published kinds."""
    kinds = [name for name in _EXAMPLES if name in published_kinds()]
    names = [gettext(_NAMES[name]) for name in kinds]
    examples = [_EXAMPLES[name] for name in kinds]
    word = gettext("eller")
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {word} {names[-1]}"
    shown = examples[0] if len(examples) == 1 else (", ".join(examples[:-1])
                                                    + f" {word} {examples[-1]}")
    return gettext("Välj %(kinds)s, t.ex. %(examples)s.") % {"kinds": joined, "examples": shown}
