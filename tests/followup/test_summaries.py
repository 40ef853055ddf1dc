"""The period summaries kept by PostgreSQL (followup/summaries.py) give exactly the figures of the
raw rows: for every standard period, after any sequence of edits, from several connections at
once, after compaction and when the horizon moves."""

import datetime as D
import random
import threading

import pytest
from django.db import close_old_connections, connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from samverka.followup import stats, summaries
from samverka.followup.models import SummaryRow
from samverka.followup.periods import parse_period, standard_periods
from samverka.participants.facts import sync_placement_facts
from samverka.participants.models import Participant, Placement, Referral

from . import helpers
from .summary_checks import differences, postgres_only, table_differences

pytestmark = postgres_only
YEARS = (2023, 2024, 2025)
PERIODS = [period for year in YEARS for period in standard_periods(year)]
day = st.dates(min_value=D.date(2022, 11, 1), max_value=D.date(2025, 12, 31))


def _world(seed: int, placements: int = 30):
    """Two partnerships of one municipality and one of another, with random placements and
    referrals (persons placed more than once, individual agreements)."""
    rng = random.Random(seed)
    north, south = helpers.municipality("Nordkommun"), helpers.municipality("Sydkommun")
    items = [helpers.partnership(north, f"Café {seed}"),
             helpers.partnership(north, f"Verkstad {seed}"),
             helpers.partnership(south, f"Trädgård {seed}")]
    people = {item.pk: [helpers.participant(item.municipality, rng.choice(["woman", "man"]),
                                            rng.randint(1955, 2006)) for _ in range(4)]
              for item in items}
    for _ in range(placements):
        item = rng.choice(items)
        _random_placement(rng, item, rng.choice(people[item.pk]))
    return items


def _random_placement(rng, item, person):
    start = D.date(2022, 11, 1) + D.timedelta(days=rng.randint(0, 1100))
    end = None if rng.random() < 0.3 else start + D.timedelta(days=rng.randint(0, 400))
    outcome = rng.choice(["work", "studies", "illness", "dropped_out"]) if end else ""
    individual = rng.random() < 0.15
    referred = start - D.timedelta(days=rng.randint(0, 60)) if rng.random() < 0.8 else None
    return helpers.placement(item, start, end, outcome=outcome, person=person,
                             referred_on=referred, individual=individual,
                             cost=rng.randint(1000, 90000) if individual else None)


def _edit(rng, items):
    """One random edit of the rows of ITEMS, of the kinds the issue lists, through the ORM as
    the actions do, or around it (QuerySet.update, raw SQL), as nothing may bypass the
    summaries."""
    placement = Placement.objects.filter(partnership__in=items).order_by("?").first()
    choice = rng.randrange(8)
    if choice == 0 and placement:  # a late exit
        placement.end = placement.start + D.timedelta(days=rng.randint(0, 300))
        placement.outcome = rng.choice(["work", "moved"])
        placement.save()
    elif choice == 1 and placement:  # a changed start, around the model
        Placement.objects.filter(pk=placement.pk, end__isnull=True).update(
            start=placement.start - D.timedelta(days=rng.randint(1, 90)))
    elif choice == 2 and placement:  # a changed gender, copied onto the placements
        person = placement.participant
        person.gender = "man" if person.gender == "woman" else "woman"
        person.save()
        sync_placement_facts(participant_ids=[person.pk])
    elif choice == 3 and placement:
        placement.delete()
    elif choice == 4:
        item = rng.choice(items)
        _random_placement(rng, item, helpers.participant(item.municipality))
    elif choice == 5:  # a withdrawn referral, in raw SQL
        referral = Referral.objects.filter(partnership__in=items).order_by("?").first()
        if referral:
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {Referral._meta.db_table} SET status = 'withdrawn' "
                               "WHERE id = %s", [referral.pk])
    elif choice == 6 and placement:  # moved to another partnership
        Placement.objects.filter(pk=placement.pk).update(partnership=rng.choice(
            [i for i in items if i.municipality_id == placement.municipality_id]))
    elif choice == 7:  # retention: a person's rows erased
        person = Participant.objects.filter(placements__partnership__in=items).order_by(
            "?").first()
        if person:
            Placement.objects.filter(participant=person).delete()
            Referral.objects.filter(participant=person).delete()


