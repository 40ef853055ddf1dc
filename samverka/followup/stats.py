"""Follow-up statistics computed in the database: occupancy, flow, outcomes, splits, economics.

One pass per table over the rows of the period: placements (occupancy per month, flow, exits),
referrals (referred, answered, waiting), and the distributions (days from referral to start,
length of stay). Results are plain integers per partnership; the pure modules turn them into
rates. `portfolio_stats` serves one partnership, a municipality or the whole country.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter

from django.conf import settings
from django.utils.translation import gettext_noop

from samverka.core import numbers
from samverka.participants.models import Outcome, Placement, Referral
from samverka.partnerships import membership
from samverka.partnerships.dates import latest_possible_end
from samverka.partnerships.models import AgreementVersion, Partnership, ReferringUnit

from . import occupancy, summaries, summary_read
from .periods import Period
from .sql import date_param, days_between, fetch, greatest, is_postgres, least
from .summary_sql import AGE_BANDS

OUTCOMES = [value for value, _label in Outcome.choices]
OUTCOME_LABELS = dict(Outcome.choices)
WORK_OR_STUDIES = ("work", "studies")
# Swedish in the data (reports, JSON); the web pages translate them when rendering.
AGE_BAND_LABELS = {"-24": gettext_noop("upp till 24 år"), "25-34": gettext_noop("25–34 år"),
                   "35-44": gettext_noop("35–44 år"), "45-54": gettext_noop("45–54 år"),
                   "55-": gettext_noop("55 år och äldre"),
                   "unknown": gettext_noop("okänd ålder")}
GENDER_LABELS = {"woman": gettext_noop("Kvinnor"), "man": gettext_noop("Män"),
                 "other": gettext_noop("Annat"), "unknown": gettext_noop("Okänt")}
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


@dataclass(slots=True)
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
    # A portfolio total: occupancy and cost per place cover only the partnerships with a known
    # number of places (PLACES_COST is their committee cost); WITHOUT_PLACES names the others.
    places_cost: int | None = None
    without_places: list[str] = field(default_factory=list)
    # Membership of the period (partnerships/membership.py): the version in force, and whether
    # a recorded agreement period covers the period ("period okänd" when not).
    period_known: bool = True
    version_id: int | None = None
    # Persons and cost by route (followup/individual.py): individual agreements and the
    # partnership, from placements or, where none are recorded, from reported figures.
    individual_route: object = None
    partnership_route: object = None

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
        if self.partnership_id is None:  # a portfolio: the cost of the partnerships with places
            return numbers.per_unit(self.places_cost, self.places)
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


GENDERS = list(GENDER_LABELS)  # woman, man, other, unknown: Participant.gender's choices
AGE_KEYS = [band for band, _low, _high in AGE_BANDS] + ["unknown"]


def _age_band_sql(year: int) -> str:
    cases = " ".join(
        f"WHEN {year} - p.stat_birth_year BETWEEN {low} AND {high} THEN '{band}'"
        for band, low, high in AGE_BANDS
    )
    return f"CASE WHEN p.stat_birth_year IS NULL THEN 'unknown' {cases} ELSE 'unknown' END"


def _count_index(period: Period) -> int:
    """Index of COUNT(*) in a row of the pass: after occupied days (period, months), flow
    and outcomes, and the individual agreements' cost."""
    return 1 + len(period.months()) + 4 + len(OUTCOMES) + 1


def month_sums(period: Period) -> tuple[list[str], list]:
    """SQL: one SUM per month of the period, the days the placement p occupies in it."""
    dp = date_param()
    overlap = _overlap_sql(dp, dp)
    columns, params = [], []
    for month in period.months():
        # Most placements cover a month wholly or not at all: two comparisons decide, and the
        # overlap arithmetic runs only for the (at most two) months a placement starts or ends in.
        whole = (month.end - month.start).days + 1
        columns.append(
            f"SUM(CASE WHEN p.start <= {dp} AND ({P_END} IS NULL OR {P_END} >= {dp}) "
            f"THEN {whole} WHEN p.start > {dp} OR {P_END} < {dp} THEN 0 ELSE {overlap} END)")
        params += [_p(month.start), _p(month.end), _p(month.end), _p(month.start),
                   _p(month.end), _p(month.end), _p(month.start)]
    return columns, params


