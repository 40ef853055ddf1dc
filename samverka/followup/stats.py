"""Follow-up statistics computed in the database: occupancy, flow, outcomes, splits, economics.

One pass per table over the rows of the period: placements (occupancy per month, flow, exits),
referrals (referred, answered, waiting), and the distributions (days from referral to start,
length of stay). Results are plain integers per partnership; the pure modules turn them into
rates. `portfolio_stats` serves one partnership, a municipality or the whole country.
"""

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import connection, transaction

from samverka.participants.models import Outcome, Placement, Referral
from samverka.partnerships.dates import latest_possible_end
from samverka.partnerships.models import AgreementVersion, Partnership, ReferringUnit

from . import occupancy
from .periods import Period
from .sql import date_param, days_between, fetch, greatest, is_postgres, least

OUTCOMES = [value for value, _label in Outcome.choices]
OUTCOME_LABELS = dict(Outcome.choices)
WORK_OR_STUDIES = ("work", "studies")
AGE_BANDS = [("-24", 0, 24), ("25-34", 25, 34), ("35-44", 35, 44), ("45-54", 45, 54),
             ("55-", 55, 200)]
AGE_BAND_LABELS = {"-24": "upp till 24 år", "25-34": "25–34 år", "35-44": "35–44 år",
                   "45-54": "45–54 år", "55-": "55 år och äldre", "unknown": "okänd ålder"}
GENDER_LABELS = {"woman": "Kvinnor", "man": "Män", "other": "Annat", "unknown": "Okänt"}
FLOW_KEYS = ["referred", "accepted", "declined", "waiting", "withdrawn", "started", "ended",
             "active_at_start", "active_at_end", "participants"]
P_END = 'p."end"'
SPLIT_KEYS = ["participants", "started", "ended", "to_work_or_studies"]


def under_occupancy_threshold() -> Decimal:
    return Decimal(str(getattr(settings, "FOLLOWUP_UNDER_OCCUPANCY_PERCENT", 80)))


@dataclass
class Distribution:
    count: int = 0
    total: int = 0
    median: Decimal | None = None

    @property
    def mean(self) -> Decimal | None:
        if not self.count:
            return None
        return (Decimal(self.total) / self.count).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class MonthFigures:
    label: str
    start: dt.date
    end: dt.date
    occupied: int = 0
    available: int = 0

    @property
    def rate(self) -> Decimal | None:
        return occupancy.rate_percent(self.occupied, self.available)


@dataclass
class Stats:
    """The follow-up figures of one partnership (or, summed, of a portfolio) for a period."""

    period: Period
    partnership_id: int | None = None
    name: str = ""
    places: int | None = None
    occupied: int = 0
    available: int = 0
    months: list[MonthFigures] = field(default_factory=list)
    flow: dict = field(default_factory=lambda: dict.fromkeys(FLOW_KEYS, 0))
    outcomes: dict = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    days_to_start: Distribution = field(default_factory=Distribution)
    stay_days: Distribution = field(default_factory=Distribution)
    splits: dict = field(default_factory=lambda: {"gender": {}, "age_band": {}, "route": {}})
    individual_persons: int = 0
    individual_cost: int = 0
    committee_cost: int | None = None
    value: int | None = None

    @property
    def occupancy(self) -> Decimal | None:
        return occupancy.rate_percent(self.occupied, self.available)

    @property
    def under_occupied(self) -> bool:
        return occupancy.is_under_occupied(self.occupancy, under_occupancy_threshold())

    @property
    def exits(self) -> int:
        return sum(self.outcomes.values())

    @property
    def exits_to_work_or_studies(self) -> int:
        return sum(self.outcomes[key] for key in WORK_OR_STUDIES)

    def outcome_share(self, key: str) -> Decimal | None:
        return occupancy.ratio(self.outcomes[key], self.exits)

    def _per(self, units: int | None) -> int | None:
        from samverka.budgets.money import per_unit

        return None if self.committee_cost is None else per_unit(self.committee_cost, units)

    @property
    def cost_per_place(self) -> int | None:
        return self._per(self.places)

    @property
    def cost_per_participant(self) -> int | None:
        return self._per(self.flow["participants"])

    @property
    def cost_per_exit_to_work_or_studies(self) -> int | None:
        return self._per(self.exits_to_work_or_studies)


