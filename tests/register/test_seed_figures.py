"""The demo municipality reproduces the figures the five seeds state."""

import datetime as dt

from samverka.budgets.selectors import budget_for_year
from samverka.demo.loader import load_demo
from samverka.partnerships import selectors
from samverka.partnerships.models import Partnership
from samverka.provenance.models import Claim


def test_seed_003_portfolio_2019(demo):
    result = selectors.portfolio(demo, 2019, form="iop")
    assert sorted((row.name, row.value, row.committee_cost) for row in result.rows) == [
        ("Bromodellen – Vägen till anställningsbarhet", 1_791_200, 1_150_000),
        ("Hoppfull framtid", 2_080_500, 1_100_000),
        ("Inkludering på lika villkor", 454_000, 230_000),
        ("Kompletterande språkträning", 897_626, 590_000),
        ("Språkvänner", 1_077_600, 600_000),
    ]
    assert result.total_value == 6_300_926
    assert result.total_committee_cost == 3_670_000


def test_seed_003_other_collaborations_2019(demo):
    others = selectors.portfolio(demo, 2019, form=None)
    names = {row.name for row in others.rows if row.form != "iop"}
    assert names == {"Arena Ryds Herrgård", "Drivbänk", "Linkstep", "Återbruket"}
    linkstep = next(row for row in others.rows if row.name == "Linkstep")
    assert linkstep.committee_cost == 1_600_000
    assert linkstep.value is None  # Stångåstaden's part is not stated: unknown, not zero


def test_seed_004_ikf_budget_2021_and_indexed_2022(demo):
    ikf = Partnership.objects.get(municipality=demo, name="Inkludering på lika villkor")
    statement = budget_for_year(ikf, 2021)
    assert [line.amount for line in statement.lines] == [212_000, 127_200, 212_000, 63_600, 50_000]
    assert [line.hours_per_year for line in statement.lines][:4] == [800, 480, 800, 240]
    assert (statement.total, statement.municipality_total, statement.partner_total) == (
        664_800, 339_200, 325_600)
    assert budget_for_year(ikf, 2022).total == 678_096


def test_seed_000_and_001_agreements_2024(demo):
    bilda = Partnership.objects.get(municipality=demo, name="IOP Bilda Sydöst och Erikshjälpen")
    statement = budget_for_year(bilda, 2024)
    assert statement.total == 2_368_800
    assert [party.amount for party in statement.parties] == [1_658_160, 592_200, 118_440]
    assert [party.at_least for party in statement.parties] == [False, True, True]
    assert bilda.places == 40
    stadsmission = Partnership.objects.get(municipality=demo,
                                           name="IOP Östergötlands Stadsmission")
    assert budget_for_year(stadsmission, 2025).total == 6_528_600
    assert budget_for_year(stadsmission, 2025).municipality_total == 1_710_000
    for partnership in (bilda, stadsmission):
        version = partnership.latest_version
        assert (version.start, version.end) == (dt.date(2024, 1, 1), dt.date(2025, 12, 31))
        assert (version.extension_count, version.extension_years) == (2, 2)
        assert version.latest_possible_end == dt.date(2029, 12, 31)
    assert stadsmission.decisions.get().registry_number == "AN 2023-165"


def test_seed_002_individual_agreements_are_kept_as_reported(demo):
    hoppfull = Partnership.objects.get(municipality=demo, name="Hoppfull framtid")
    figures = {(f.year, f.key): f.number for f in hoppfull.reported_figures.all()}
    assert figures[(2018, "individual_persons")] == 24
    assert figures[(2018, "individual_cost")] == 214_976
    assert figures[(2018, "referred")] == 14


def test_arena_ryds_end_date_conflict_keeps_both_sources(demo):
    arena = Partnership.objects.get(municipality=demo, name="Arena Ryds Herrgård")
    groups = selectors.sources_for(list(arena.versions.all()))
    end = next(group for group in groups if group.field == "end")
    assert end.in_conflict
    assert end.values == {"2020-12-31", "2021-07-31"}
    assert arena.latest_version.end is None  # neither source is silently preferred


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = (Partnership.objects.count(), Claim.objects.count())
    load_demo()
    assert (Partnership.objects.count(), Claim.objects.count()) == counts