def _pass(period: Period, scope: tuple[str, list], detail: bool) -> tuple[dict, dict]:
    """The raw rows' figures (custom ranges, SQLite; standard periods read the summaries): one
    pass over the placements of the period, per (partnership, individual agreement): occupied
    days (period and months), flow, exits by outcome, individual cost, placements (persons
    before de-duplication), to work or studies, and with DETAIL for the splits the same four
    counts per gender and per age band, plus count and sum of the days from referral to start
    and of the lengths of stay, and a second query grouped by referral route (_route_rows).
    The participant's and the referral's facts are read from copies on the placement row
    (participants/facts.py).

    Returns ({(pid, individual): totals}, {(pid, route): [n, started, ended, to_work]})."""
    dp = date_param()
    overlap = _overlap_sql(dp, dp)
    columns, params = [f"SUM({overlap})"], [_p(period.end), _p(period.end), _p(period.start)]
    month_columns, month_params = month_sums(period)
    columns += month_columns
    params += month_params
    started, ended = f"p.start >= {dp}", f"{P_END} <= {dp}"
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
    to_work = f"{ended} AND p.outcome IN ('work', 'studies')"
    columns += ["COUNT(*)", f"SUM(CASE WHEN {to_work} THEN 1 ELSE 0 END)"]
    params += [_p(period.end)]
    if detail:
        year = period.end.year
        groups = [("p.stat_gender = %s", [gender]) for gender in GENDERS]
        groups += [("p.stat_birth_year BETWEEN %s AND %s", [year - high, year - low])
                   for _band, low, high in AGE_BANDS]
        groups.append(("(p.stat_birth_year IS NULL OR p.stat_birth_year NOT BETWEEN %s AND %s)",
                       [year - AGE_BANDS[-1][2], year - AGE_BANDS[0][1]]))
        for condition, values in groups:
            for extra, extra_params in (("", []), (f" AND {started}", [_p(period.start)]),
                                        (f" AND {ended}", [_p(period.end)]),
                                        (f" AND {to_work}", [_p(period.end)])):
                columns.append(f"SUM(CASE WHEN {condition}{extra} THEN 1 ELSE 0 END)")
                params += values + extra_params
        to_start = days_between("p.start", "p.stat_referred_on")
        stay = days_between(P_END, "p.start")
        columns += [
            f"SUM(CASE WHEN {started} AND p.stat_referred_on IS NOT NULL THEN 1 ELSE 0 END)",
            f"SUM(CASE WHEN {started} THEN {to_start} END)",
            f"SUM(CASE WHEN {ended} THEN 1 ELSE 0 END)",
            f"SUM(CASE WHEN {ended} THEN {stay} + 1 END)",
        ]
        params += [_p(period.start), _p(period.start), _p(period.end), _p(period.end)]
    where, where_params = _in_period(period, scope)
    sql = (f"SELECT p.partnership_id, p.is_individual_agreement, "
           f"{', '.join(f'COALESCE({column}, 0)' for column in columns)} "
           f"FROM {Placement._meta.db_table} p WHERE {where} "
           "GROUP BY p.partnership_id, p.is_individual_agreement")
    totals = {(pid, bool(ind)): values
              for pid, ind, *values in fetch(sql, params + where_params)}
    return totals, _route_rows(period, scope) if detail else {}


def _route_rows(period: Period, scope: tuple[str, list]) -> dict:
    """{(partnership, route): [placements, started, ended, to work or studies]}, the IOP
    placements of the period grouped by referral route."""
    where, where_params = _in_period(period, scope)
    started, ended = f"p.start >= {date_param()}", f"{P_END} <= {date_param()}"
    to_work = f"SUM(CASE WHEN {ended} AND p.outcome IN ('work', 'studies') THEN 1 ELSE 0 END)"
    sql = (f"SELECT p.partnership_id, COALESCE(p.stat_route, 0), COUNT(*), "
           f"SUM(CASE WHEN {started} THEN 1 ELSE 0 END), "
           f"SUM(CASE WHEN {ended} THEN 1 ELSE 0 END), {to_work} "
           f"FROM {Placement._meta.db_table} p WHERE p.is_individual_agreement = %s AND "
           f"{where} GROUP BY p.partnership_id, COALESCE(p.stat_route, 0)")
    params = [_p(period.start), _p(period.end), _p(period.end), False, *where_params]
    return {(pid, route): values for pid, route, *values in fetch(sql, params)}


def _repeated_rows(period: Period, scope: tuple[str, list]) -> list[tuple]:
    """The placements of the period whose participant has another placement in the same
    partnership (`stat_repeated`, a partial index): per (partnership, individual agreement,
    participant, route, gender, age band) how many. Only these can count a person twice."""
    where, where_params = _in_period(period, scope)
    age = _age_band_sql(period.end.year)
    sql = (f"SELECT p.partnership_id, p.is_individual_agreement, p.participant_id, "
           f"COALESCE(p.stat_route, 0), p.stat_gender, {age}, COUNT(*) "
           f"FROM {Placement._meta.db_table} p WHERE p.stat_repeated = %s AND {where} "
           "GROUP BY p.partnership_id, p.is_individual_agreement, p.participant_id, "
           f"COALESCE(p.stat_route, 0), p.stat_gender, {age}")
    return fetch(sql, [True, *where_params])


