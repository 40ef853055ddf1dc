"""The disclosure audit of issue #12: can the committee work out a withheld figure?

For demo years, every published period of the year (periods.published_periods: the year and its
halves) and every demo partnership plus the portfolio, it collects every figure the committee
role can read – the published dicts behind the dashboard, its XLSX, the CLI JSON, the API and
the yearly reports (publication.portfolio) and each partnership's page (publication.partnership)
– writes the relations a reader knows between them (tests/figures/disclosure_harness.py: within
a table, across outputs, the portfolio column, across periods, derived ratios, place-days) and
computes each withheld cell's feasible interval by exact linear programming
(samverka/followup/disclosure.py). A withheld count whose interval is narrower than the small-
cell threshold is a leak. The SROI page needs no relation of its own: it withholds every
quantity, value and total of a partnership-year as soon as one of its follow-up counts is
withheld (impact/selectors.for_viewer; tests/impact), so its formula never meets a withheld
count.

Two variants show that the audit can fail: primary suppression only (no complements), and one
pattern per period (the layer before the cross-period work), where a half-year is worked out
from the year minus the other half.
"""

import time

import pytest
from django.core.cache import cache

from samverka.followup import publication
from samverka.followup.crossperiod import periods_of_year
from samverka.followup.disclosure import audit
from samverka.followup.published import threshold
from samverka.partnerships.models import Partnership

from .disclosure_harness import Audit, add_relations

pytestmark = pytest.mark.django_db
YEARS = list(range(2018, 2027))  # every year of the demo


def collect(demo, year: int) -> Audit:
    """Truth and every committee output for YEAR's published periods."""
    result = Audit()
    sets, _found = publication.year_pattern(year, [demo.pk])
    periods = {period.label: period for period in periods_of_year(year)}
    items = {item.pk: item for item in Partnership.objects.filter(municipality=demo)}
    scopes = {"portfolio"}
    for label in periods:
        rows, total = sets[label]
        for row in rows:
            result.add_truth(row.partnership_id, label, row)
            scopes.add(row.partnership_id)
        result.add_truth("portfolio", label, total)
    for label, period in periods.items():
        data, rows = publication.portfolio(period, [demo.pk])
        for row, item in zip(rows, data["partnerships"], strict=True):
            result.add_output("dashboard", row.partnership_id, label, item)
            page = publication.partnership(items[row.partnership_id], period)
            result.add_output("partnership page", row.partnership_id, label, page)
        result.add_output("dashboard", "portfolio", label, data["total"])
    add_relations(result, sorted(scopes, key=str), year, periods)
    return result


def leaks_of(collected: Audit) -> list:
    unknown = set(collected.values) - set(collected.shown_by)
    found = audit(collected.values, collected.all_relations(), unknown, threshold(),
                  only=collected.hidden())
    return [leak for leak in found if leak.value]  # a withheld zero gives nobody away


@pytest.fixture
def memoised(monkeypatch):
    """One year's pattern computed once per test (every output reads the same one)."""
    cache.clear()
    seen = {}
    original = publication.year_pattern

    def year_pattern(year, municipality_ids=None):
        key = (year, tuple(municipality_ids or ()))
        if key not in seen:
            seen[key] = original(year, municipality_ids)
        return seen[key]

    monkeypatch.setattr(publication, "year_pattern", year_pattern)
    yield
    cache.clear()


def _report(year, collected, leaks, started):
    lines = "\n".join(f"  {leak.key} = {leak.value} in [{leak.low:g}, {leak.high:g}]"
                      for leak in leaks[:30])
    print(f"audit {year}: {len(collected.values)} cells, {len(collected.hidden())} withheld, "
          f"{sum(map(len, collected.relations.values()))} relations, {len(leaks)} leaks, "
          f"{time.perf_counter() - started:.1f}s")
    return lines


@pytest.mark.parametrize("year", YEARS)
def test_no_withheld_figure_can_be_worked_out(demo, memoised, year):
    started = time.perf_counter()
    collected = collect(demo, year)
    assert collected.hidden(), "the demo year withholds something"
    assert collected.relations["across periods"]
    leaks = leaks_of(collected)
    lines = _report(year, collected, leaks, started)
    assert leaks == [], f"{len(leaks)} withheld figures can be worked out:\n{lines}"


def test_primary_suppression_alone_leaks(demo, memoised, monkeypatch):
    """The audit finds the leaks of a pattern without complements (totals minus parts)."""
    def primary_only(values, relations, limit, primary=None, weight=None):
        return {key for key, value in values.items() if 0 < value < limit} | set(primary or ())

    monkeypatch.setattr(publication, "protect", primary_only)
    started = time.perf_counter()
    collected = collect(demo, 2024)
    leaks = leaks_of(collected)
    _report("2024 (primary only)", collected, leaks, started)
    assert len(leaks) >= 10


def test_one_pattern_per_period_leaks_across_periods(demo, memoised, monkeypatch):
    """The layer before the joint pattern protected each period alone: a half-year withheld
    on its own page is the year minus the other half. The audit must find that."""
    def per_period(period, municipality_ids=None):
        from samverka.followup.stats import portfolio_stats

        rows, total = portfolio_stats(period, municipality_ids=municipality_ids)
        return rows, total, publication.pattern(rows, total, period)

    monkeypatch.setattr(publication, "compute", per_period)
    started = time.perf_counter()
    collected = collect(demo, 2024)
    leaks = leaks_of(collected)
    _report("2024 (per period)", collected, leaks, started)
    assert leaks
