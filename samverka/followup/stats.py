"""Follow-up statistics computed in the database: occupancy, flow, outcomes, splits, economics.

One pass per table over the rows of the period: placements (occupancy per month, flow, exits),
referrals (referred, answered, waiting), and the distributions (days from referral to start,
length of stay). Results are plain integers per partnership; the pure modules turn them into
rates. `portfolio_stats` serves one partnership, a municipality or the whole country.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from samverka.participants.models import Outcome, Participant, Placement, Referral
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


def _days_sql(start: str, end: str, lo: str, hi: str) -> str:
    """SQL: days of [start, end] (end NULL = open) inside [lo, hi]; caller ensures overlap."""
    return f"({days_between(least(f'COALESCE({end}, {hi})', hi), greatest(start, lo))} + 1)"


def _scope_sql(alias: str, municipality_ids, partnership_ids) -> tuple[str, list]:
    parts, params = [], []
    if municipality_ids is not None:
        parts.append(f"{alias}.municipality_id IN ({', '.join(['%s'] * len(municipality_ids))})")
        params += list(municipality_ids)
    if partnership_ids is not None:
        parts.append(f"{alias}.partnership_id IN ({', '.join(['%s'] * len(partnership_ids))})")
        params += list(partnership_ids)
    return "".join(f" AND {part}" for part in parts), params


def _placement_rows(period: Period, scope: tuple[str, list]) -> dict[int, list]:
    """Per partnership: occupied days, one per month, flow and exits by outcome."""
    dp = date_param()
    columns, params = [], []
    columns.append(f"SUM({_days_sql('p.start', P_END, dp, dp)})")
    # _days_sql's placeholders in order: COALESCE(end, hi), hi, lo.
    params += [_p(period.end), _p(period.end), _p(period.start)]
    for month in period.months():
        columns.append(
            f"SUM(CASE WHEN p.start <= {dp} AND (p.\"end\" IS NULL OR p.\"end\" >= {dp}) "
            f"THEN {_days_sql('p.start', P_END, dp, dp)} ELSE 0 END)"
        )
        params += [_p(month.end), _p(month.start), _p(month.end), _p(month.end),
                   _p(month.start)]
    columns += [
        f"SUM(CASE WHEN p.start >= {dp} THEN 1 ELSE 0 END)",
        f"SUM(CASE WHEN p.\"end\" <= {dp} THEN 1 ELSE 0 END)",
        f"SUM(CASE WHEN p.start <= {dp} THEN 1 ELSE 0 END)",
        f"SUM(CASE WHEN p.\"end\" IS NULL OR p.\"end\" >= {dp} THEN 1 ELSE 0 END)",
        "COUNT(DISTINCT p.participant_id)",
    ]
    params += [_p(period.start), _p(period.end), _p(period.start), _p(period.end)]
    for outcome in OUTCOMES:
        columns.append(f"SUM(CASE WHEN p.\"end\" <= {dp} AND p.outcome = %s THEN 1 ELSE 0 END)")
        params += [_p(period.end), outcome]
    scope_sql, scope_params = scope
    sql = (
        f"SELECT p.partnership_id, {', '.join(columns)} "
        f"FROM {Placement._meta.db_table} p "
        f"WHERE p.is_individual_agreement = %s AND p.start <= {dp} "
        f"AND (p.\"end\" IS NULL OR p.\"end\" >= {dp}){scope_sql} "
        "GROUP BY p.partnership_id"
    )
    params += [False, _p(period.end), _p(period.start), *scope_params]
    return {row[0]: list(row[1:]) for row in fetch(sql, params)}


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


def _distribution(values_sql: str, params: list) -> dict:
    """count, sum and median of VALUES_SQL's (partnership_id, value) rows, per partnership and
    for all together (key None). PostgreSQL computes the median itself."""
    result: dict = {}
    if is_postgres():
        grouped = (f"SELECT s.pid, COUNT(*), SUM(s.v), "
                   f"percentile_cont(0.5) WITHIN GROUP (ORDER BY s.v) "
                   f"FROM ({values_sql}) s GROUP BY ROLLUP (s.pid)")
        for pid, count, total, median in fetch(grouped, params):
            if not count:
                continue
            result[pid] = Distribution(
                count, int(total),
                Decimal(str(median)).quantize(Decimal("0.1"), ROUND_HALF_UP),
            )
        return result
    values: dict = {}
    for pid, value in fetch(values_sql, params):
        values.setdefault(pid, []).append(int(value))
    everything = [value for group in values.values() for value in group]
    for pid, group in [*values.items(), (None, everything)]:
        if group:
            result[pid] = Distribution(len(group), sum(group), occupancy.median(group))
    return result


def _days_to_start(period: Period, scope: tuple[str, list]) -> dict:
    dp = date_param()
    scope_sql, scope_params = scope
    sql = (
        f"SELECT p.partnership_id AS pid, {days_between('p.start', 'r.requested_on')} AS v "
        f"FROM {Placement._meta.db_table} p JOIN {Referral._meta.db_table} r "
        "ON r.id = p.referral_id "
        f"WHERE p.is_individual_agreement = %s AND p.start >= {dp} AND p.start <= {dp}"
        f"{scope_sql}"
    )
    return _distribution(sql, [False, _p(period.start), _p(period.end), *scope_params])


def _stay_days(period: Period, scope: tuple[str, list]) -> dict:
    dp = date_param()
    scope_sql, scope_params = scope
    sql = (
        f"SELECT p.partnership_id AS pid, ({days_between(P_END, 'p.start')} + 1) AS v "
        f"FROM {Placement._meta.db_table} p "
        f"WHERE p.is_individual_agreement = %s AND p.\"end\" >= {dp} AND p.\"end\" <= {dp}"
        f"{scope_sql}"
    )
    return _distribution(sql, [False, _p(period.start), _p(period.end), *scope_params])


def _age_band_sql(year: int) -> str:
    cases = " ".join(
        f"WHEN {year} - pa.birth_year BETWEEN {low} AND {high} THEN '{band}'"
        for band, low, high in AGE_BANDS
    )
    return f"CASE WHEN pa.birth_year IS NULL THEN 'unknown' {cases} ELSE 'unknown' END"


def _split_rows(period: Period, scope: tuple[str, list]) -> list[tuple]:
    """(partnership, gender, age band, route, participants, started, ended, to work/studies)."""
    dp = date_param()
    scope_sql, scope_params = scope
    age = _age_band_sql(period.end.year)
    sql = (
        f"SELECT p.partnership_id, pa.gender, {age}, COALESCE(r.referring_unit_id, 0), "
        "COUNT(DISTINCT p.participant_id), "
        f"SUM(CASE WHEN p.start >= {dp} THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN p.\"end\" <= {dp} THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN p.\"end\" <= {dp} AND p.outcome IN ('work', 'studies') THEN 1 ELSE 0 END) "
        f"FROM {Placement._meta.db_table} p "
        f"JOIN {Participant._meta.db_table} pa ON pa.id = p.participant_id "
        f"LEFT JOIN {Referral._meta.db_table} r ON r.id = p.referral_id "
        f"WHERE p.is_individual_agreement = %s AND p.start <= {dp} "
        f"AND (p.\"end\" IS NULL OR p.\"end\" >= {dp}){scope_sql} "
        f"GROUP BY p.partnership_id, pa.gender, {age}, COALESCE(r.referring_unit_id, 0)"
    )
    params = [_p(period.start), _p(period.end), _p(period.end), False, _p(period.end),
              _p(period.start), *scope_params]
    return fetch(sql, params)


def _individual_rows(period: Period, scope: tuple[str, list]) -> dict[int, tuple]:
    dp = date_param()
    scope_sql, scope_params = scope
    sql = (
        "SELECT p.partnership_id, COUNT(DISTINCT p.participant_id), "
        "COALESCE(SUM(p.individual_cost), 0) "
        f"FROM {Placement._meta.db_table} p "
        f"WHERE p.is_individual_agreement = %s AND p.start <= {dp} "
        f"AND (p.\"end\" IS NULL OR p.\"end\" >= {dp}){scope_sql} "
        "GROUP BY p.partnership_id"
    )
    rows = fetch(sql, [True, _p(period.end), _p(period.start), *scope_params])
    return {row[0]: row[1:] for row in rows}


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


def portfolio_stats(period: Period, municipality_ids=None, partnership_ids=None,
                    economics: bool = True) -> tuple[list[Stats], Stats]:
    """(per partnership, total) follow-up figures for PERIOD in the given scope."""
    scope = _scope_sql("p", municipality_ids, partnership_ids)
    scope_r = _scope_sql("r", municipality_ids, partnership_ids)
    placements = _placement_rows(period, scope)
    referrals = _referral_rows(period, scope_r)
    to_start = _days_to_start(period, scope)
    stays = _stay_days(period, scope)
    splits = _split_rows(period, scope)
    individual = _individual_rows(period, scope)
    intervals = active_intervals(partnership_ids, municipality_ids)

    partnerships = Partnership.objects.all()
    if municipality_ids is not None:
        partnerships = partnerships.filter(municipality_id__in=municipality_ids)
    if partnership_ids is not None:
        partnerships = partnerships.filter(id__in=partnership_ids)
    wanted = set(placements) | set(referrals) | set(individual)
    months = period.months()
    rows: list[Stats] = []
    for pid, name, places, capacity in partnerships.values_list(
        "id", "name", "places", "capacity"
    ).iterator(chunk_size=5000):
        active = intervals.get(pid, [])
        if pid not in wanted and not occupancy.active_days(active, period):
            continue
        stats = Stats(period, pid, name, places or capacity)
        _fill(stats, months, active, placements.get(pid), referrals.get(pid),
              to_start.get(pid), stays.get(pid), individual.get(pid))
        rows.append(stats)
    by_id = {row.partnership_id: row for row in rows}
    _fill_splits(by_id, splits)
    if economics:
        from .economics import add_economics

        add_economics(rows, period)
    rows.sort(key=lambda row: row.name.lower())
    return rows, _total(period, rows, to_start.get(None), stays.get(None))


def _fill(stats, months, active, placement_row, referral_row, to_start, stays, individual):
    places = stats.places
    stats.available = occupancy.available_place_days(places, active, stats.period)
    stats.months = [
        MonthFigures(m.label, m.start, m.end,
                     available=occupancy.available_place_days(places, active, m))
        for m in months
    ]
    if placement_row:
        values = [int(v or 0) for v in placement_row]
        stats.occupied = values[0]
        for month, occupied in zip(stats.months, values[1:1 + len(months)], strict=True):
            month.occupied = occupied
        rest = values[1 + len(months):]
        (stats.flow["started"], stats.flow["ended"], stats.flow["active_at_start"],
         stats.flow["active_at_end"], stats.flow["participants"]) = rest[:5]
        stats.outcomes = dict(zip(OUTCOMES, rest[5:], strict=True))
    if referral_row:
        (stats.flow["referred"], stats.flow["accepted"], stats.flow["declined"],
         stats.flow["waiting"], stats.flow["withdrawn"]) = [int(v or 0) for v in referral_row]
    stats.days_to_start = to_start or Distribution()
    stats.stay_days = stays or Distribution()
    if individual:
        stats.individual_persons, stats.individual_cost = int(individual[0]), int(individual[1])


def _fill_splits(by_id: dict, rows: list[tuple]) -> None:
    routes = dict(ReferringUnit.objects.values_list("id", "name"))
    routes[0] = "Ingen anvisning registrerad"
    for pid, gender, age, route, *counts in rows:
        stats = by_id.get(pid)
        if stats is None:
            continue
        for dimension, key in (("gender", gender), ("age_band", age),
                               ("route", routes.get(route, str(route)))):
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
