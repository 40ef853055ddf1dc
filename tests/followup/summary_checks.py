"""Compare the statistics read from the period summaries with those computed from the raw rows."""

import dataclasses
import json
from unittest import mock

import pytest
from django.db import connection

from samverka.followup import stats, summaries, table

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the period summaries are kept by PostgreSQL")


def _flat(row) -> dict:
    found = dataclasses.asdict(row)
    found.pop("period")
    return found


def _exact(value) -> str:
    """VALUE with its types (an int is not a Decimal from SQL's SUM), dictionaries in key order
    (the order of the routes is not a figure)."""
    return json.dumps(value, sort_keys=True, default=repr)


def from_raw_rows(period, **scope):
    with mock.patch.object(summaries, "covers", return_value=None):
        return stats.portfolio_stats(period, **scope)


def differences(periods, **scope) -> list[str]:
    """Every figure that differs between the two sources, as "period partnership field"."""
    found = []
    for period in periods:
        assert summaries.covers(period), f"the summaries do not hold {period.label}"
        rows, total = stats.portfolio_stats(period, **scope)
        raw_rows, raw_total = from_raw_rows(period, **scope)
        assert [row.partnership_id for row in rows] == [row.partnership_id for row in raw_rows]
        for row, raw in zip([*rows, total], [*raw_rows, raw_total], strict=True):
            mine, theirs = _flat(row), _flat(raw)
            found += [f"{period.label} {row.name} {key}: {mine[key]!r} != {theirs[key]!r}"
                      for key in mine if _exact(mine[key]) != _exact(theirs[key])]
    return found


def table_differences(periods, municipality_ids=None) -> list[str]:
    """The same for the columnar table (followup/table.py): read from the summaries against
    built from the raw rows' statistics."""
    found = []
    for period in periods:
        assert summaries.covers(period), f"the summaries do not hold {period.label}"
        mine = table.partnerships(period, municipality_ids)
        with mock.patch.object(summaries, "covers", return_value=None):
            theirs = table.partnerships(period, municipality_ids)
        found += [f"{period.label} {name}: {mine[name]!r} != {theirs[name]!r}"
                  for name in table.COLUMNS if mine[name] != theirs[name]]
    return found
