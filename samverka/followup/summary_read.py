"""Reading the period summaries (followup/summaries.py) into the shapes the raw pass returns, so
that `portfolio_stats` builds the same figures from either source.

One query sums the period's rows of every partnership in scope (between two compactions a key
may have several) in the order of a row of the raw pass, the cells decoded once per row in
SQL; a second sums the routes' cells. The medians are those the rows store, except for a key
whose stored medians do not cover all its histograms (several rows with histograms, or one
appended by a trigger): its histograms are read and summed here. The medians over all come from
the rows the summaries keep per municipality or for the country.
"""

import json

from .occupancy import histogram_median
from .periods import Period
from .sql import fetch
from .summary_sql import HISTOGRAMS, MEDIANS, ROWS

# The referrals' figures after all of them, and the statuses each counts.
REFERRAL_STATUSES = {"accepted": ("accepted",), "declined": ("declined",),
                     "waiting": ("requested", "waiting"), "withdrawn": ("withdrawn",)}


def _scope(municipality_ids, partnership_ids) -> tuple[str, list]:
    parts, params = [], []
    if municipality_ids is not None:
        parts.append("municipality_id = ANY(%s)")
        params.append(list(municipality_ids))
    if partnership_ids is not None:
        parts.append("partnership_id = ANY(%s)")
        params.append(list(partnership_ids))
    return "".join(f" AND {part}" for part in parts), params


class _Key:
    """The rows of one key: the medians stored, or its histograms summed."""

    __slots__ = ("stored", "histograms")

    def __init__(self):
        self.stored, self.histograms = None, None

    def add(self, stored: tuple, has_histograms: bool, histograms):
        if histograms is not None:  # Django leaves the JSON undecoded on a raw cursor
            self.histograms = self.histograms or {}
            for name, count in json.loads(histograms).items():
                self.histograms[name] = self.histograms.get(name, 0) + count
        elif has_histograms:
            self.stored = stored

    def medians(self) -> tuple:
        """(median days to start, median length of stay)."""
        if self.histograms is None:
            return self.stored or (None, None)
        by_dimension: tuple[dict, dict] = ({}, {})
        for name, count in self.histograms.items():
            dimension, _colon, days = name.partition(":")
            if count:
                by_dimension[HISTOGRAMS.index(dimension)][int(days)] = count
        return tuple(histogram_median(histogram) for histogram in by_dimension)


def _read(kind: str, start, where: str, params: list, partition: str | None,
          every_histogram: bool = False) -> dict:
    """{key: _Key} of the rows of the period (KIND, START) that WHERE selects, keyed by
    PARTITION's columns (None: one key). The histograms are read where a key's stored medians
    do not cover them all, or EVERY_HISTOGRAM."""
    columns = partition or "NULL"
    histograms = ("histograms" if every_histogram else
                  f"CASE WHEN COUNT(histograms) OVER (PARTITION BY {columns}) > 1 OR "
                  "(histograms IS NOT NULL AND NOT whole) THEN histograms END")
    sql = (f"SELECT {columns}, {', '.join(MEDIANS)}, histograms IS NOT NULL, {histograms} "
           f"FROM {ROWS} WHERE kind = %s AND start = %s AND {where}")
    found: dict = {}
    width = len(columns.split(", "))
    for row in fetch(sql, [kind, start, *params]):
        key, (to_start, stay, has_histograms, histograms) = row[:width], row[width:]
        found.setdefault(key, _Key()).add((to_start, stay), has_histograms, histograms)
    return found


def _overall(period: Period, kind: str, municipality_ids, partnership_ids) -> tuple:
    """The medians over the scope: from the named partnerships' histograms summed, else from
    the rows the summaries keep per municipality or for the country."""
    if partnership_ids is not None:
        level, params = "NOT individual AND partnership_id = ANY(%s)", [list(partnership_ids)]
    elif municipality_ids is not None:
        level, params = "partnership_id = 0 AND municipality_id = ANY(%s)", [
            list(municipality_ids)]
    else:
        level, params = "partnership_id = 0 AND municipality_id = 0", []
    found = _read(kind, period.start, level, params, None,
                  every_histogram=partnership_ids is not None)
    return found[(None,)].medians() if found else (None, None)


def cell(name: str, index: int = 0) -> str:
    """SQL: figure INDEX of the cell NAME of a row decoded by decoded(), 0 when absent."""
    return f'COALESCE((c."{name}"->>{index})::int, 0)'


def decoded(cells: list[str]) -> str:
    """SQL: the row's CELLS as the columns of c, the JSON decoded once per row (`cells->'name'`
    would decode the whole object again for every name: four times slower)."""
    return ("CROSS JOIN LATERAL jsonb_to_record(cells) c("
            + ", ".join(f'"{name}" jsonb' for name in cells) + ")")


