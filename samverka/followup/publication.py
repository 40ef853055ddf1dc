"""The publication layer: every follow-up figure that reaches a role without participant access.

The dashboard, a partnership's follow-up page, their charts, the XLSX export, the yearly reports
(DOCX, PDF) and `samverka followup --format json` all read `portfolio(...)` or
`partnership(...)` here; templates and exporters only format what they get (core/numbers.py's
`format_published`). Disclosure control is applied once per output set – the partnerships of one
municipality and one period – over every linked figure of every output:

1. `cells()` collects the raw integer cells with stable keys, e.g. ("started", 12, "2024") or
   ("split", 12, "2024", "gender", "woman", "participants"), and `relations()` the identities
   a reader can use between them: totals = sum of parts, referred = accepted + declined +
   waiting + withdrawn, outcomes sum to exits, each split sums to its total, the portfolio
   column sums the partnerships, the months sum to the period. An identity is written only
   where the figures satisfy it.
2. `protect()` (followup/disclosure.py, checked by its exact LP audit) chooses the cells to
   withhold: counts of 1…threshold−1 persons and the complements that stop them from being
   worked out.
3. Figures derived from a withheld count (place-days and rates, costs per participant or exit,
   means, medians, cost per person) are withheld with it, and protection runs again over them.

The result is the same pattern for every output of that set: a cell withheld on the dashboard is
withheld on the partnership's page, in the export and in the CLI's JSON. A withheld figure is
numbers.SUPPRESSED ("..") in the published data.
"""

import functools
import hashlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.core.cache import cache

from .crossperiod import cross_relations, joint_year, periods_of_year
from .disclosure import Relation, protect
from .periods import Period, published
from .published import SPLIT_TOTAL, Mask, shaped
from .stats import FLOW_KEYS, OUTCOMES, SPLIT_KEYS, WORK_OR_STUDIES, Stats, portfolio_stats

TOTAL = "total"
CACHE_SECONDS = 7 * 24 * 3600  # keyed by the figures: recomputed when one changes
MAIN_WEIGHT = 1000  # a year's figure costs this many half-year figures as a complement
SPLIT_TO_CELL = {"participants": "participants", "started": "started", "ended": "ended",
                 "to_work_or_studies": "work_or_studies"}


def threshold() -> int:
    from .published import threshold as limit

    return limit()


def _pid(stats: Stats):
    return TOTAL if stats.partnership_id is None else stats.partnership_id


def cells(stats: Stats, period: Period) -> dict:
    """The raw integer cells of one partnership (or the portfolio total), by key."""
    pid, label = _pid(stats), period.label
    values = {(key, pid, label): stats.flow[key] for key in FLOW_KEYS}
    values.update({("outcome", pid, label, key): stats.outcomes[key] for key in OUTCOMES})
    values[("exits", pid, label)] = stats.exits
    values[("work_or_studies", pid, label)] = stats.exits_to_work_or_studies
    values[("to_start_n", pid, label)] = stats.days_to_start.count
    values[("stay_n", pid, label)] = stats.stay_days.count
    for dimension, groups in stats.splits.items():
        for group, row in groups.items():
            for key in SPLIT_KEYS:
                values[("split", pid, label, dimension, group, key)] = row[key]
        for key in SPLIT_KEYS:
            values[("split", pid, label, dimension, SPLIT_TOTAL, key)] = sum(
                row[key] for row in groups.values())
    for route in ("individual", "partnership"):
        persons = _route(stats, route).persons
        values[("route", pid, label, route)] = persons or 0
    # Place-days are not persons, but one person's stay is its place-days: withheld with the
    # participants (see derived()), tied by the months and the portfolio column.
    values[("occupied", pid, label)] = stats.occupied
    for month in stats.months:
        values[("occupied", pid, label, month.label)] = month.occupied
    return values


def _route(stats: Stats, route: str):
    from .individual import Route

    if route == "individual":
        recorded = Route(stats.individual_persons, stats.individual_cost,
                         "placements" if stats.individual_persons else None)
        return stats.individual_route or recorded
    return stats.partnership_route or Route()


def _eq(values: dict, parts: list, totals: list) -> Relation | None:
    """sum(PARTS) == sum(TOTALS) as a relation, or None when the figures do not satisfy it."""
    parts = [key for key in parts if key in values]
    totals = [key for key in totals if key in values]
    if not parts or not totals:
        return None
    if sum(values[key] for key in parts) != sum(values[key] for key in totals):
        return None
    return Relation(tuple([(key, 1) for key in parts] + [(key, -1) for key in totals]), "eq", 0)


