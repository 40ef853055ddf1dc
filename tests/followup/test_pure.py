"""The pure follow-up modules against hand-computed cases and the day-by-day reference."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverka.followup import occupancy, reference
from samverka.followup.periods import Period, PeriodError, parse_period
from samverka.followup.suppression import suppress

D = dt.date


@pytest.mark.parametrize("text, start, end", [
    ("2024", D(2024, 1, 1), D(2024, 12, 31)),
    ("2024-H1", D(2024, 1, 1), D(2024, 6, 30)),
    ("2024-h2", D(2024, 7, 1), D(2024, 12, 31)),
    ("2024-Q1", D(2024, 1, 1), D(2024, 3, 31)),
    ("2024-Q3", D(2024, 7, 1), D(2024, 9, 30)),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
    ("2023-02", D(2023, 2, 1), D(2023, 2, 28)),
    ("2024-01-01..2024-06-30", D(2024, 1, 1), D(2024, 6, 30)),
])
def test_parse_period(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["", "24", "2024-H3", "2024-Q5", "2024-13",
                                  "2024-06-30..2024-01-01",
                                  "2024-02-30..2024-03-01"])
def test_parse_period_rejects(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_leap_year_has_366_days_and_29_february():
    year = parse_period("2024")
    assert year.days == 366
    assert parse_period("2023").days == 365
    months = year.months()
    assert len(months) == 12 and months[1].days == 29


def test_months_of_a_range_are_clipped():
    months = parse_period("2024-01-15..2024-03-10").months()
    assert [(m.start, m.end) for m in months] == [
        (D(2024, 1, 15), D(2024, 1, 31)), (D(2024, 2, 1), D(2024, 2, 29)),
        (D(2024, 3, 1), D(2024, 3, 10))]


def test_placement_crossing_both_period_edges():
    """A placement from 2023-12-01 to 2025-01-31 occupies every day of 2024: 366 place-days."""
    year = parse_period("2024")
    assert occupancy.overlap_days(D(2023, 12, 1), D(2025, 1, 31), year) == 366
    assert occupancy.overlap_days(D(2023, 12, 1), D(2024, 1, 1), year) == 1
    assert occupancy.overlap_days(D(2024, 12, 31), None, year) == 1
    assert occupancy.overlap_days(D(2023, 1, 1), D(2023, 12, 31), year) == 0


def test_hand_computed_occupancy():
    """2 places in 2024-Q1 (91 days = 182 place-days); placements 31 + 60 + 10 days = 101."""
    q1 = parse_period("2024-Q1")
    placements = [(D(2023, 11, 1), D(2024, 1, 31)), (D(2024, 2, 1), None),
                  (D(2024, 3, 22), D(2024, 4, 30))]
    occupied = occupancy.occupied_place_days(placements, q1)
    available = occupancy.available_place_days(2, [(D(2020, 1, 1), D(2025, 12, 31))], q1)
    assert (occupied, available) == (31 + 60 + 10, 182)
    assert occupancy.rate_percent(occupied, available) == Decimal("55.5")


def test_zero_places_gives_undefined_occupancy():
    year = parse_period("2024")
    available = occupancy.available_place_days(0, [(None, None)], year)
    assert available == 0
    assert occupancy.rate_percent(100, available) is None
    assert not occupancy.is_under_occupied(None, 80)


def test_agreement_active_only_part_of_the_year():
    """An agreement from 2024-07-01: 40 places × 184 days."""
    year = parse_period("2024")
    assert occupancy.available_place_days(40, [(D(2024, 7, 1), None)], year) == 40 * 184


def test_median_and_mean():
    assert occupancy.median([3, 1, 2]) == Decimal("2.0")
    assert occupancy.median([1, 2, 3, 10]) == Decimal("2.5")
    assert occupancy.median([]) is None
    assert occupancy.mean([1, 2]) == Decimal("1.5")


dates = st.dates(min_value=D(2022, 10, 1), max_value=D(2025, 3, 31))


@st.composite
def intervals(draw):
    start = draw(st.one_of(st.none(), dates))
    end = draw(st.one_of(st.none(), dates))
    if start and end and end < start:
        start, end = end, start
    return (start, end)


@st.composite
def periods(draw):
    start = draw(st.dates(min_value=D(2023, 1, 1), max_value=D(2024, 12, 31)))
    length = draw(st.integers(min_value=0, max_value=400))
    return Period(start, start + dt.timedelta(days=length))


@settings(max_examples=150, deadline=None)
@given(st.lists(intervals(), max_size=8), st.lists(intervals(), max_size=3),
       st.integers(min_value=0, max_value=50), periods())
def test_pure_functions_match_the_day_by_day_reference(placements, active, places, period):
    assert occupancy.occupied_place_days(placements, period) == \
        reference.occupied_place_days(placements, period)
    assert occupancy.available_place_days(places, active, period) == \
        reference.available_place_days(places, active, period)
    series = occupancy.monthly_series(placements, places, active, period)
    assert sum(row[1] for row in series) == reference.occupied_place_days(placements, period)
    assert sum(row[2] for row in series) == reference.available_place_days(places, active, period)


def test_suppression_hides_small_cells_and_shows_zero():
    result = suppress({"kvinna": 3, "man": 12, "annat": 0}, total=15)
    assert result.cells["kvinna"] is None
    assert result.cells["annat"] is not None or result.cells["man"] is None


def test_suppression_complements_a_single_hidden_cell():
    result = suppress({"arbete": 2, "studier": 10, "annat": 20}, total=32)
    assert result.cells == {"arbete": None, "studier": None, "annat": 20}
    assert result.total == 32


def test_small_total_hides_everything_non_zero():
    result = suppress({"a": 2, "b": 1, "c": 0}, total=3)
    assert result.total is None and result.cells == {"a": None, "b": None, "c": 0}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=6),
       st.booleans(), st.integers(min_value=2, max_value=10))
def test_no_small_cell_can_be_seen_or_worked_out(values, with_total, threshold):
    cells = dict(enumerate(values))
    total = sum(values) if with_total else None
    result = suppress(cells, total=total, threshold=threshold)
    shown = [v for v in result.cells.values() if v is not None]
    assert all(v == 0 or v >= threshold for v in shown)
    if result.total is not None:
        assert not 0 < result.total < threshold
        hidden_sum = result.total - sum(shown)
        hidden = [k for k, v in result.cells.items() if v is None]
        # What a reader can work out from the total is the sum of the hidden cells.
        assert hidden_sum == 0 or (hidden_sum >= threshold and len(hidden) >= 2)