def referral_sums() -> tuple[list[str], list[str]]:
    """SQL: the referral figures (all, then REFERRAL_STATUSES) of a decoded row; the cells."""
    cells = [f"referral:{status}" for keys in REFERRAL_STATUSES.values() for status in keys]
    figures = [" + ".join(cell(name) for name in cells)]
    figures += [" + ".join(cell(f"referral:{status}") for status in keys)
                for keys in REFERRAL_STATUSES.values()]
    return figures, cells


def _layout(months: int, detail: bool) -> tuple[list[str], list[str]]:
    """SQL: a key's figures summed in the order of a row of the raw pass (stats._pass), then
    its referral figures (referral_sums); and the cells they read."""
    from .stats import OUTCOMES, SPLIT_GROUPS

    cells = [f"outcome:{key}" for key in OUTCOMES]
    figures = ["occupied", *(f"month_{index}" for index in range(1, months + 1)), "started",
               "ended", "at_start", "at_end", *(cell(name) for name in cells),
               "individual_cost", "placements", "to_work"]
    if detail:
        splits = [f"{'age' if dimension == 'age_band' else dimension}:{key}"
                  for dimension, key in SPLIT_GROUPS]
        cells += splits
        figures += [cell(name, index) for name in splits for index in range(4)]
        figures += ["to_start_n", "to_start_sum", "stay_n", "stay_sum"]
    referrals, referral_cells = referral_sums()
    # Summed as int (into bigint: four times faster than bigint into numeric); the amounts
    # (kronor) as bigint.
    return [f"SUM({sql})::bigint" if sql == "individual_cost" else
            f"SUM(({sql})::int)" for sql in figures + referrals], cells + referral_cells


def _keys(period: Period, kind: str, scope: tuple[str, list], detail: bool) -> list[tuple]:
    """Per (partnership, individual agreement) its summed figures (_layout), its stored medians
    and whether they do not cover its histograms (several rows with histograms, or one a
    trigger appended): one row per key, the cells decoded once per row."""
    figures, cells = _layout(len(period.months()), detail)
    stored = ", ".join(f"MAX({name}) FILTER (WHERE histograms IS NOT NULL)" for name in MEDIANS)
    sql = (f"SELECT partnership_id, individual, {', '.join(figures)}, {stored}, "
           "COUNT(histograms) > 1 OR bool_or(histograms IS NOT NULL AND NOT whole) "
           f"FROM {ROWS} {decoded(cells)} "
           f"WHERE kind = %s AND start = %s AND partnership_id <> 0{scope[0]} "
           "GROUP BY partnership_id, individual")
    return fetch(sql, [kind, period.start, *scope[1]])


def _routes(period: Period, kind: str, scope: tuple[str, list]) -> dict:
    """{(partnership, route): [n, started, ended, to work]} of the IOP rows, zeros left out."""
    sums = [f"SUM((e.value->>{index})::bigint)::bigint" for index in range(4)]
    sql = (f"SELECT partnership_id, split_part(e.key, ':', 2)::int, {', '.join(sums)} "
           f"FROM {ROWS} CROSS JOIN LATERAL jsonb_each(cells) e WHERE kind = %s AND "
           f"start = %s AND partnership_id <> 0 AND NOT individual{scope[0]} AND "
           f"e.key LIKE 'route:%%' GROUP BY 1, 2 HAVING {' OR '.join(f'{x} <> 0' for x in sums)}")
    return {(pid, route): list(counts)
            for pid, route, *counts in fetch(sql, [kind, period.start, *scope[1]])}


def figures(period: Period, kind: str, municipality_ids, partnership_ids,
            detail: bool) -> tuple[dict, dict, dict, tuple]:
    """(totals, routes, referrals, medians) as the raw statistics return them."""
    scope = _scope(municipality_ids, partnership_ids)
    from .stats import _count_index

    totals, referrals, changed = {}, {}, []
    medians: tuple[dict, dict] = ({}, {})
    width = 1 + len(REFERRAL_STATUSES) + len(MEDIANS) + 1
    placements = _count_index(period)
    for pid, individual, *values in _keys(period, kind, scope, detail):
        row, referral = values[:-width], values[-width:]
        *referral, to_start, stay, appended = referral
        if row[placements]:
            totals[(pid, individual)] = row
        if not individual and referral[0]:
            referrals[pid] = tuple(referral)
        if detail and not individual:
            medians[0][pid], medians[1][pid] = to_start, stay
            if appended:
                changed.append(pid)
    if changed:  # the medians of keys changed since the last compaction: their histograms
        found = _read(kind, period.start, "NOT individual AND partnership_id = ANY(%s)",
                      [changed], "partnership_id", every_histogram=True)
        for (pid,), entry in found.items():
            medians[0][pid], medians[1][pid] = entry.medians()
    routes = _routes(period, kind, scope) if detail else {}
    if detail:
        medians[0][None], medians[1][None] = _overall(period, kind, municipality_ids,
                                                      partnership_ids)
    return totals, routes, referrals, medians
