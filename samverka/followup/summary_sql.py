"""The SQL that computes the period summaries (followup/summaries.py): a placement's or a
referral's contribution to every standard period, and the folding of several rows of a key
into one.

A row of `followup_summaryrow` holds, per key (partnership, municipality, individual agreement
or not, kind and start of the period), the additive figures (ROW_FIGURES), the cells
({"gender:K": [n, started, ended, to work], …}: splits, exits by outcome, referrals by status),
the day histograms ({"stay:34": n, "to_start:12": n}) and, when the row is WHOLE (written by a
rebuild or a compaction, not appended by a trigger), the medians of its histograms, so that a
reader needs the histograms only of a key changed since the last compaction.
"""

PLACEMENTS, REFERRALS = "participants_placement", "participants_referral"
ROWS, STATE = "followup_summaryrow", "followup_summarystate"
AGE_BANDS = [("-24", 0, 24), ("25-34", 25, 34), ("35-44", 35, 44), ("45-54", 45, 54),
             ("55-", 55, 200)]
HISTOGRAMS = ("to_start", "stay")
MONTHS = 12  # a period has at most twelve months

_STARTED = "p.start >= k.start"
_ENDED = 'p."end" <= k."end"'
_TO_WORK = f"{_ENDED} AND p.outcome IN ('work', 'studies')"