def _own_relations(values: dict, stats: Stats, label: str) -> list:
    pid = _pid(stats)

    def k(*parts):
        return (parts[0], pid, label, *parts[1:])

    pairs = [
        ([k(key) for key in ("accepted", "declined", "waiting", "withdrawn")], [k("referred")]),
        ([k("outcome", key) for key in OUTCOMES], [k("exits")]),
        ([k("outcome", key) for key in WORK_OR_STUDIES], [k("work_or_studies")]),
        ([k("ended")], [k("exits")]),
        ([k("active_at_start"), k("started")], [k("participants")]),
        ([k("active_at_end"), k("ended")], [k("participants")]),
        ([k("occupied", m.label) for m in stats.months], [k("occupied")]),
    ]
    for dimension, groups in stats.splits.items():
        for key in SPLIT_KEYS:
            total = k("split", dimension, SPLIT_TOTAL, key)
            pairs.append(([k("split", dimension, group, key) for group in groups], [total]))
            pairs.append(([total], [k(SPLIT_TO_CELL[key])]))
    return [relation for parts, totals in pairs if (relation := _eq(values, parts, totals))]


def _column_relations(values: dict, rows: list[Stats], total: Stats, label: str) -> list:
    """The portfolio column: each total cell is the sum of the partnerships' cells."""
    found = []
    for key in values:
        if key[1] != TOTAL:
            continue
        placed = key[0] == "occupied"  # the portfolio's place-days: partnerships with places
        parts = [(key[0], row.partnership_id, *key[2:]) for row in rows
                 if not placed or row.places]
        relation = _eq(values, parts, [key])
        if relation:
            found.append(relation)
    return found


def relations(values: dict, rows: list[Stats], total: Stats, period: Period) -> list:
    found = _column_relations(values, rows, total, period.label)
    for stats in [*rows, total]:
        found += _own_relations(values, stats, period.label)
    return found


def derived(hidden: set, stats: Stats, label: str) -> set:
    """Cells withheld because a count they are derived from is withheld."""
    pid = _pid(stats)
    if ("participants", pid, label) not in hidden:
        return set()
    return {("occupied", pid, label)} | {("occupied", pid, label, m.label) for m in stats.months}


@dataclass
class Pattern:
    """The disclosure-control pattern of one output set: raw cells, withheld keys, and the
    relations between the cells (built when first asked for: a pattern found in the cache
    needs none of them to publish)."""

    period: Period
    values: dict
    build_relations: Callable[[], list] = field(repr=False)
    hidden: set = field(default_factory=set)

    @cached_property
    def relations(self) -> list:
        return self.build_relations()


def _values(sets: dict, periods: list[Period]) -> dict:
    values = {}
    for period in periods:
        rows, total = sets[period.label]
        for stats in [*rows, total]:
            values.update(cells(stats, period))
    return values


def _relations(values: dict, sets: dict, periods: list[Period], joint: bool) -> list:
    found = []
    for period in periods:
        rows, total = sets[period.label]
        own = {key: value for key, value in values.items() if key[2] == period.label}
        found += relations(own, rows, total, period)
    return found + (cross_relations(values, periods, _eq) if joint else [])


def _protect(sets: dict, periods: list[Period], joint: bool) -> Pattern:
    """The pattern of the output sets SETS ({label: (rows, total)}) of PERIODS; JOINT: the
    published periods of a year, protected together with the identities between them."""
    values = _values(sets, periods)
    main = periods[0].label if joint else None
    groups = [(rows, total, label) for label, (rows, total) in sets.items()]

    def build() -> list:
        return _relations(values, sets, periods, joint)

    limit = threshold()
    key = _cache_key(values, groups, limit, main)
    hidden = cache.get(key)
    if hidden is None:
        hidden = _protected(values, build(), limit, groups, main)
        cache.set(key, hidden, CACHE_SECONDS)
    return Pattern(periods[0], values, build, hidden)


def pattern(rows: list[Stats], total: Stats, period: Period) -> Pattern:
    """Protect every cell of ROWS and TOTAL (one output set) together, derived cells included."""
    return _protect({period.label: (rows, total)}, [period], joint=False)


