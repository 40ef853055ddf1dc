"""A slow, obviously correct reference for the follow-up figures: one day at a time.

Used only by the tests (hypothesis compares the fast pure functions and the database queries
with it). Nothing here is clever on purpose.
"""

import datetime as dt

from .periods import Period

ONE_DAY = dt.timedelta(days=1)


def days_of(period: Period):
    day = period.start
    while day <= period.end:
        yield day
        day += ONE_DAY


def is_active(start, end, day) -> bool:
    """Whether an interval [START, END] (None = open) covers DAY."""
    return (start is None or start <= day) and (end is None or day <= end)


def occupied_place_days(placements, period: Period) -> int:
    total = 0
    for day in days_of(period):
        for start, end in placements:
            if is_active(start, end, day):
                total += 1
    return total


def available_place_days(places, active, period: Period) -> int:
    total = 0
    for day in days_of(period):
        if any(is_active(start, end, day) for start, end in active):
            total += places or 0
    return total


def flow(placements, period: Period) -> dict:
    """started, ended, active on the first day, active on the last day."""
    started = ended = at_start = at_end = 0
    for start, end in placements:
        if start is not None and period.contains(start):
            started += 1
        if end is not None and period.contains(end):
            ended += 1
        if is_active(start, end, period.start):
            at_start += 1
        if is_active(start, end, period.end):
            at_end += 1
    return {"started": started, "ended": ended, "active_at_start": at_start,
            "active_at_end": at_end}