def _p(day: dt.date):
    return day if is_postgres() else day.isoformat()


def _overlap_sql(lo: str, hi: str) -> str:
    """SQL: days of the placement p inside [LO, HI], 0 when it lies outside (end NULL = open)."""
    days = days_between(least(f'COALESCE({P_END}, {hi})', hi), greatest("p.start", lo))
    return greatest(f"{days} + 1", "0")


def _scope_sql(alias: str, municipality_ids, partnership_ids) -> tuple[str, list]:
    parts, params = [], []
    if municipality_ids is not None:
        parts.append(f"{alias}.municipality_id IN ({', '.join(['%s'] * len(municipality_ids))})")
        params += list(municipality_ids)
    if partnership_ids is not None:
        parts.append(f"{alias}.partnership_id IN ({', '.join(['%s'] * len(partnership_ids))})")
        params += list(partnership_ids)
    return "".join(f" AND {part}" for part in parts), params


def _in_period(period: Period, scope: tuple[str, list]) -> tuple[str, list]:
    """WHERE clause: placements overlapping PERIOD in SCOPE (both kinds of agreement)."""
    dp = date_param()
    scope_sql, scope_params = scope
    return (f"p.start <= {dp} AND ({P_END} IS NULL OR {P_END} >= {dp}){scope_sql}",
            [_p(period.end), _p(period.start), *scope_params])


def _placement_rows(period: Period, scope: tuple[str, list]) -> dict[tuple, list]:
    """One pass over the period's placements, per (partnership, individual agreement):
    occupied days, one per month, flow, exits by outcome and the individual agreements' cost.

    Every figure is a plain SUM of a per-row expression, so PostgreSQL aggregates in parallel.
    """
    dp = date_param()
    overlap = _overlap_sql(dp, dp)
    columns, params = [f"SUM({overlap})"], [_p(period.end), _p(period.end), _p(period.start)]
    for month in period.months():
        columns.append(f"SUM({overlap})")
        params += [_p(month.end), _p(month.end), _p(month.start)]
    columns += [
        f"SUM(CASE WHEN p.start >= {dp} THEN 1 ELSE 0 END)",
        f"SUM(CASE WHEN {P_END} <= {dp} THEN 1 ELSE 0 END)",
        f"SUM(CASE WHEN p.start <= {dp} THEN 1 ELSE 0 END)",
        f"SUM(CASE WHEN {P_END} IS NULL OR {P_END} >= {dp} THEN 1 ELSE 0 END)",
    ]
    params += [_p(period.start), _p(period.end), _p(period.start), _p(period.end)]
    for outcome in OUTCOMES:
        columns.append(f"SUM(CASE WHEN {P_END} <= {dp} AND p.outcome = %s THEN 1 ELSE 0 END)")
        params += [_p(period.end), outcome]
    columns.append("COALESCE(SUM(p.individual_cost), 0)")
    where, where_params = _in_period(period, scope)
    sql = (f"SELECT p.partnership_id, p.is_individual_agreement, {', '.join(columns)} "
           f"FROM {Placement._meta.db_table} p WHERE {where} "
           "GROUP BY p.partnership_id, p.is_individual_agreement")
    return {(row[0], bool(row[1])): list(row[2:]) for row in fetch(sql, params + where_params)}


def _referral_rows(period: Period, scope: tuple[str, list]) -> dict[int, tuple]:
    dp = date_param()
    scope_sql, scope_params = scope
    sql = (
        "SELECT r.partnership_id, COUNT(*), "
        "SUM(CASE WHEN r.status = 'accepted' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN r.status = 'declined' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN r.status IN ('requested', 'waiting') THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN r.status = 'withdrawn' THEN 1 ELSE 0 END) "
        f"FROM {Referral._meta.db_table} r "
        f"WHERE r.requested_on >= {dp} AND r.requested_on <= {dp}{scope_sql} "
        "GROUP BY r.partnership_id"
    )
    rows = fetch(sql, [_p(period.start), _p(period.end), *scope_params])
    return {row[0]: row[1:] for row in rows}


def _age_band_sql(year: int) -> str:
    cases = " ".join(
        f"WHEN {year} - p.stat_birth_year BETWEEN {low} AND {high} THEN '{band}'"
        for band, low, high in AGE_BANDS
    )
    return f"CASE WHEN p.stat_birth_year IS NULL THEN 'unknown' {cases} ELSE 'unknown' END"


