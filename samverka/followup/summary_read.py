"""Reading the period summaries (followup/summaries.py) into the shapes the raw pass returns, so
that `portfolio_stats` builds the same figures from either source.

One query reads the period's row of every partnership in scope (its figures, its months'
occupied days, its cells and its medians); a second the summed rows per municipality or for
the country, for the medians over all. The rows of a key are summed here: between two
compactions a key may have several. A key's histograms are read only when its stored medians
do not cover them all (several rows with histograms, or one appended by a trigger).
"""

import json

from .occupancy import histogram_median
from .periods import Period
from .sql import fetch
from .summary_sql import HISTOGRAMS, MEDIANS, ROW_FIGURES, ROWS

OUTCOME_DIM, REFERRAL_DIM = "outcome", "referral"
# The referrals' figures: all, accepted, declined, waiting (requested or waiting), withdrawn.
REFERRAL_FIGURES = [None, ("accepted",), ("declined",), ("requested", "waiting"), ("withdrawn",)]


def _scope(municipality_ids, partnership_ids) -> tuple[str, list]:
    parts, params = [], []
    if municipality_ids is not None:
        parts.append("municipality_id = ANY(%s)")
        params.append(list(municipality_ids))
    if partnership_ids is not None:
        parts.append("partnership_id = ANY(%s)")
        params.append(list(partnership_ids))
    return "".join(f" AND {part}" for part in parts), params


def _add(target: dict, cells: dict) -> None:
    """Add CELLS ({"dimension:key": [n, started, ended, to work]}) to TARGET."""
    for name, figures in cells.items():
        found = target.get(name)
        if found is None:
            target[name] = list(figures)
        else:
            for index, value in enumerate(figures):
                found[index] += value


def _add_counts(target: dict, counts: dict) -> None:
    for name, count in counts.items():
        target[name] = target.get(name, 0) + count


class _Key:
    """The summed rows of one key: figures, cells, and the medians stored or the histograms."""

    __slots__ = ("figures", "cells", "stored", "histograms")

    def __init__(self):
        self.figures, self.cells, self.stored, self.histograms = None, {}, None, None

    def add(self, figures: list, cells, stored: tuple, has_histograms: bool, histograms):
        if self.figures is None:
            self.figures = figures
        else:
            self.figures = [a + b for a, b in zip(self.figures, figures, strict=True)]
        if cells:  # Django leaves the JSON undecoded on a raw cursor
            decoded = json.loads(cells)
            if self.cells:
                _add(self.cells, decoded)
            else:
                self.cells = decoded
        if histograms is not None:
            self.histograms = self.histograms or {}
            _add_counts(self.histograms, json.loads(histograms))
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
    sql = (f"SELECT {columns}, {', '.join(ROW_FIGURES)}, cells, {', '.join(MEDIANS)}, "
           f"histograms IS NOT NULL, {histograms} FROM {ROWS} "
           f"WHERE kind = %s AND start = %s AND {where}")
    found: dict = {}
    width = len(columns.split(", "))
    for row in fetch(sql, [kind, start, *params]):
        key, figures = row[:width], list(row[width:width + len(ROW_FIGURES)])
        cells, to_start, stay, has_histograms, histograms = row[width + len(ROW_FIGURES):]
        entry = found.get(key)
        if entry is None:
            entry = found[key] = _Key()
        entry.add(figures, cells, (to_start, stay), has_histograms, histograms)
    return found


def _by_dimension(cells: dict) -> dict:
    """{dimension: {key: figures}} of the cells {"dimension:key": figures}, zeros left out."""
    found: dict = {}
    for name, figures in cells.items():
        if any(figures):
            dimension, _colon, key = name.partition(":")
            found.setdefault(dimension, {})[key] = figures
    return found


def _referral_figures(counts: dict) -> tuple:
    """The referral figures of the cells of the referrals by status."""
    return tuple(sum(v[0] for v in counts.values()) if keys is None
                 else sum(counts[key][0] for key in keys if key in counts)
                 for keys in REFERRAL_FIGURES)


def _overall(period: Period, kind: str, municipality_ids, partnership_ids, rows: dict) -> tuple:
    """The medians over the scope: from the named partnerships' histograms (all read), else
    from the rows the summaries keep per municipality or for the country."""
    if partnership_ids is not None:
        summed = _Key()
        summed.histograms = {}
        for entry in rows.values():
            _add_counts(summed.histograms, entry.histograms or {})
        return summed.medians()
    level, params = "municipality_id = 0", []
    if municipality_ids is not None:
        level, params = "municipality_id = ANY(%s)", [list(municipality_ids)]
    found = _read(kind, period.start, f"partnership_id = 0 AND {level}", params, None)
    return found[(None,)].medians() if found else (None, None)


def figures(period: Period, kind: str, municipality_ids, partnership_ids, detail: bool,
            arrange) -> tuple[dict, dict, dict, tuple]:
    """(totals, routes, referrals, medians) as the raw statistics return them; ARRANGE(row,
    months' occupied days, cells by dimension, detail) lays a partnership's figures out as the
    raw pass does."""
    scope = _scope(municipality_ids, partnership_ids)
    # Named partnerships: their histograms are summed for the medians over all (_overall).
    rows = _read(kind, period.start, f"partnership_id <> 0{scope[0]}", scope[1],
                 "partnership_id, individual", every_histogram=partnership_ids is not None)
    count = len(period.months())
    totals, referrals, routes = {}, {}, {}
    medians: tuple[dict, dict] = ({}, {})
    for (pid, individual), entry in rows.items():
        row = dict(zip(ROW_FIGURES, entry.figures, strict=True))
        by_dimension = {} if individual else _by_dimension(entry.cells)
        if row["placements"]:
            totals[(pid, individual)] = arrange(
                row, [row[f"month_{index}"] for index in range(1, count + 1)], by_dimension,
                detail)
        if REFERRAL_DIM in by_dimension:
            referrals[pid] = _referral_figures(by_dimension[REFERRAL_DIM])
        if detail and not individual:
            routes.update({(pid, int(key)): counts
                           for key, counts in by_dimension.get("route", {}).items()})
            medians[0][pid], medians[1][pid] = entry.medians()
    if detail:
        medians[0][None], medians[1][None] = _overall(period, kind, municipality_ids,
                                                      partnership_ids, rows)
    return totals, routes, referrals, medians