def _medians(period: Period, scope: tuple[str, list]) -> tuple[dict, dict]:
    """Medians of the days from referral to a start in the period and of the lengths of the
    stays that ended in it, IOP placements, per partnership and (key None) over all."""
    dp = date_param()
    where, where_params = _in_period(period, scope)
    to_start = days_between("p.start", "p.stat_referred_on")
    stay = days_between(P_END, "p.start")
    values = (f"SELECT p.partnership_id AS pid, CASE WHEN p.start >= {dp} THEN {to_start} END "
              f"AS to_start, CASE WHEN {P_END} <= {dp} THEN {stay} + 1 END AS stay "
              f"FROM {Placement._meta.db_table} p WHERE p.is_individual_agreement = %s "
              f"AND (p.start >= {dp} OR {P_END} <= {dp}) AND {where}")
    params = [_p(period.start), _p(period.end), False, _p(period.start), _p(period.end),
              *where_params]
    to_starts, stays = {}, {}
    by_pid: tuple[dict, dict] = ({}, {})
    for pid, *pair in fetch(values, params):
        for target, value in zip(by_pid, pair, strict=True):
            if value is not None:
                target.setdefault(pid, []).append(int(value))
    for target, found in zip((to_starts, stays), by_pid, strict=True):
        everything = [value for group in found.values() for value in group]
        for pid, group in [*found.items(), (None, everything)]:
            if group:
                target[pid] = occupancy.median(group)
    return to_starts, stays


def _extra_placements(repeated: list) -> tuple[dict, dict]:
    """From the repeated placements: the extra placements of the same person per
    (partnership, individual agreement) and per (dimension, partnership, group).

    A person counts once per partnership, and in the splits once per (gender, age band,
    route) cell summed over the other dimensions (a person with two routes counts once under
    each route): placements minus the extra placements of the same person."""
    extra_people: dict = {}
    extra_cells: dict = {}
    seen_people: dict = {}
    for pid, ind, who, route, gender, age, count in repeated:
        ind = bool(ind)
        seen_people[(pid, ind, who)] = seen_people.get((pid, ind, who), 0) + int(count)
        if not ind and count > 1:
            for key in (("gender", pid, gender), ("age_band", pid, age), ("route", pid, route)):
                extra_cells[key] = extra_cells.get(key, 0) + int(count) - 1
    for (pid, ind, _who), count in seen_people.items():
        extra_people[(pid, ind)] = extra_people.get((pid, ind), 0) + count - 1
    return extra_people, extra_cells


def _distributions(totals: dict, medians: tuple) -> tuple[dict, dict]:
    """Days from referral to start and lengths of stay per partnership and (key None) over
    all: count and sum from the pass (its last four columns), medians from their query."""
    to_start_medians, stay_medians = medians
    to_start, stays = {}, {}
    counted = summed = ended = stayed = 0
    for (pid, ind), values in totals.items():
        if ind:
            continue
        dist = values[-4:]
        counted += dist[0]
        summed += dist[1]
        ended += dist[2]
        stayed += dist[3]
        if dist[0]:
            to_start[pid] = Distribution(dist[0], dist[1], to_start_medians.get(pid))
        if dist[2]:
            stays[pid] = Distribution(dist[2], dist[3], stay_medians.get(pid))
    if counted:
        to_start[None] = Distribution(counted, summed, to_start_medians.get(None))
    if ended:
        stays[None] = Distribution(ended, stayed, stay_medians.get(None))
    return to_start, stays


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


def _figures(period: Period, municipality_ids, partnership_ids, detail: bool) -> tuple:
    """(totals, routes, referrals, medians) of the placements and referrals in scope: from
    the period summaries for a standard period they hold (PostgreSQL), else from the rows."""
    kind = summaries.covers(period)
    if kind is not None:
        return summary_read.figures(period, kind, municipality_ids, partnership_ids, detail)
    scope = _scope_sql("p", municipality_ids, partnership_ids)
    totals, routes = _pass(period, scope, detail)
    referrals = _referral_rows(period, _scope_sql("r", municipality_ids, partnership_ids))
    medians = _medians(period, scope) if detail else ({}, {})
    return totals, routes, referrals, medians