def _person_base(period: Period, scope: tuple[str, list]) -> tuple[str, list]:
    """CTEs over the placements of the period alone (no join: the participant's gender and
    birth year and the referral's route and date are copied onto the placement, see
    participants/facts.py):

    - `base`: one row per placement with gender, age band, route, whether it started or ended
      in the period (and to work or studies), days from referral to a start in the period and
      the length of a stay that ended in the period;
    - `persons`: one row per (partnership, kind of agreement, participant, route), so that a
      person counts once per cell of the splits and once per partnership."""
    dp = date_param()
    where, where_params = _in_period(period, scope)
    to_start = days_between("p.start", "p.stat_referred_on")
    stay = days_between(P_END, "p.start")
    sql = (
        "WITH base AS (SELECT p.partnership_id AS pid, p.is_individual_agreement AS ind, "
        f"p.participant_id AS who, p.stat_gender AS gender, {_age_band_sql(period.end.year)} "
        "AS age, COALESCE(p.stat_route, 0) AS route, "
        f"CASE WHEN p.start >= {dp} THEN 1 ELSE 0 END AS started, "
        f"CASE WHEN {P_END} <= {dp} THEN 1 ELSE 0 END AS ended, "
        f"CASE WHEN {P_END} <= {dp} AND p.outcome IN ('work', 'studies') THEN 1 ELSE 0 END "
        "AS to_work, "
        f"CASE WHEN p.start >= {dp} THEN {to_start} END AS to_start, "
        f"CASE WHEN {P_END} <= {dp} THEN {stay} + 1 END AS stay "
        f"FROM {Placement._meta.db_table} p WHERE {where}), "
        "persons AS (SELECT pid, ind, who, gender, age, route, SUM(started) AS started, "
        "SUM(ended) AS ended, SUM(to_work) AS to_work FROM base "
        "GROUP BY pid, ind, who, gender, age, route) "
    )
    params = [_p(period.start), _p(period.end), _p(period.end), _p(period.start),
              _p(period.end), *where_params]
    return sql, params


# Typed NULLs: PostgreSQL resolves the column types of a UNION from its first branch.
_NO_DISTRIBUTION = ", ".join(["CAST(NULL AS BIGINT)", "CAST(NULL AS BIGINT)",
                              "CAST(NULL AS DOUBLE PRECISION)"] * 2)


def _split_select(dimension: str, column: str) -> str:
    # Persons: rows of `persons` (one per participant and route) in the cell.
    return (f"SELECT '{dimension}', pid, CAST({column} AS TEXT), COUNT(*), SUM(started), "
            f"SUM(ended), SUM(to_work), {_NO_DISTRIBUTION} "
            f"FROM persons WHERE ind = %s GROUP BY pid, {column}")


