"""The follow-up economics (plain rows, two totals) against the budget pages' statements.

`followup.economics` no longer builds a Statement per partnership and year: it sums the two
totals straight from the rows. These cases hold it to `budgets.selectors.budget_for_year`
(`build_statement` on model instances), pro rata by days as the follow-up rule says, so that a
divergence in selection, indexation, rounding or unknown amounts fails here.
"""

import datetime as dt
from decimal import Decimal

import pytest

from samverka.budgets.money import round_kronor
from samverka.budgets.selectors import budget_for_year
from samverka.followup.economics import add_economics
from samverka.followup.periods import Period, parse_period, year_period
from samverka.followup.stats import Stats
from samverka.organisations.models import Organisation
from tests.factories import (
    BudgetFactory,
    LineFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartyFactory,
    VersionFactory,
)

pytestmark = pytest.mark.django_db

PERIODS = [
    year_period(2021), year_period(2022), year_period(2023), year_period(2024),
    year_period(2026), parse_period("2024-Q2"), parse_period("2024-02"),
    Period(dt.date(2023, 7, 1), dt.date(2024, 6, 30)),
    Period(dt.date(2022, 12, 15), dt.date(2025, 1, 10)),
]


def _reference(partnership, period: Period) -> tuple[int | None, int | None]:
    """(committee cost, value) from the budget pages' statements, pro rata by days per year."""
    cost = value = None
    for year in period.calendar_years:
        statement = budget_for_year(partnership, year)
        if statement is None:
            continue
        whole = year_period(year)
        start, end = max(whole.start, period.start), min(whole.end, period.end)
        share = Decimal((end - start).days + 1) / Decimal(whole.days)
        if statement.municipality_total is not None:
            cost = (cost or 0) + round_kronor(Decimal(statement.municipality_total) * share)
        if statement.total is not None:
            value = (value or 0) + round_kronor(Decimal(statement.total) * share)
    return cost, value


def _economics(partnerships, period, **scope) -> dict[int, tuple]:
    rows = [Stats(period, item.pk, item.name, item.places) for item in partnerships]
    add_economics(rows, period, **scope)
    return {row.partnership_id: (row.committee_cost, row.value) for row in rows}


def _parties(item):
    committee = PartyFactory(partnership=item, organisation=item.committee, role="committee")
    partner = PartyFactory(partnership=item)
    return committee, partner


@pytest.fixture
def country():
    muni = MunicipalityFactory()
    other_muni = MunicipalityFactory()

    # Indexed 2 % a year from 2021; 25 kr lines round half up each (25.50 -> 26), an hours
    # line (20.5 h × 40 weeks × 412.37 kr) and a partner line whose amount is unknown.
    cafe = PartnershipFactory(municipality=muni, name="Café")
    committee, partner = _parties(cafe)
    version = VersionFactory(partnership=cafe, number=1, start=dt.date(2021, 1, 1),
                             end=dt.date(2023, 12, 31), extension_count=1, extension_years=1,
                             extensions_used=1)
    budget = BudgetFactory(version=version, first_year=2021, indexation_percent=Decimal("2"))
    LineFactory(budget=budget, party=committee, lump_sum=25)
    LineFactory(budget=budget, party=partner, lump_sum=25)
    LineFactory(budget=budget, party=committee, lump_sum=None, hours_per_week=Decimal("20.5"),
                weeks_per_year=40, hourly_rate=Decimal("412.37"))
    LineFactory(budget=budget, party=committee, lump_sum=1_234_567)
    LineFactory(budget=budget, party=partner, lump_sum=None)  # unknown: value unknown

    # Two budgets: from 2024 the revision's (3.25 %), before that the original's, which ends
    # with 2023 (last_year); the revision's budget is all known.
    linkstep = PartnershipFactory(municipality=muni, name="Linkstep")
    committee, partner = _parties(linkstep)
    first = VersionFactory(partnership=linkstep, number=1, start=dt.date(2020, 1, 1),
                           end=dt.date(2025, 12, 31))
    old = BudgetFactory(version=first, first_year=2020, last_year=2023,
                        indexation_percent=Decimal("1.50"))
    LineFactory(budget=old, party=committee, lump_sum=600_001)
    LineFactory(budget=old, party=partner, lump_sum=199_999)
    second = VersionFactory(partnership=linkstep, number=2, kind="revision",
                            start=dt.date(2024, 1, 1), end=dt.date(2025, 12, 31))
    new = BudgetFactory(version=second, first_year=2024, indexation_percent=Decimal("3.25"))
    LineFactory(budget=new, party=committee, lump_sum=1_000_003)
    LineFactory(budget=new, party=partner, lump_sum=500_001)

    # A committee line of unknown amount: cost and value unknown; a budget without lines in a
    # later version shadows it from 2025 (0 kr).
    unknown = PartnershipFactory(municipality=other_muni, name="Okänd")
    committee, partner = _parties(unknown)
    version = VersionFactory(partnership=unknown, number=1, start=dt.date(2022, 1, 1),
                             end=None)
    budget = BudgetFactory(version=version, first_year=2022, indexation_percent=Decimal("4"))
    LineFactory(budget=budget, party=committee, lump_sum=None)
    LineFactory(budget=budget, party=partner, lump_sum=70_000)
    later = VersionFactory(partnership=unknown, number=2, kind="revision",
                           start=dt.date(2025, 1, 1), end=None)
    BudgetFactory(version=later, first_year=2025)

    # Two organisations of the same name, one municipal: build_statement totals per party
    # name, the party municipal as its first line says.
    twins = PartnershipFactory(municipality=muni, name="Tvillingar")
    municipal = OrganisationFactory(municipality=muni, name="Samma namn",
                                    kind=Organisation.Kind.MUNICIPAL_BODY)
    civil = OrganisationFactory(municipality=other_muni, name="Samma namn")
    first_party = PartyFactory(partnership=twins, organisation=municipal, role="committee")
    second_party = PartyFactory(partnership=twins, organisation=civil)
    version = VersionFactory(partnership=twins, number=1, start=dt.date(2022, 1, 1),
                             end=dt.date(2024, 12, 31))
    budget = BudgetFactory(version=version, first_year=2022, indexation_percent=Decimal("2.5"))
    LineFactory(budget=budget, party=first_party, lump_sum=101)
    LineFactory(budget=budget, party=second_party, lump_sum=303)

    # No budget at all.
    bare = PartnershipFactory(municipality=muni, name="Utan budget")
    return {"muni": muni, "cafe": cafe, "linkstep": linkstep, "unknown": unknown,
            "twins": twins, "bare": bare}