def _flag(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def _month_days(index: int) -> str:
    """SQL: the days of placement p in the INDEX-th month (from 0) of period k; 0 after k."""
    first = f"(k.start + interval '{index} months')::date"
    last = f"(k.start + interval '{index + 1} months' - interval '1 day')::date"
    return (f'GREATEST(0, LEAST(COALESCE(p."end", k."end"), k."end", {last}) '
            f"- GREATEST(p.start, {first}) + 1)")


# SummaryRow's figures: each the contribution of one placement p to one period k overlapping it.
ROW_FIGURES = {
    "occupied": 'LEAST(COALESCE(p."end", k."end"), k."end") - GREATEST(p.start, k.start) + 1',
    "placements": "1",
    "started": _flag(_STARTED),
    "ended": _flag(_ENDED),
    "at_start": _flag("p.start <= k.start"),
    "at_end": _flag('p."end" IS NULL OR p."end" >= k."end"'),
    "to_work": _flag(_TO_WORK),
    "individual_cost": "COALESCE(p.individual_cost, 0)",
    "to_start_n": _flag(f"{_STARTED} AND p.stat_referred_on IS NOT NULL"),
    "to_start_sum": f"CASE WHEN {_STARTED} THEN COALESCE(p.start - p.stat_referred_on, 0) "
                    "ELSE 0 END",
    "stay_n": _flag(_ENDED),
    "stay_sum": f'CASE WHEN {_ENDED} THEN p."end" - p.start + 1 ELSE 0 END',
    **{f"month_{index + 1}": _month_days(index) for index in range(MONTHS)},
}
CELL_FIGURES = ["n", "started", "ended", "to_work"]
MEDIANS = [f"{name}_median" for name in HISTOGRAMS]

KEY = "partnership_id, municipality_id, individual, kind, start"
# A source's FROM_DAY when all its periods change, and when none does (a day after any
# horizon; not 'infinity', which the periods' date arithmetic refuses).
EVERY_PERIOD, NO_PERIOD = "DATE '0001-01-01'", "DATE '9999-12-31'"
_COLUMNS = f"{KEY}, {', '.join(ROW_FIGURES)}, cells, histograms, {', '.join(MEDIANS)}, whole"
_IS_HISTOGRAM = "split_part(ck, ':', 1) IN ('to_start', 'stay')"


def _age_band() -> str:
    """SQL: the age band in the calendar year of the period's end (as the raw statistics)."""
    age = 'EXTRACT(YEAR FROM k."end")::int - p.stat_birth_year'
    cases = " ".join(f"WHEN {age} BETWEEN {low} AND {high} THEN '{band}'"
                     for band, low, high in AGE_BANDS)
    return f"CASE WHEN p.stat_birth_year IS NULL THEN 'unknown' {cases} ELSE 'unknown' END"


def _cells() -> str:
    """SQL VALUES: (dimension, key, n, started, ended, to work) of an IOP placement in k; a
    NULL key is no cell."""
    flows = f"1, {_flag(_STARTED)}, {_flag(_ENDED)}, {_flag(_TO_WORK)}"
    return ("(VALUES "
            f"('gender', p.stat_gender::text, {flows}), "
            f"('age', {_age_band()}, {flows}), "
            f"('route', COALESCE(p.stat_route, 0)::text, {flows}), "
            f"('outcome', CASE WHEN {_ENDED} THEN p.outcome END, 1, 0, 0, 0), "
            f"('to_start', CASE WHEN {_STARTED} AND p.stat_referred_on IS NOT NULL "
            "THEN (p.start - p.stat_referred_on)::text END, 1, 0, 0, 0), "
            f"('stay', CASE WHEN {_ENDED} THEN (p.\"end\" - p.start + 1)::text END, 1, 0, 0, 0)"
            ") c(dim, key, n, started, ended, to_work)")


# Each cell is kept per partnership, per municipality (partnership 0) and for the country.
LEVELS = ("(VALUES ({a}.partnership_id, {a}.municipality_id), (0, {a}.municipality_id), "
          "(0, 0)) lv(pid, mid)")
# Only the partnership's own cell: a rebuild sums the other levels afterwards (roll_up).
OWN_LEVEL = "(VALUES ({a}.partnership_id, {a}.municipality_id)) lv(pid, mid)"


def _periods(first: str, last: str) -> str:
    return f"followup_periods({first}, {last}) k"


def _nonzero(sums: list[str]) -> str:
    return " OR ".join(f"{sql} <> 0" for sql in sums)


def _named_sums(sums: list[str]) -> str:
    """SQL: the row figures' SUMS named as ROW_FIGURES."""
    return ", ".join(f"{sql} AS {name}" for sql, name in zip(sums, ROW_FIGURES, strict=True))


def _cell_sums(values: list[str]) -> str:
    """SQL: the four cell figures summed from VALUES, named as CELL_FIGURES."""
    return ", ".join(f"SUM({value}) AS {name}"
                     for value, name in zip(values, CELL_FIGURES, strict=True))


def _maps(cells: str) -> str:
    """SQL: per key of the CELLS relation (the key, ck "dimension:key" and the four figures) its
    cells {"gender:K": [n, started, ended, to work]} and its histograms {"stay:34": n}."""
    return (f"SELECT {KEY}, jsonb_object_agg(ck, jsonb_build_array("
            f"{', '.join(CELL_FIGURES)})) FILTER (WHERE NOT {_IS_HISTOGRAM}) AS cells, "
            f"jsonb_object_agg(ck, n) FILTER (WHERE {_IS_HISTOGRAM}) AS histograms "
            f"FROM {cells} GROUP BY {KEY}")


def _medians(cells: str) -> str:
    """SQL: per key of CELLS its median days to start and length of stay: half the sum of the
    values at the two middle positions (the same value when the count is odd)."""
    def median(name: str) -> str:
        return " + ".join(f"MIN(days) FILTER (WHERE dim = '{name}' AND seen > {middle})"
                          for middle in ("(total - 1) / 2", "total / 2"))

    days = (f"SELECT {KEY}, split_part(ck, ':', 1) AS dim, split_part(ck, ':', 2)::int AS days, "
            f"n FROM {cells} WHERE {_IS_HISTOGRAM} AND n <> 0")
    ordered = (f"SELECT {KEY}, dim, days, SUM(n) OVER (PARTITION BY {KEY}, dim ORDER BY days) "
               f"AS seen, SUM(n) OVER (PARTITION BY {KEY}, dim) AS total FROM ({days}) h")
    found = ", ".join(f"({median(name)}) / 2.0 AS {name}_median" for name in HISTOGRAMS)
    return f"SELECT {KEY}, {found} FROM ({ordered}) w GROUP BY {KEY}"


def _insert(ctes: str, figures: bool, whole: bool) -> str:
    """SQL: one row per key of the cells C (and of the figures F when FIGURES) that CTES
    define; WHOLE rows carry their medians."""
    with_clauses = [ctes, f"j AS ({_maps('c')})"]
    source = f"f FULL JOIN j USING ({KEY})" if figures else "j"
    values = (", ".join(f"COALESCE(f.{name}, 0)" for name in ROW_FIGURES) if figures
              else ", ".join("0" for _ in ROW_FIGURES))
    medians = "NULL, NULL"
    if whole:
        with_clauses.append(f"m AS ({_medians('c')})")
        source += f" LEFT JOIN m USING ({KEY})"
        medians = ", ".join(f"m.{name}" for name in MEDIANS)
    return (f"WITH {', '.join(with_clauses)} INSERT INTO {ROWS} ({_COLUMNS}) "
            f"SELECT {KEY}, {values}, j.cells, j.histograms, {medians}, {whole} FROM {source}")


# The placement meets the bounds (decided before its periods are generated).
_MEETS = 'p.start <= b.hi AND (p."end" IS NULL OR p."end" >= b.lo)'


def _placement_parts(source: str, levels: str) -> tuple[str, str]:
    """SQL: (figures, cells) of the placements in SOURCE (a relation with the placement's
    columns, SIGN, +1 or -1, and FROM_DAY, the first day whose periods it changes) in the
    periods between the LO and HI of the relation b, their cells at LEVELS."""
    overlap = _periods('GREATEST(p.start, b.lo, p.from_day)',
                       'LEAST(COALESCE(p."end", b.hi), b.hi)')
    sums = [f"SUM(p.sign * ({sql}))" for sql in ROW_FIGURES.values()]
    named = _named_sums(sums)
    each = f"FROM ({source}) p CROSS JOIN b CROSS JOIN LATERAL {overlap} "
    figures = (f"SELECT p.partnership_id, p.municipality_id, "
               f"p.is_individual_agreement AS individual, k.kind, k.start, {named} {each}"
               f"WHERE {_MEETS} GROUP BY 1, 2, 3, 4, 5 HAVING {_nonzero(sums)}")
    cell_values = [f"p.sign * c.{name}" for name in CELL_FIGURES]
    cells = (f"SELECT lv.pid AS partnership_id, lv.mid AS municipality_id, false AS individual, "
             f"k.kind, k.start, c.dim || ':' || c.key AS ck, {_cell_sums(cell_values)} {each}"
             f"CROSS JOIN LATERAL {_cells()} CROSS JOIN LATERAL {levels.format(a='p')} "
             f"WHERE NOT p.is_individual_agreement AND c.key IS NOT NULL AND {_MEETS} "
             "GROUP BY 1, 2, 3, 4, 5, 6 "
             f"HAVING {_nonzero([f'SUM({value})' for value in cell_values])}")
    return figures, cells


def _referral_cells(source: str, levels: str) -> str:
    """SQL: the cells of the referrals in SOURCE: their count by status in every period
    containing the day they were made, between the LO and HI of the relation b."""
    return ("SELECT lv.pid AS partnership_id, lv.mid AS municipality_id, false AS individual, "
            "k.kind, k.start, 'referral:' || p.status AS ck, "
            f"{_cell_sums(['p.sign', '0', '0', '0'])} FROM ({source}) p CROSS JOIN b "
            f"CROSS JOIN LATERAL {_periods('p.requested_on', 'p.requested_on')} "
            f"CROSS JOIN LATERAL {levels.format(a='p')} "
            "WHERE p.requested_on BETWEEN b.lo AND b.hi "
            "GROUP BY 1, 2, 3, 4, 5, 6 HAVING SUM(p.sign) <> 0")


def placement_insert(source: str, bounds: str) -> str:
    """SQL appending the contributions of the placements in SOURCE to the periods between the
    BOUNDS relation's LO and HI (inclusive; none when BOUNDS is empty): one row per key."""
    figures, cells = _placement_parts(source, LEVELS)
    return _insert(f"b AS ({bounds}), f AS ({figures}), c AS ({cells})", True, False)


def referral_insert(source: str, bounds: str) -> str:
    """As placement_insert for the referrals in SOURCE."""
    return _insert(f"b AS ({bounds}), c AS ({_referral_cells(source, LEVELS)})", False, False)


INSERTS = {PLACEMENTS: placement_insert, REFERRALS: referral_insert}


def rebuild_insert() -> str:
    """SQL: the whole rows of every placement and referral in the periods between the two
    parameters (first, last), the partnerships' own (roll_up sums the other levels)."""
    placements = f"SELECT t.*, 1 AS sign, {EVERY_PERIOD} AS from_day FROM participants_placement t"
    figures, cells = _placement_parts(placements, OWN_LEVEL)
    referrals = _referral_cells("SELECT t.*, 1 AS sign FROM participants_referral t", OWN_LEVEL)
    return _insert(f"b AS (SELECT %s::date AS lo, %s::date AS hi), f AS ({figures}), "
                   f"c AS ({cells} UNION ALL {referrals})", True, True)


def _stored_cells(source: str, key: str, where: str = "true") -> str:
    """SQL: the cells and the histogram cells of the rows (alias r) in SOURCE that WHERE
    selects, as (KEY's columns, ck and the four figures), unsummed."""
    figures = ", ".join(f"(e.value->>{index})::bigint" for index in range(len(CELL_FIGURES)))
    return (f"SELECT {key}, e.key AS ck, {figures} FROM {source} "
            f"CROSS JOIN LATERAL jsonb_each(r.cells) e WHERE {where} UNION ALL "
            f"SELECT {key}, e.key, e.value::bigint, 0, 0, 0 FROM {source} "
            f"CROSS JOIN LATERAL jsonb_each_text(r.histograms) e WHERE {where}")


def _summed_cells(stored: str) -> str:
    sums = [f"SUM({name})" for name in CELL_FIGURES]
    return (f"SELECT {KEY}, ck, {_cell_sums(CELL_FIGURES)} FROM ({stored}) s({KEY}, ck, "
            f"{', '.join(CELL_FIGURES)}) GROUP BY {KEY}, ck HAVING {_nonzero(sums)}")


def roll_up() -> str:
    """SQL: the partnerships' cells of the periods between the parameters (given twice: first,
    last, first, last) summed per municipality and for the country."""
    stored = _stored_cells(f"{ROWS} r CROSS JOIN LATERAL (VALUES (r.municipality_id), (0)) "
                           "lv(mid)", "0::bigint, lv.mid, false, r.kind, r.start",
                           "r.partnership_id <> 0 AND r.start BETWEEN %s AND %s")
    return _insert(f"c AS ({_summed_cells(stored)})", False, True)


def fold() -> str:
    """SQL: the keys with a row appended by a trigger folded into one whole row each (figures
    summed, cells summed cell by cell, medians computed); a key whose figures and cells are
    all zero disappears. (Only the triggers give a key a second row: the rest write one whole
    row per key.)"""
    sums = [f"SUM({name})" for name in ROW_FIGURES]
    gone = (f"gone AS (DELETE FROM {ROWS} WHERE ({KEY}) IN (SELECT {KEY} FROM {ROWS} "
            "WHERE NOT whole) RETURNING *)")
    figures = (f"f AS (SELECT {KEY}, {_named_sums(sums)} FROM gone GROUP BY {KEY} "
               f"HAVING {_nonzero(sums)})")
    stored = _stored_cells("gone r", ", ".join(f"r.{name}" for name in KEY.split(", ")))
    return _insert(f"{gone}, {figures}, c AS ({_summed_cells(stored)})", True, True)