def _check(items) -> None:
    municipalities = sorted({item.municipality_id for item in items})
    assert differences(PERIODS) == []
    assert table_differences(PERIODS) == []
    assert table_differences(PERIODS[:7], municipality_ids=municipalities[:1]) == []
    assert differences(PERIODS[:7], municipality_ids=municipalities[:1]) == []
    assert differences(PERIODS[:3], municipality_ids=municipalities[:1],
                       partnership_ids=[items[0].pk]) == []


class TestEdits(TestCase):
    @settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.integers(min_value=0, max_value=10_000), st.lists(st.integers(0, 10_000),
                                                                min_size=1, max_size=12))
    def test_summaries_equal_the_raw_rows_after_random_edits(self, seed, edits):
        items = _world(seed)
        _check(items)
        for edit in edits:
            _edit(random.Random(edit), items)
        _check(items)


@pytest.mark.django_db
def test_a_standard_period_reads_the_summaries_not_the_placements():
    item = _world(1, placements=5)[0]
    with CaptureQueriesContext(connection) as queries:
        stats.portfolio_stats(parse_period("2024"), municipality_ids=[item.municipality_id])
    placements = [q["sql"] for q in queries if Placement._meta.db_table in q["sql"]]
    # Only the few placements of persons placed more than once (a partial index) are read.
    assert len(placements) == 1 and "stat_repeated" in placements[0]
    assert any(SummaryRow._meta.db_table in q["sql"] for q in queries)


@pytest.mark.django_db
def test_compaction_folds_the_appended_rows_and_keeps_the_figures():
    items = _world(2)
    rng = random.Random(3)
    for _ in range(15):
        _edit(rng, items)
    before = SummaryRow.objects.count()
    summaries.compact()
    after = SummaryRow.objects.count()
    assert after < before
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM (SELECT 1 FROM followup_summaryrow GROUP BY "
                       "partnership_id, municipality_id, individual, kind, start "
                       "HAVING COUNT(*) > 1) t")
        assert cursor.fetchone()[0] == 0
    _check(items)


@pytest.mark.django_db
def test_the_horizon_moves_and_later_periods_come_from_the_rows_meanwhile():
    items = _world(4)
    summaries.rebuild(horizon=D.date(2024, 12, 31))
    later = parse_period("2025-Q2")
    assert summaries.covers(parse_period("2024-Q4")) == "quarter"
    assert summaries.covers(later) is None  # after the horizon: from the raw rows
    helpers.placement(items[0], D.date(2024, 6, 1))  # open: counts into 2025 when extended
    assert summaries.extend(D.date(2025, 12, 31)) is True
    assert summaries.extend(D.date(2025, 12, 31)) is False
    assert summaries.covers(later) == "quarter"
    _check(items)


@pytest.mark.django_db
def test_a_custom_range_is_computed_from_the_rows():
    _world(5)
    assert summaries.covers(parse_period("2024-02-10..2024-05-03")) is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_edits_from_several_connections_keep_the_summaries_exact():
    """Four threads, each on its own connection, edit placements and referrals at the same
    time in transactions of a few edits: no deadlock, no error, and the figures still equal
    the raw rows' (the flush of a transactional test empties the summaries: rebuild first).
    Every edit appends to the same municipality and country cells."""
    items = _world(6, placements=40) + _world(7, placements=40)
    summaries.rebuild()
    errors = []

    def work(seed):
        # Each thread its own two partnerships (and so its own rows: the test is about the
        # summaries, which every thread shares per municipality and for the country).
        mine = items[seed::4]
        rng = random.Random(seed)
        try:
            for _ in range(12):
                with transaction.atomic():
                    for _ in range(3):
                        _edit(rng, mine)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    _check(items)
    summaries.compact()
    _check(items)


@pytest.mark.django_db(transaction=True)
def test_a_bulk_load_runs_without_the_triggers_and_rebuilds_after():
    items = _world(8, placements=10)
    summaries.rebuild()
    with summaries.suspended():
        assert summaries.horizon() is None  # meanwhile the figures come from the rows
        _random_placement(random.Random(1), items[0], helpers.participant(items[0].municipality))
    assert summaries.horizon() is not None
    _check(items)
    helpers.placement(items[1], D.date(2024, 3, 1))  # the triggers are on again
    _check(items)


def test_the_horizon_is_the_end_of_this_year():
    """An exit changes every period from its end to the horizon: none after this year."""
    assert summaries.default_horizon(D.date(2026, 12, 1)) == D.date(2026, 12, 31)
    assert summaries.default_horizon(D.date(2027, 1, 1)) == D.date(2027, 12, 31)
