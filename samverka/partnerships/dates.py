"""Date arithmetic for agreement periods. No Django."""

import datetime as dt


def add_years(day: dt.date, years: int) -> dt.date:
    """DAY moved YEARS calendar years on; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def latest_possible_end(end: dt.date | None, count: int, years: int) -> dt.date | None:
    """The end date if every extension (COUNT × YEARS) is used: 2025-12-31 + 2 × 2 → 2029-12-31."""
    if end is None:
        return None
    return add_years(end, count * years)


def overlaps_year(start: dt.date | None, end: dt.date | None, year: int) -> bool:
    """Whether the period START..END (either may be unknown, i.e. open) touches calendar YEAR."""
    starts_before_end_of_year = start is None or start <= dt.date(year, 12, 31)
    ends_after_start_of_year = end is None or end >= dt.date(year, 1, 1)
    return starts_before_end_of_year and ends_after_start_of_year