@pytest.mark.parametrize("period", PERIODS, ids=[p.label for p in PERIODS])
def test_same_as_the_budget_pages_statements(country, period):
    partnerships = [country[name] for name in ["cafe", "linkstep", "unknown", "twins", "bare"]]
    got = _economics(partnerships, period)
    assert got == {item.pk: _reference(item, period) for item in partnerships}
    scoped = [item for item in partnerships if item.municipality_id == country["muni"].pk]
    assert _economics(scoped, period, municipality_ids=[country["muni"].pk]) == {
        item.pk: _reference(item, period) for item in scoped}
    assert _economics(scoped[:2], period, partnership_ids=[item.pk for item in scoped[:2]]) == {
        item.pk: _reference(item, period) for item in scoped[:2]}


def test_hand_computed_cases(country):
    got = _economics(list(country.values())[1:], year_period(2022))
    hours = round_kronor(Decimal("20.5") * 40 * Decimal("412.37"))  # 338 143
    assert hours == 338_143
    # 2022, one year of 2 %: each line rounded on its own (25 -> 25.50 -> 26, twice).
    cafe_cost = 26 + round_kronor(Decimal(hours) * Decimal("1.02")) + 1_259_258
    assert got[country["cafe"].pk] == (cafe_cost, None)
    assert got[country["unknown"].pk] == (None, None)
    assert got[country["twins"].pk] == (404, 404)  # one municipal party "Samma namn"
    assert got[country["bare"].pk] == (None, None)
    # The original budget ends with 2023; the revision's starts 2024, indexed 3.25 % in 2025.
    assert _economics([country["linkstep"]], year_period(2025))[country["linkstep"].pk] == (
        round_kronor(Decimal("1000003") * Decimal("1.0325")),
        round_kronor(Decimal("1000003") * Decimal("1.0325"))
        + round_kronor(Decimal("500001") * Decimal("1.0325")))
    # 2023-07-01..2024-06-30: 184/365 of 2023 and 182/366 of 2024, each rounded half up.
    half = Period(dt.date(2023, 7, 1), dt.date(2024, 6, 30))
    cost_2023 = round_kronor(Decimal(600_001) * Decimal("1.015") ** 3)
    expected = (round_kronor(Decimal(cost_2023) * 184 / 365)
                + round_kronor(Decimal(1_000_003) * 182 / 366))
    assert _economics([country["linkstep"]], half)[country["linkstep"].pk][0] == expected
    # The extension used keeps the café's budget in force in 2024; none after.
    assert _economics([country["cafe"]], year_period(2024))[country["cafe"].pk][0] is not None
    assert _economics([country["cafe"]], year_period(2025))[country["cafe"].pk] == (None, None)
