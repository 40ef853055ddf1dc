"""Reading the period summaries (followup/summaries.py) into the shapes the raw pass returns, so
that `portfolio_stats` builds the same figures from either source.

Three grouped queries for a standard period: the partnerships' rows (the period's and its
months' occupied days), their cells (exits, referrals, and with DETAIL the splits and the
histograms), and the scope's summed histograms for the medians over all.
"""

from decimal import ROUND_HALF_UP, Decimal

from .periods import Period
from .sql import fetch
from .summaries import CELLS, ROW_FIGURES, ROWS

OUTCOME_DIM, REFERRAL_DIM, HISTOGRAMS = "outcome", "referral", ("to_start", "stay")
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


def _rows(period: Period, kind: str, scope: tuple[str, list]) -> tuple[dict, dict]:
    """({(pid, individual): figures of the period}, {(pid, individual, month start): occupied})."""
    sums = ", ".join(f"SUM({name})::bigint" for name in ROW_FIGURES)
    sql = (f"SELECT partnership_id, individual, kind, start, {sums} FROM {ROWS} "
           "WHERE ((kind = %s AND start = %s) OR (kind = 'month' AND start BETWEEN %s AND %s))"
           f"{scope[0]} GROUP BY partnership_id, individual, kind, start")
    main, months = {}, {}
    for pid, individual, found_kind, start, *figures in fetch(
            sql, [kind, period.start, period.start, period.end, *scope[1]]):
        if found_kind == "month":
            months[(pid, individual, start)] = figures[0]
        if found_kind == kind and start == period.start and figures[1]:
            main[(pid, individual)] = dict(zip(ROW_FIGURES, figures, strict=True))
    return main, months


def _cells(period: Period, kind: str, scope: tuple[str, list], detail: bool) -> dict:
    """{pid: {(dimension, key): [n, started, ended, to work]}} of the partnerships."""
    # The histograms stay in the database: their medians are computed there (_medians).
    dims = (" AND dim NOT IN ('to_start', 'stay')" if detail
            else f" AND dim IN ('{OUTCOME_DIM}', '{REFERRAL_DIM}')")
    sql = (f"SELECT partnership_id, dim, key, SUM(n)::bigint, SUM(started)::bigint, "
           "SUM(ended)::bigint, SUM(to_work)::bigint "
           f"FROM {CELLS} WHERE kind = %s AND start = %s AND partnership_id <> 0{dims}"
           f"{scope[0]} GROUP BY partnership_id, dim, key HAVING SUM(n) <> 0")
    found: dict = {}
    for pid, dim, key, *figures in fetch(sql, [kind, period.start, *scope[1]]):
        found.setdefault(pid, {})[(dim, key)] = figures
    return found


def _medians(period: Period, kind: str, municipality_ids, partnership_ids) -> tuple:
    """({pid: median}, {pid: median}) of the days to start and the lengths of stay, per
    partnership and (key None) over the scope, from the histograms: the values at the two
    middle positions are the smallest days whose running count passes them."""
    scope = _scope(municipality_ids, partnership_ids)
    if partnership_ids is not None:  # over all: the named partnerships' own cells summed
        overall = "partnership_id <> 0" + scope[0]
    elif municipality_ids is not None:
        overall = "partnership_id = 0 AND municipality_id = ANY(%s)"
    else:
        overall = "partnership_id = 0 AND municipality_id = 0"
    overall_params = (scope[1] if partnership_ids is not None
                      else [list(municipality_ids)] if municipality_ids is not None else [])
    levels = (f"SELECT partnership_id AS pid, dim, key::int AS days, SUM(n) AS n FROM {CELLS} "
              f"WHERE kind = %s AND start = %s AND dim IN ('to_start', 'stay') "
              f"AND partnership_id <> 0{scope[0]} GROUP BY partnership_id, dim, key "
              "UNION ALL "
              f"SELECT NULL, dim, key::int, SUM(n) FROM {CELLS} WHERE kind = %s AND start = %s "
              f"AND dim IN ('to_start', 'stay') AND {overall} GROUP BY dim, key")
    sql = ("SELECT pid, dim, MIN(days) FILTER (WHERE seen > (total - 1) / 2), "
           "MIN(days) FILTER (WHERE seen > total / 2) FROM ("
           "SELECT pid, dim, days, SUM(n) OVER (PARTITION BY pid, dim ORDER BY days) AS seen, "
           "SUM(n) OVER (PARTITION BY pid, dim) AS total "
           f"FROM ({levels}) h WHERE n <> 0) w GROUP BY pid, dim")
    found: tuple[dict, dict] = ({}, {})
    params = [kind, period.start, *scope[1], kind, period.start, *overall_params]
    for pid, dim, lower, upper in fetch(sql, params):
        target = found[HISTOGRAMS.index(dim)]
        target[pid] = (Decimal(lower + upper) / 2).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return found


def _referral_figures(by_key: dict) -> tuple:
    counts = {key: figures[0] for (dim, key), figures in by_key.items() if dim == REFERRAL_DIM}
    return tuple(sum(counts.values()) if keys is None else sum(counts.get(k, 0) for k in keys)
                 for keys in REFERRAL_FIGURES)


def figures(period: Period, kind: str, municipality_ids, partnership_ids, detail: bool,
            arrange) -> tuple[dict, dict, dict, tuple]:
    """(totals, routes, referrals, medians) as the raw statistics return them; ARRANGE(row,
    months' occupied days, cells, detail) lays a partnership's figures out as the raw pass."""
    scope = _scope(municipality_ids, partnership_ids)
    main, months = _rows(period, kind, scope)
    cells = _cells(period, kind, scope, detail)
    totals = {}
    for (pid, individual), row in main.items():
        by_key = {} if individual else cells.get(pid, {})
        totals[(pid, individual)] = arrange(row, [
            months.get((pid, individual, month.start), 0) for month in period.months()],
            by_key, detail)
    referrals = {pid: _referral_figures(by_key) for pid, by_key in cells.items()
                 if any(dim == REFERRAL_DIM for dim, _key in by_key)}
    routes = {(pid, int(key)): counts for pid, by_key in cells.items()
              for (dim, key), counts in by_key.items() if dim == "route"} if detail else {}
    medians = (_medians(period, kind, municipality_ids, partnership_ids) if detail
               else ({}, {}))
    return totals, routes, referrals, medians
