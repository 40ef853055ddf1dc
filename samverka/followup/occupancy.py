"""Occupancy (beläggningsgrad) as place-days. No Django, no database.

occupancy = occupied place-days / available place-days, where
  occupied place-days  = Σ over placements of the days the placement overlaps the period,
  available place-days = places × the days the agreement is active within the period.
Days are counted inclusively: a placement from 1 March to 1 March occupies one place-day.
A placement without an end date is still ongoing and counts up to the period's end.
With zero places (or no active days) occupancy is undefined: None, never a division error.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from .periods import Period

PERCENT_STEP = Decimal("0.1")
ONE_DAY = dt.timedelta(days=1)
Interval = tuple[dt.date | None, dt.date | None]


def overlap_days(start: dt.date | None, end: dt.date | None, period: Period) -> int:
    """Days of [START, END] inside PERIOD, inclusive; None means open towards that side."""
    first = period.start if start is None else max(start, period.start)
    last = period.end if end is None else min(end, period.end)
    return max(0, (last - first).days + 1)


def occupied_place_days(placements: Iterable[Interval], period: Period) -> int:
    """Σ days each placement (start, end) overlaps PERIOD."""
    return sum(overlap_days(start, end, period) for start, end in placements)


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Merge overlapping or adjacent closed intervals; None is open-ended."""
    low, high = dt.date.min, dt.date.max
    spans = sorted((start or low, end or high) for start, end in intervals)
    merged: list[list[dt.date]] = []
    for start, end in spans:
        if end < start:
            continue
        if merged and (merged[-1][1] == high or start <= merged[-1][1] + ONE_DAY):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(None if s == low else s, None if e == high else e) for s, e in merged]


def active_days(active: Iterable[Interval], period: Period) -> int:
    """Days of PERIOD on which the agreement is active (union of its ACTIVE intervals)."""
    return sum(overlap_days(start, end, period) for start, end in merge_intervals(active))


def available_place_days(places: int | None, active: Iterable[Interval], period: Period) -> int:
    """PLACES × the agreement's active days in PERIOD; 0 without places."""
    if not places:
        return 0
    return places * active_days(active, period)


def rate_percent(occupied: int, available: int) -> Decimal | None:
    """OCCUPIED / AVAILABLE as a percentage, half up to one decimal; None when undefined."""
    if not available:
        return None
    return (Decimal(occupied) * 100 / Decimal(available)).quantize(
        PERCENT_STEP, rounding=ROUND_HALF_UP
    )


def is_under_occupied(rate: Decimal | None, threshold_percent: Decimal | int) -> bool:
    """Whether a defined occupancy RATE lies below THRESHOLD_PERCENT."""
    return rate is not None and rate < Decimal(threshold_percent)


def monthly_series(
    placements: list[Interval], places: int | None, active: list[Interval], period: Period
) -> list[tuple[Period, int, int, Decimal | None]]:
    """(month, occupied, available, rate) for every month PERIOD touches."""
    rows = []
    for month in period.months():
        occupied = occupied_place_days(placements, month)
        available = available_place_days(places, active, month)
        rows.append((month, occupied, available, rate_percent(occupied, available)))
    return rows


def ratio(part: int | None, whole: int | None) -> Decimal | None:
    """PART as a percentage of WHOLE (shares of outcomes), one decimal; None when undefined."""
    if part is None or not whole:
        return None
    return rate_percent(part, whole)


def median(values: list[int]) -> Decimal | None:
    """The median of VALUES (mean of the two middle values for an even count), one decimal."""
    return histogram_median(Counter(values))


def histogram_median(counts: dict[int, int]) -> Decimal | None:
    """The median of the values counted in COUNTS ({value: how many}), as median()."""
    total = sum(counts.values())
    if not total:
        return None
    middles, seen = ((total - 1) // 2, total // 2), 0
    found: list[int] = []
    for value in sorted(counts):
        seen += counts[value]
        while len(found) < 2 and seen > middles[len(found)]:
            found.append(value)
    return (Decimal(found[0] + found[1]) / 2).quantize(PERCENT_STEP, rounding=ROUND_HALF_UP)


def mean(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(PERCENT_STEP, rounding=ROUND_HALF_UP)