def year_pattern(year: int, municipality_ids=None) -> tuple[dict, Pattern]:
    """The joint pattern of the published periods of YEAR (followup/crossperiod.py):
    ({label: (rows, total)}, pattern). Every published period of the year reads it."""
    periods = periods_of_year(year)
    sets = {period.label: portfolio_stats(period, municipality_ids=municipality_ids)
            for period in periods}
    return sets, _protect(sets, periods, joint=True)


def _protected(values, found, limit, groups, main=None) -> set:
    """GROUPS: (rows, total, period label) of each period in the set. The figures of the MAIN
    period (the year) are withheld as complements only where the shorter periods cannot
    cover a cell: the year is what the committee reads first."""
    heavy = _main_figures(found, main)

    def weight(key):
        return MAIN_WEIGHT if key in heavy else 1

    hidden = protect(values, found, limit, weight=weight)
    while True:
        more = set().union(*(derived(hidden, stats, label)
                             for rows, total, label in groups for stats in [*rows, total]))
        if more <= hidden:
            return hidden
        hidden = protect(values, found, limit, primary=hidden | more, weight=weight)


def _main_figures(found: list, main: str | None) -> set:
    """The cells of the MAIN period and the cells that are the same number under another
    name (participants at the end of H2 are those at the end of the year)."""
    if main is None:
        return set()
    heavy = set()
    for relation in found:
        keys = [key for key, _coef in relation.terms]
        if len(keys) == 2 and relation.kind == "eq" and any(key[2] == main for key in keys):
            heavy.update(keys)
    return heavy | {key for relation in found for key, _coef in relation.terms if key[2] == main}


@functools.cache
def _rules() -> str:
    """The source of the code that writes the relations and chooses the pattern: part of every
    cache key, so that changed rules never meet a pattern cached under the old ones."""
    from . import crossperiod, disclosure, publication

    text = "".join(inspect.getsource(module) for module in (crossperiod, disclosure,
                                                            publication))
    return hashlib.sha256(text.encode()).hexdigest()


def _cache_key(values: dict, groups: list, limit: int, main: str | None) -> str:
    """The pattern is a function of the cells, the threshold and the relations, which follow
    from the cells, from which partnerships have a number of places (the portfolio's place-days
    count only theirs) and from the rules: the same figures get the same pattern in every output
    and process, changed figures a new one."""
    placed = [(label, [(row.partnership_id, bool(row.places)) for row in rows])
              for rows, _total, label in groups]
    text = repr((_rules(), limit, main, placed, sorted(values.items(), key=repr)))
    return "samverka-publication-" + hashlib.sha256(text.encode()).hexdigest()


def compute(period: Period, municipality_ids=None):
    """(rows, total, pattern) for the partnerships of MUNICIPALITY_IDS in PERIOD. Always with
    the detail (splits, distributions): a page that does not show them must still withhold
    what they would give away on the pages that do. A published period reads its year's joint
    pattern (cross-period identities); any other period – only for roles that see the
    participants anyway – is protected on its own."""
    year = joint_year(period)
    if year is not None:
        canonical = published(period)
        sets, found = year_pattern(year, municipality_ids)
        rows, total = sets[canonical.label]
        return rows, total, Pattern(canonical, found.values, lambda: found.relations,
                                    found.hidden)
    rows, total = portfolio_stats(period, municipality_ids=municipality_ids)
    return rows, total, pattern(rows, total, period)


def publish(stats: Stats, found: Pattern) -> dict:
    """One partnership's (or the total's) published dict under the output set's pattern."""
    return shaped(stats, Mask(found.hidden, _pid(stats), found.period.label))


def portfolio(period: Period, municipality_ids=None) -> tuple[dict, list]:
    """The dashboard's published figures and the rows they came from."""
    rows, total, found = compute(period, municipality_ids)
    return {"partnerships": [publish(row, found) for row in rows],
            "total": publish(total, found)}, rows


def partnership(item, period: Period) -> dict:
    """A partnership's published figures: read from its municipality's output set, so that a
    cell withheld on the dashboard is withheld here too."""
    rows, _total, found = compute(period, [item.municipality_id])
    for row in rows:
        if row.partnership_id == item.pk:
            return publish(row, found)
    empty = Stats(period, item.pk, item.name, item.places or item.capacity)
    return shaped(empty, Mask(set(), item.pk, period.label))


def mask(item, period: Period) -> Mask:
    """Which of ITEM's cells its municipality's output set for PERIOD withholds: other outputs
    built on the follow-up counts (SROI, the socio-economic account) withhold them too."""
    _rows, _total, found = compute(period, [item.municipality_id])
    return Mask(found.hidden, item.pk, period.label)