def portfolio_stats(period: Period, municipality_ids=None, partnership_ids=None,
                    economics: bool = True, detail: bool = True) -> tuple[list[Stats], Stats]:
    """(per partnership, total) follow-up figures for PERIOD in the given scope.

    Standard periods read the period summaries (followup/summaries.py), other periods the
    placements and referrals themselves, with the same definitions (_figures); both read the
    few placements of participants placed more than once in a partnership, for distinct
    persons. Without DETAIL the splits and the distributions (days to start, length of stay)
    stay empty: the dashboard shows neither."""
    totals, routes, referrals, medians = _figures(period, municipality_ids, partnership_ids,
                                                  detail)
    repeated = _repeated_rows(period, _scope_sql("p", municipality_ids, partnership_ids))
    n = _count_index(period)
    extra_people, extra_cells = _extra_placements(repeated)
    people = {key: values[n] - extra_people.get(key, 0) for key, values in totals.items()}
    to_start, stays = _distributions(totals, medians) if detail else ({}, {})
    placements = {key: values[:n] for key, values in totals.items()}
    intervals = active_intervals(partnership_ids, municipality_ids)

    partnerships = Partnership.objects.all()
    if municipality_ids is not None:
        partnerships = partnerships.filter(municipality_id__in=municipality_ids)
    if partnership_ids is not None:
        partnerships = partnerships.filter(id__in=partnership_ids)
    wanted = {pid for pid, _individual in placements} | set(referrals)
    # Which partnerships belong to the period: the register's portfolio uses the same rule.
    belonging = membership.members(period.start, period.end, municipality_ids,
                                   partnership_ids, participants=wanted)
    months = period.months()
    # Active days (period, then each month) per distinct set of agreement intervals: thousands
    # of partnerships share a handful of agreement periods, so compute each set once.
    active_days: dict[tuple, tuple] = {}
    rows: list[Stats] = []
    for pid, name, places, capacity in partnerships.values_list(
        "id", "name", "places", "capacity"
    ).iterator(chunk_size=5000):
        key = tuple(intervals.get(pid, ()))
        days = active_days.get(key)
        if days is None:
            active = occupancy.merge_intervals(key)
            days = active_days[key] = (_active_days(active, period),
                                       *(_active_days(active, m) for m in months))
        member = belonging.get(pid)
        if member is None:
            continue
        stats = Stats(period, pid, name, places or capacity)
        stats.period_known, stats.version_id = member.period_known, member.version_id
        _fill(stats, months, days, placements.get((pid, False)), referrals.get(pid),
              to_start.get(pid), stays.get(pid))
        stats.flow["participants"] = people.get((pid, False), 0)
        if (pid, True) in placements:
            stats.individual_persons = people.get((pid, True), 0)
            stats.individual_cost = int(placements[(pid, True)][-1])
        rows.append(stats)
    by_id = {row.partnership_id: row for row in rows}
    total_splits = (_fill_splits(by_id, totals, routes, extra_cells, n) if detail
                    else {"gender": {}, "age_band": {}, "route": {}})
    if economics:
        from .economics import add_economics
        from .individual import add_routes

        add_economics(rows, period, partnership_ids, municipality_ids)
        add_routes(rows, period)
    rows.sort(key=lambda row: row.name.lower())
    return rows, _total(period, rows, to_start.get(None), stays.get(None), total_splits)


def _active_days(merged: list, period: Period) -> int:
    """Days of PERIOD inside the already merged intervals (occupancy.active_days, unmerged)."""
    return sum(occupancy.overlap_days(start, end, period) for start, end in merged)


def _fill(stats, months, days, placement_row, referral_row, to_start, stays):
    """DAYS: active days of the agreement in the period, then in each month."""
    places = stats.places or 0
    stats.available = places * days[0]
    count = len(months)
    occupied = placement_row[1:1 + count] if placement_row else [0] * count
    stats.months = [MonthFigures(m.label, m.start, m.end, used, places * active)
                    for m, used, active in zip(months, occupied, days[1:], strict=True)]
    if placement_row:
        values = placement_row  # ints already
        stats.occupied = values[0]
        rest = values[1 + count:]
        (stats.flow["started"], stats.flow["ended"], stats.flow["active_at_start"],
         stats.flow["active_at_end"]) = rest[:4]
        stats.outcomes = dict(zip(OUTCOMES, rest[4:4 + len(OUTCOMES)], strict=True))
    if referral_row:
        (stats.flow["referred"], stats.flow["accepted"], stats.flow["declined"],
         stats.flow["waiting"], stats.flow["withdrawn"]) = [int(v or 0) for v in referral_row]
    stats.days_to_start = to_start or Distribution()
    stats.stay_days = stays or Distribution()


