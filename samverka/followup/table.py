"""The follow-up figures as columns: every partnership's row of a period, and the totals.

What a whole country (or any set of municipalities) is asked for: one list per figure, in the
order of the partnerships' names, instead of an object per partnership (stats.Stats, with its
months, splits and economics, is what a page of one municipality shows). The figures are those
of `stats.portfolio_stats` under the same names and definitions – the same partnerships
(partnerships/membership.py), occupancy over the partnerships with a known number of places,
participants counted once per partnership – without the splits, distributions and economics.

A standard period the summaries hold is read from them with SQL doing the sums (one row per
partnership comes back, no JSON is decoded in Python); any other period from portfolio_stats.
`totals()` adds the columns up as `stats._total` does.
"""

from samverka.participants.models import Placement
from samverka.partnerships import membership
from samverka.partnerships.models import Partnership

from . import occupancy, stats, summaries
from .periods import Period
from .sql import fetch
from .summary_sql import ROWS

# The referral figures and the statuses each counts (as summary_read.REFERRAL_FIGURES).
REFERRAL_STATUSES = {"accepted": ("accepted",), "declined": ("declined",),
                     "waiting": ("requested", "waiting"), "withdrawn": ("withdrawn",)}
# The columns, in order; a row of the summaries' query has the counted ones after the id.
COUNTED = ["occupied", "participants", "referred", "accepted", "declined", "waiting",
           "withdrawn", "started", "ended", "active_at_start", "active_at_end",
           "to_work_or_studies", *stats.OUTCOMES]
COLUMNS = ["partnership_id", "municipality_id", "name", "places", "available", *COUNTED]


CELLS = [f"referral:{status}" for statuses in REFERRAL_STATUSES.values()
         for status in statuses] + [f"outcome:{key}" for key in stats.OUTCOMES]
# The cells, each decoded once per row (`cells->'name'` would decode the whole object again
# for every name: four times slower).
_DECODED = ("CROSS JOIN LATERAL jsonb_to_record(cells) c("
            + ", ".join(f'"{name}" jsonb' for name in CELLS) + ")")


def _cell(name: str) -> str:
    return f'COALESCE((c."{name}"->>0)::int, 0)'


def _referred() -> str:
    return " + ".join(_cell(name) for name in CELLS if name.startswith("referral:"))


def _summed() -> str:
    """SQL: the counted figures per partnership (IOP placements; the individual agreements are
    not in a partnership's flow), participants still as placements. A row's figures are
    small: summed as int (into bigint), not as bigint (into numeric, slower)."""
    referrals = [" + ".join(_cell(f"referral:{status}") for status in statuses)
                 for statuses in REFERRAL_STATUSES.values()]
    figures = ["occupied::int", "placements::int", _referred(), *referrals, "started::int",
               "ended::int", "at_start::int", "at_end::int", "to_work::int",
               *(_cell(f"outcome:{key}") for key in stats.OUTCOMES)]
    return ", ".join(f"SUM({sql}) FILTER (WHERE NOT individual)" for sql in figures)


def _read_summaries(period: Period, kind: str, municipality_ids) -> dict[int, list[int]]:
    scope, params = "", [kind, period.start]  # type: tuple[str, list]
    if municipality_ids is not None:
        scope, params = " AND municipality_id = ANY(%s)", [*params, list(municipality_ids)]
    # Listed as having participants: a placement of either kind or a referral in the period.
    rows = fetch(f"SELECT partnership_id, {_summed()} FROM {ROWS} {_DECODED} WHERE kind = %s "
                 f"AND start = %s AND partnership_id <> 0{scope} GROUP BY partnership_id "
                 f"HAVING SUM(placements::int) <> 0 OR SUM({_referred()}) <> 0", params)
    repeated = _extra_placements(period, municipality_ids)
    found = {}
    for pid, *values in rows:
        values = [value or 0 for value in values]
        values[1] -= repeated.get(pid, 0)  # placements → persons
        found[pid] = values
    return found


def _extra_placements(period: Period, municipality_ids) -> dict[int, int]:
    """Per partnership the IOP placements of persons placed there before in the period
    (stat_repeated: the few that can count a person twice)."""
    scope, params = "", [period.end, period.start]  # type: tuple[str, list]
    if municipality_ids is not None:
        scope, params = " AND municipality_id = ANY(%s)", [*params, list(municipality_ids)]
    sql = ("SELECT partnership_id, SUM(n - 1) FROM (SELECT partnership_id, COUNT(*) AS n "
           f"FROM {Placement._meta.db_table} WHERE stat_repeated AND "
           'NOT is_individual_agreement AND start <= %s AND ("end" IS NULL OR "end" >= %s)'
           f"{scope} GROUP BY partnership_id, participant_id) x GROUP BY partnership_id")
    return {pid: int(extra) for pid, extra in fetch(sql, params)}


def _from_stats(period: Period, municipality_ids) -> dict[int, list[int]]:
    rows, _total = stats.portfolio_stats(period, municipality_ids, economics=False,
                                         detail=False)
    return {int(row.partnership_id or 0): [row.occupied, *(row.flow[key] for key in COUNTED[1:11]),
                                 row.exits_to_work_or_studies,
                                 *(row.outcomes[key] for key in stats.OUTCOMES)]
            for row in rows}


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
            active[key] = sum(occupancy.overlap_days(start, end, period)
                              for start, end in occupancy.merge_intervals(key))
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