def _detail_rows(period: Period, scope: tuple[str, list], detail: bool = True
                 ) -> tuple[dict, list, dict, dict]:
    """(distinct participants per (partnership, individual agreement), split rows, days to
    start, length of stay), from one statement over the placements of the period.

    Split rows are (dimension, partnership, group, participants, started, ended, to work or
    studies), IOP placements only. PostgreSQL computes the medians itself; SQLite hands over
    the values. Without DETAIL only the distinct participants are counted."""
    base, params = _person_base(period, scope)
    selects = [
        # A person with two routes in one partnership is two rows of `persons`: count them once.
        "SELECT 'people', pid, CAST(ind AS TEXT), COUNT(DISTINCT who), NULL, NULL, NULL, "
        f"{_NO_DISTRIBUTION} FROM persons GROUP BY pid, ind"]
    select_params: list = []
    if detail:
        selects += [_split_select("gender", "gender"), _split_select("age_band", "age"),
                    _split_select("route", "route")]
        select_params += [False, False, False]
        if is_postgres():
            selects.append(
                "SELECT 'dist', pid, NULL, NULL, NULL, NULL, NULL, "
                "COUNT(to_start), SUM(to_start), "
                "percentile_cont(0.5) WITHIN GROUP (ORDER BY to_start), "
                "COUNT(stay), SUM(stay), percentile_cont(0.5) WITHIN GROUP (ORDER BY stay) "
                "FROM base WHERE ind = %s GROUP BY ROLLUP (pid)")
        else:
            selects.append(
                "SELECT 'value', pid, NULL, NULL, NULL, NULL, NULL, to_start, NULL, NULL, "
                "stay, NULL, NULL FROM base "
                "WHERE ind = %s AND (to_start IS NOT NULL OR stay IS NOT NULL)")
        select_params.append(False)
    people, splits, to_start, stays = {}, [], {}, {}
    values: dict = {}
    rows = fetch(base + " UNION ALL ".join(selects), params + select_params)
    for kind, pid, key, *rest in rows:
        if kind == "people":
            people[(pid, key in ("1", "true", "True"))] = int(rest[0])
        elif kind == "dist":
            for target, (count, total, median) in ((to_start, rest[4:7]), (stays, rest[7:10])):
                if count:
                    target[pid] = Distribution(int(count), int(total), _tenths(median))
        elif kind == "value":
            for slot, value in ((0, rest[4]), (1, rest[7])):
                if value is not None:
                    values.setdefault(slot, {}).setdefault(pid, []).append(int(value))
        else:
            splits.append((kind, pid, key, *rest[:4]))
    for slot, target in ((0, to_start), (1, stays)):
        by_pid = values.get(slot, {})
        everything = [value for group in by_pid.values() for value in group]
        for pid, group in [*by_pid.items(), (None, everything)]:
            if group:
                target[pid] = Distribution(len(group), sum(group), occupancy.median(group))
    return people, splits, to_start, stays