SPLIT_GROUPS = [("gender", key) for key in GENDERS] + [("age_band", key) for key in AGE_KEYS]


def _fill_splits(by_id: dict, totals: dict, routes: dict, extra_cells: dict, n: int) -> dict:
    """Put the split cells on their partnerships (IOP placements: the gender and age groups
    from the pass, four counts each after COUNT(*) and to work or studies, and the routes);
    returns the portfolio's splits (their sum). Placements are counted first; the extra
    placements of persons placed more than once are subtracted afterwards, cell by cell."""
    names = dict(ReferringUnit.objects.values_list("id", "name"))
    names[0] = gettext_noop("Ingen anvisning registrerad")
    sums: dict = {}
    first = n + 2
    groups = [(first + 4 * index, dimension, key)
              for index, (dimension, key) in enumerate(SPLIT_GROUPS)]
    counted = []
    for (pid, ind), values in totals.items():
        stats = None if ind else by_id.get(pid)
        if stats is None:
            continue
        counted.append(values)
        splits = stats.splits
        for at, dimension, key in groups:
            if values[at]:
                splits[dimension][key] = {
                    "participants": values[at], "started": values[at + 1],
                    "ended": values[at + 2], "to_work_or_studies": values[at + 3]}
    columns = list(zip(*counted, strict=True))
    for at, dimension, key in groups:
        if columns and sum(columns[at]):
            sums[(dimension, key)] = [sum(columns[at + offset]) for offset in range(4)]
    for (pid, route), counts in routes.items():
        stats = by_id.get(pid)
        if stats is None:
            continue
        key = names.get(int(route), str(route))
        cells = stats.splits["route"]
        cell = cells.get(key)
        if cell is None:  # two referring units of the same name count as one route
            cells[key] = dict(zip(SPLIT_KEYS, counts, strict=True))
        else:
            for name, count in zip(SPLIT_KEYS, counts, strict=True):
                cell[name] += count
        found = sums.setdefault(("route", key), [0, 0, 0, 0])
        for index, count in enumerate(counts):
            found[index] += count
    for (dimension, pid, key), extra in extra_cells.items():
        stats = by_id.get(pid)
        if dimension == "route":
            key = names.get(int(key), str(key))
        cell = None if stats is None else stats.splits[dimension].get(key)
        if cell is not None:
            cell["participants"] -= extra
            sums[(dimension, key)][0] -= extra
    total: dict = {"gender": {}, "age_band": {}, "route": {}}
    for (dimension, key), counts in sums.items():
        total[dimension][key] = dict(zip(SPLIT_KEYS, counts, strict=True))
    return total


def _total(period: Period, rows: list[Stats], to_start, stays, splits: dict) -> Stats:
    """The portfolio's figures. Occupancy and cost per place over the same partnerships, those
    with a known number of places (the others are listed in `without_places`); an amount
    summed with an unknown one is unknown."""
    total = Stats(period, None, "Hela portföljen")
    placed = [row for row in rows if row.places]
    total.without_places = [row.name for row in rows if not row.places]
    total.places = sum(row.places for row in placed) or None
    total.months = [MonthFigures(m.label, m.start, m.end) for m in period.months()]
    total.occupied = sum(row.occupied for row in placed)
    total.available = sum(row.available for row in placed)
    by_month = list(zip(*(row.months for row in placed), strict=True))
    for month, column in zip(total.months, by_month, strict=False):
        month.occupied = sum(map(attrgetter("occupied"), column))
        month.available = sum(map(attrgetter("available"), column))
    total.flow = {key: sum(row.flow[key] for row in rows) for key in FLOW_KEYS}
    total.outcomes = {key: sum(row.outcomes[key] for row in rows) for key in OUTCOMES}
    total.splits = splits
    total.individual_persons = sum(row.individual_persons for row in rows)
    total.individual_cost = sum(row.individual_cost for row in rows)
    total.committee_cost = numbers.sum_known(row.committee_cost for row in rows) if rows else None
    total.value = numbers.sum_known(row.value for row in rows) if rows else None
    total.places_cost = (numbers.sum_known(row.committee_cost for row in placed)
                         if placed else None)
    total.days_to_start = to_start or Distribution()
    total.stay_days = stays or Distribution()
    return total


def partnership_stats(partnership, period: Period) -> Stats:
    rows, _total_row = portfolio_stats(
        period, municipality_ids=[partnership.municipality_id], partnership_ids=[partnership.pk]
    )
    return rows[0] if rows else Stats(period, partnership.pk, partnership.name,
                                      partnership.places or partnership.capacity)
