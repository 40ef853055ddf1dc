"""Database statistics against hand-computed cases and the day-by-day reference."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from samverka.followup import reference, summaries
from samverka.followup.periods import Period, parse_period
from samverka.followup.stats import partnership_stats, portfolio_stats

from . import helpers

D = dt.date
pytestmark = pytest.mark.django_db


def test_hand_computed_year_with_edge_crossing_placements():
    muni = helpers.municipality()
    cafe = helpers.partnership(muni, places=2, start=D(2023, 1, 1), end=D(2025, 12, 31))
    # Crosses both edges of 2024: 366 place-days.
    helpers.placement(cafe, D(2023, 12, 1), D(2025, 1, 31), outcome="work",
                      referred_on=D(2023, 11, 1))
    # Starts in 2024, still running: 2024-07-01..2024-12-31 = 184 days.
    helpers.placement(cafe, D(2024, 7, 1), referred_on=D(2024, 6, 1), gender="man")
    # Starts and ends within 2024 with exit to studies: 2024-02-01..2024-02-29 = 29 days.
    helpers.placement(cafe, D(2024, 2, 1), D(2024, 2, 29), outcome="studies",
                      referred_on=D(2024, 1, 22))
    # Outside the year: ignored.
    helpers.placement(cafe, D(2022, 1, 1), D(2022, 12, 31), outcome="work")
    stats = partnership_stats(cafe, parse_period("2024"))
    assert stats.occupied == 366 + 184 + 29
    assert stats.available == 2 * 366
    assert stats.occupancy == Decimal("79.1")
    assert stats.flow["started"] == 2 and stats.flow["ended"] == 1
    assert stats.flow["active_at_start"] == 1 and stats.flow["active_at_end"] == 2
    assert stats.flow["participants"] == 3
    assert stats.outcomes["studies"] == 1 and stats.outcomes["work"] == 0
    assert stats.stay_days.count == 1 and stats.stay_days.median == Decimal("29.0")
    # Referral to start: 30 and 10 days; mean 20, median 20.
    assert stats.days_to_start.count == 2
    assert stats.days_to_start.median == Decimal("20.0")
    assert stats.days_to_start.mean == Decimal("20.0")
    feb = stats.months[1]
    assert (feb.occupied, feb.available) == (29 + 29, 2 * 29)
    assert feb.rate == Decimal("100.0")
    assert stats.splits["gender"]["man"]["participants"] == 1


def test_zero_places_leaves_occupancy_undefined():
    muni = helpers.municipality()
    item = helpers.partnership(muni, places=0)
    helpers.placement(item, D(2024, 3, 1), D(2024, 3, 31), outcome="work")
    stats = partnership_stats(item, parse_period("2024"))
    assert stats.occupied == 31 and stats.available == 0
    assert stats.occupancy is None and not stats.under_occupied


def test_referrals_by_status_and_individual_agreements():
    muni = helpers.municipality()
    item = helpers.partnership(muni, name="Hoppfull framtid")
    for status in ["accepted"] * 3 + ["declined", "waiting", "requested", "withdrawn"]:
        helpers.referral(item, D(2018, 5, 1), status=status)
    helpers.referral(item, D(2017, 12, 31), status="accepted")
    for _ in range(4):
        helpers.placement(item, D(2018, 2, 1), D(2018, 6, 30), individual=True, cost=53744)
    stats = partnership_stats(item, parse_period("2018"))
    assert stats.flow["referred"] == 7
    assert (stats.flow["accepted"], stats.flow["declined"], stats.flow["waiting"],
            stats.flow["withdrawn"]) == (3, 1, 2, 1)
    assert stats.individual_persons == 4 and stats.individual_cost == 4 * 53744
    assert stats.occupied == 0  # individual agreements are not IOP places


def test_portfolio_total_sums_partnerships():
    muni = helpers.municipality()
    a = helpers.partnership(muni, name="A", places=1)
    b = helpers.partnership(muni, name="B", places=3)
    helpers.placement(a, D(2024, 1, 1), None)
    helpers.placement(b, D(2024, 1, 1), D(2024, 1, 10), outcome="work")
    rows, total = portfolio_stats(parse_period("2024-01"), municipality_ids=[muni.pk])
    assert [row.name for row in rows] == ["A", "B"]
    assert total.occupied == 31 + 10 and total.available == 4 * 31
    assert total.outcomes["work"] == 1


dates = st.dates(min_value=D(2023, 10, 1), max_value=D(2025, 3, 31))


@st.composite
def placements(draw):
    start = draw(dates)
    end = draw(st.one_of(st.none(), st.dates(min_value=start, max_value=D(2025, 6, 30))))
    return start, end


class TestAgainstReference(TestCase):
    @settings(max_examples=40, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(placements(), max_size=6), st.integers(min_value=0, max_value=5),
           st.sampled_from(["2024", "2024-H1", "2024-Q3", "2024-02", "2023-12-15..2024-03-10",
                            "2024-12-31..2025-01-01"]))
    def test_database_matches_day_by_day_reference(self, spans, places, period_text):
        muni = helpers.municipality()
        item = helpers.partnership(muni, places=places, start=D(2024, 1, 15), end=None)
        for start, end in spans:
            helpers.placement(item, start, end)
        period: Period = parse_period(period_text)
        stats = partnership_stats(item, period)
        active = [(D(2024, 1, 15), None)]
        assert stats.occupied == reference.occupied_place_days(spans, period)
        assert stats.available == reference.available_place_days(places, active, period)
        for month in stats.months:
            month_period = Period(month.start, month.end)
            assert month.occupied == reference.occupied_place_days(spans, month_period)
        expected = reference.flow([s for s in spans if s[0] <= period.end and
                                   (s[1] is None or s[1] >= period.start)], period)
        for key, value in expected.items():
            assert stats.flow[key] == value, key


@pytest.mark.parametrize("from_rows", [False, True])
def test_person_with_several_placements_counts_once_per_cell(from_rows, monkeypatch):
    """A person placed twice in one partnership in the period counts once among its
    participants, and once per referral route in the splits (a person with two routes counts
    under each); gender and age sum over the routes, as the joined query did. The same from
    the period summaries (PostgreSQL) and from the raw rows."""
    if from_rows:
        monkeypatch.setattr(summaries, "covers", lambda period: None)
    muni = helpers.municipality()
    cafe = helpers.partnership(muni, places=5, start=D(2023, 1, 1), end=D(2025, 12, 31))
    amc = helpers.unit(muni)
    team = helpers.unit(muni, "Team utreda")
    anna = helpers.participant(muni, "woman", 1990)
    helpers.placement(cafe, D(2024, 1, 10), D(2024, 3, 31), outcome="work", person=anna,
                      referred_on=D(2024, 1, 1), route=amc)
    helpers.placement(cafe, D(2024, 5, 1), D(2024, 6, 30), outcome="studies", person=anna,
                      referred_on=D(2024, 4, 20), route=amc)
    helpers.placement(cafe, D(2024, 9, 1), person=anna, referred_on=D(2024, 8, 1), route=team)
    helpers.placement(cafe, D(2024, 2, 1), gender="man", birth_year=1960, referred_on=D(2024, 1, 5),
                      route=team)
    # Placed before 2024 too: repeated, but only the 2024 placement is in the period.
    bo = helpers.participant(muni, "man", 2001)
    helpers.placement(cafe, D(2022, 1, 1), D(2022, 6, 30), outcome="other", person=bo)
    helpers.placement(cafe, D(2024, 3, 1), person=bo)
    stats = partnership_stats(cafe, parse_period("2024"))
    assert stats.flow["participants"] == 3
    assert stats.flow["started"] == 5
    splits = stats.splits
    assert splits["route"][amc.name] == {"participants": 1, "started": 2, "ended": 2,
                                         "to_work_or_studies": 2}
    assert splits["route"][team.name]["participants"] == 2
    # Bo's 2024 placement has no referral: it started in the period all the same.
    assert splits["route"]["Ingen anvisning registrerad"] == {
        "participants": 1, "started": 1, "ended": 0, "to_work_or_studies": 0}
    assert splits["route"][team.name] == {"participants": 2, "started": 2, "ended": 0,
                                          "to_work_or_studies": 0}
    # Anna counts under both her routes: two persons among the women.
    assert splits["gender"]["woman"] == {"participants": 2, "started": 3, "ended": 2,
                                         "to_work_or_studies": 2}
    assert splits["gender"]["man"]["participants"] == 2
    assert splits["age_band"]["-24"]["participants"] == 1
    assert splits["age_band"]["55-"]["participants"] == 1
    assert splits["age_band"]["25-34"]["participants"] == 2
    assert stats.days_to_start.count == 4
    assert stats.days_to_start.median == Decimal("19.0")  # 9, 11, 27, 31