def _tenths(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def active_intervals(partnership_ids=None, municipality_ids=None) -> dict[int, list]:
    """Per partnership the intervals its agreement is in force (drafts excluded)."""
    versions = AgreementVersion.objects.exclude(status=AgreementVersion.Status.DRAFT)
    if partnership_ids is not None:
        versions = versions.filter(partnership_id__in=partnership_ids)
    if municipality_ids is not None:
        versions = versions.filter(partnership__municipality_id__in=municipality_ids)
    result: dict[int, list] = {}
    for pid, start, end, used, years in versions.values_list(
        "partnership_id", "start", "end", "extensions_used", "extension_years"
    ).iterator(chunk_size=5000):
        if start is None and end is None:
            continue
        result.setdefault(pid, []).append((start, latest_possible_end(end, used, years)))
    return result


@contextmanager
def _statistics_session():
    """On PostgreSQL: enough work_mem for the per-partnership hash aggregates and the medians'
    sorts to stay in memory (the server default of 4 MB spills them to disk at national
    scale), and no JIT (its compile time costs more than it saves on these queries)."""
    if not is_postgres():
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '128MB'")
        cursor.execute("SET LOCAL jit = off")
        yield


def portfolio_stats(period: Period, municipality_ids=None, partnership_ids=None,
                    economics: bool = True, detail: bool = True) -> tuple[list[Stats], Stats]:
    """(per partnership, total) follow-up figures for PERIOD in the given scope.

    Four set-based queries whatever the number of partnerships: placements, distinct
    participants, referrals and (with DETAIL) the splits and distributions. Without DETAIL
    the splits and the distributions (days to start, length of stay) stay empty: the
    dashboard shows neither."""
    scope = _scope_sql("p", municipality_ids, partnership_ids)
    scope_r = _scope_sql("r", municipality_ids, partnership_ids)
    with _statistics_session():
        placements = _placement_rows(period, scope)
        referrals = _referral_rows(period, scope_r)
        people, splits, to_start, stays = _detail_rows(period, scope, detail)
    intervals = active_intervals(partnership_ids, municipality_ids)

    partnerships = Partnership.objects.all()
    if municipality_ids is not None:
        partnerships = partnerships.filter(municipality_id__in=municipality_ids)
    if partnership_ids is not None:
        partnerships = partnerships.filter(id__in=partnership_ids)
    wanted = {pid for pid, _individual in placements} | set(referrals)
    months = period.months()
    rows: list[Stats] = []
    for pid, name, places, capacity in partnerships.values_list(
        "id", "name", "places", "capacity"
    ).iterator(chunk_size=5000):
        active = occupancy.merge_intervals(intervals.get(pid, []))
        if pid not in wanted and not _active_days(active, period):
            continue
        stats = Stats(period, pid, name, places or capacity)
        _fill(stats, months, active, placements.get((pid, False)), referrals.get(pid),
              to_start.get(pid), stays.get(pid))
        stats.flow["participants"] = people.get((pid, False), 0)
        if (pid, True) in placements:
            stats.individual_persons = people.get((pid, True), 0)
            stats.individual_cost = int(placements[(pid, True)][-1])
        rows.append(stats)
    by_id = {row.partnership_id: row for row in rows}
    _fill_splits(by_id, splits)
    if economics:
        from .economics import add_economics

        add_economics(rows, period)
    rows.sort(key=lambda row: row.name.lower())
    return rows, _total(period, rows, to_start.get(None), stays.get(None))


def _active_days(merged: list, period: Period) -> int:
    """Days of PERIOD inside the already merged intervals (occupancy.active_days, unmerged)."""
    return sum(occupancy.overlap_days(start, end, period) for start, end in merged)


def _fill(stats, months, active, placement_row, referral_row, to_start, stays):
    places = stats.places or 0
    stats.available = places * _active_days(active, stats.period) if places else 0
    stats.months = [
        MonthFigures(m.label, m.start, m.end,
                     available=places * _active_days(active, m) if places else 0)
        for m in months
    ]
    if placement_row:
        values = [int(v or 0) for v in placement_row]
        stats.occupied = values[0]
        for month, occupied in zip(stats.months, values[1:1 + len(months)], strict=True):
            month.occupied = occupied
        rest = values[1 + len(months):]
        (stats.flow["started"], stats.flow["ended"], stats.flow["active_at_start"],
         stats.flow["active_at_end"]) = rest[:4]
        stats.outcomes = dict(zip(OUTCOMES, rest[4:4 + len(OUTCOMES)], strict=True))
    if referral_row:
        (stats.flow["referred"], stats.flow["accepted"], stats.flow["declined"],
         stats.flow["waiting"], stats.flow["withdrawn"]) = [int(v or 0) for v in referral_row]
    stats.days_to_start = to_start or Distribution()
    stats.stay_days = stays or Distribution()


def _fill_splits(by_id: dict, rows: list[tuple]) -> None:
    routes = dict(ReferringUnit.objects.values_list("id", "name"))
    routes[0] = "Ingen anvisning registrerad"
    for dimension, pid, key, *counts in rows:
        stats = by_id.get(pid)
        if stats is None:
            continue
        if dimension == "route":
            key = routes.get(int(key), key)
        cell = stats.splits[dimension].setdefault(key, dict.fromkeys(SPLIT_KEYS, 0))
        for name, value in zip(SPLIT_KEYS, counts, strict=True):
            cell[name] += int(value or 0)


def _total(period: Period, rows: list[Stats], to_start, stays) -> Stats:
    total = Stats(period, None, "Hela portföljen")
    total.places = sum(row.places or 0 for row in rows) or None
    total.months = [MonthFigures(m.label, m.start, m.end) for m in period.months()]
    for row in rows:
        total.occupied += row.occupied
        total.available += row.available
        for mine, theirs in zip(total.months, row.months, strict=True):
            mine.occupied += theirs.occupied
            mine.available += theirs.available
        for key in FLOW_KEYS:
            total.flow[key] += row.flow[key]
        for key in OUTCOMES:
            total.outcomes[key] += row.outcomes[key]
        for dimension, cells in row.splits.items():
            for group, counts in cells.items():
                cell = total.splits[dimension].setdefault(group, dict.fromkeys(SPLIT_KEYS, 0))
                for key in SPLIT_KEYS:
                    cell[key] += counts[key]
        total.individual_persons += row.individual_persons
        total.individual_cost += row.individual_cost
        if row.committee_cost is not None:
            total.committee_cost = (total.committee_cost or 0) + row.committee_cost
        if row.value is not None:
            total.value = (total.value or 0) + row.value
    total.days_to_start = to_start or Distribution()
    total.stay_days = stays or Distribution()
    return total


def partnership_stats(partnership, period: Period) -> Stats:
    rows, _total_row = portfolio_stats(
        period, municipality_ids=[partnership.municipality_id], partnership_ids=[partnership.pk]
    )
    return rows[0] if rows else Stats(period, partnership.pk, partnership.name,
                                      partnership.places or partnership.capacity)
