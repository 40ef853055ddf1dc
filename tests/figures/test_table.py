"""The columnar table (followup/table.py) has the portfolio's figures: each partnership's row
and the totals equal what `portfolio_stats` gives the dashboard, on either database."""

from samverka.followup import table
from samverka.followup.periods import parse_period
from samverka.followup.stats import portfolio_stats


def _expected(row) -> dict:
    found = {"partnership_id": row.partnership_id, "name": row.name, "places": row.places,
             "available": row.available, "occupied": row.occupied,
             "to_work_or_studies": row.exits_to_work_or_studies}
    found.update({key: row.flow[key] for key in table.COUNTED[1:11]})
    found.update(row.outcomes)
    return found


def test_each_row_and_the_totals_are_the_portfolios(demo, db):
    for label in ("2024", "2024-H1", "2023-Q3", "2025-03"):
        period = parse_period(label)
        rows, total = portfolio_stats(period, municipality_ids=[demo.pk])
        columns = table.partnerships(period, [demo.pk])
        assert columns["name"] == [row.name for row in rows]
        assert any(columns["participants"]) and any(columns["available"])
        for index, row in enumerate(rows):
            assert {name: columns[name][index] for name in _expected(row)} == _expected(row)
        assert set(columns["municipality_id"]) == {demo.pk}
        totals = table.totals(columns)
        assert totals["occupancy"] == total.occupancy
        assert (totals["places"], totals["occupied"], totals["available"]) == (
            total.places, total.occupied, total.available)
        assert {key: totals[key] for key in table.COUNTED[1:11]} == {
            key: total.flow[key] for key in table.COUNTED[1:11]}
        assert totals["to_work_or_studies"] == total.exits_to_work_or_studies


def test_a_country_lists_every_municipality(demo, db):
    from tests.followup import helpers

    other = helpers.municipality("Annankommun")
    item = helpers.partnership(other, "Annat café")
    helpers.placement(item, parse_period("2024").start, None)
    columns = table.partnerships(parse_period("2024"))
    assert {demo.pk, other.pk} <= set(columns["municipality_id"])
    assert columns["participants"][columns["partnership_id"].index(item.pk)] == 1
