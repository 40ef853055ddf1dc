"""The follow-up figures as columns: every partnership's row of a period, and the totals.

What a whole country (or any set of municipalities) is asked for: one list per figure, in the
order of the partnerships' names, instead of an object per partnership (stats.Stats, with its
months, splits and economics, is what a page of one municipality shows). The figures are those
of `stats.portfolio_stats` under the same names and definitions – the same partnerships
(partnerships/membership.py), occupancy over the partnerships with a known number of places,
participants counted once per partnership – without the splits, distributions and economics.

A standard period the summaries hold is read from them with SQL doing the sums (one row per
partnership comes back, no JSON is decoded in Python; summary_read decodes the cells); the
persons placed more than once are read as portfolio_stats reads them; any other period comes
from portfolio_stats.
`totals()` adds the columns up as `stats._total` does.
"""

from samverka.partnerships import membership
from samverka.partnerships.models import Partnership

from . import occupancy, stats, summaries
from .periods import Period
from .sql import fetch
from .summary_read import cell, decoded, referral_sums
from .summary_sql import ROWS

# The columns, in order; a row of the summaries' query has the counted ones after the id.
COUNTED = ["occupied", "participants", "referred", "accepted", "declined", "waiting",
           "withdrawn", "started", "ended", "active_at_start", "active_at_end",
           "to_work_or_studies", *stats.OUTCOMES]
COLUMNS = ["partnership_id", "municipality_id", "name", "places", "available", *COUNTED]


def _read_summaries(period: Period, kind: str, municipality_ids) -> dict[int, list[int]]:
    """COUNTED per partnership with placements or referrals in PERIOD: one query sums its
    summary rows (IOP placements; the individual agreements are not in a partnership's flow),
    the counts as int (into bigint), not as bigint (into numeric, slower)."""
    referrals, cells = referral_sums()
    outcomes = [f"outcome:{key}" for key in stats.OUTCOMES]
    figures = ["occupied::int", "placements::int", *referrals, "started::int", "ended::int",
               "at_start::int", "at_end::int", "to_work::int", *map(cell, outcomes)]
    summed = ", ".join(f"SUM({sql}) FILTER (WHERE NOT individual)" for sql in figures)
    scope = stats._scope_sql("s", municipality_ids, None)
    # Listed as having participants: a placement of either kind or a referral in the period.
    rows = fetch(f"SELECT s.partnership_id, {summed} FROM {ROWS} s {decoded(cells + outcomes)} "
                 f"WHERE s.kind = %s AND s.start = %s AND s.partnership_id <> 0{scope[0]} "
                 f"GROUP BY s.partnership_id HAVING SUM(placements::int) <> 0 OR "
                 f"SUM({referrals[0]}) <> 0", [kind, period.start, *scope[1]])
    extra, _cells = stats._extra_placements(
        stats._repeated_rows(period, stats._scope_sql("p", municipality_ids, None)))
    found = {}
    for pid, *values in rows:
        values = [value or 0 for value in values]
        values[1] -= extra.get((pid, False), 0)  # placements → persons
        found[pid] = values
    return found


def _from_stats(period: Period, municipality_ids) -> dict[int, list[int]]:
    rows, _total = stats.portfolio_stats(period, municipality_ids, economics=False,
                                         detail=False)
    return {row.partnership_id: [row.occupied, *(row.flow[key] for key in COUNTED[1:11]),
                                 row.exits_to_work_or_studies,
                                 *(row.outcomes[key] for key in stats.OUTCOMES)]
            for row in rows if row.partnership_id is not None}


def partnerships(period: Period, municipality_ids=None) -> dict[str, list]:
    """{column: [value per partnership]} of the partnerships of PERIOD (COLUMNS)."""
    kind = summaries.covers(period)
    counted = (_read_summaries(period, kind, municipality_ids) if kind
               else _from_stats(period, municipality_ids))
    belonging = membership.members(period.start, period.end, municipality_ids,
                                   participants=set(counted))
    intervals = stats.active_intervals(municipality_ids=municipality_ids)
    listed = Partnership.objects.filter(id__in=list(belonging)).values_list(
        "id", "municipality_id", "name", "places", "capacity")
    columns: dict[str, list] = {name: [] for name in COLUMNS}
    active: dict[tuple, int] = {}
    zeros = [0] * len(COUNTED)
    for pid, mid, name, places, capacity in sorted(listed, key=lambda row: row[2].lower()):
        places = places or capacity
        key = tuple(intervals.get(pid, ()))
        if key not in active:
            active[key] = stats._active_days(occupancy.merge_intervals(key), period)
        row = [pid, mid, name, places, (places or 0) * active[key], *counted.get(pid, zeros)]
        for column, value in zip(COLUMNS, row, strict=True):
            columns[column].append(value)
    return columns


def totals(columns: dict[str, list]) -> dict:
    """The portfolio's totals of a table: counts summed over all its partnerships, places,
    place-days and occupancy over those with a known number of places (as stats._total)."""
    found = {name: sum(columns[name]) for name in COUNTED}
    placed = [index for index, places in enumerate(columns["places"]) if places]
    found["places"] = sum(columns["places"][index] for index in placed) or None
    found["occupied"] = sum(columns["occupied"][index] for index in placed)
    found["available"] = sum(columns["available"][index] for index in placed)
    found["occupancy"] = occupancy.rate_percent(found["occupied"], found["available"])
    return found
