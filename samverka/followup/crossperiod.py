"""One disclosure pattern for all the published periods of a year (issue #12, cross-period).

A role that sees only published figures may read every published standard period of a year
(periods.published_periods: the year and its halves, or the year alone). Flows counted by the
date of an event add up over them – year = H1 + H2 – so a half-year withheld alone could be
worked out from the year minus the other half. partitions() also knows the quarters and months
(Q1 + Q2 = H1, …), which are not published: protecting all 19 periods together did not finish.
The publication layer therefore protects the cells of the published periods of one
municipality and year *together*, with these identities among the relations:

- additive flows (referrals and their outcomes, started, ended, exits and outcomes, the splits'
  started / ended / to work or studies, place-days): parent = sum of its parts;
- the same quantity under two names: a month's place-days in a longer period's month table is
  the month's own figure; the participants at the start of periods that start on the same day
  (year, H1, Q1, January) are one number, and so at the end;
- persons are not additive over periods (a person can be active in several months), but
  participants of a part ≤ participants of the whole ≤ the sum over the parts.

An identity is written only where the figures satisfy it (publication._eq), as inside one
period. Every output for any published period of the year reads this joint pattern.
"""

from .disclosure import Relation
from .periods import Period, published, published_periods

# Counted by an event's date in the period (flows): additive over periods.
ADDITIVE = {"referred", "accepted", "declined", "waiting", "withdrawn", "started", "ended",
            "exits", "work_or_studies", "outcome"}
ADDITIVE_SPLIT_COLUMNS = {"started", "ended", "to_work_or_studies"}


def periods_of_year(year: int) -> list[Period]:
    """The published standard periods of YEAR (the year first)."""
    return published_periods(year)


def partitions(year: int) -> list[tuple[str, list[str]]]:
    """(parent label, labels of the periods it is the disjoint union of), among the published
    periods of YEAR."""
    halves = [f"{year}-H1", f"{year}-H2"]
    quarters = [f"{year}-Q{q}" for q in range(1, 5)]
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    found = [(str(year), halves), (str(year), quarters), (str(year), months),
             (halves[0], quarters[:2]), (halves[1], quarters[2:])]
    found += [(quarters[q], months[3 * q:3 * q + 3]) for q in range(4)]
    labels = {period.label for period in published_periods(year)}
    return [(parent, parts) for parent, parts in found
            if parent in labels and labels.issuperset(parts)]


def joint_year(period: Period) -> int | None:
    """The year whose joint pattern PERIOD reads, or None when PERIOD is not published."""
    return period.start.year if published(period) is not None else None


def _additive(key: tuple) -> bool:
    if key[0] == "split":
        return key[-1] in ADDITIVE_SPLIT_COLUMNS
    if key[0] == "occupied":
        return len(key) == 3  # the period's place-days; month rows are tied by aliases below
    return key[0] in ADDITIVE


def _relabel(key: tuple, label: str) -> tuple:
    return (key[0], key[1], label, *key[3:])


def cross_relations(values: dict, periods: list[Period], eq) -> list[Relation]:
    """The identities between the periods of one year (see the module's docstring). EQ is
    publication._eq: sum(parts) == sum(totals), written only when the figures satisfy it."""
    year = periods[0].start.year
    found = []
    by_label: dict = {}
    for key in values:
        by_label.setdefault(key[2], []).append(key)
    for parent, parts in partitions(year):
        for key in by_label.get(parent, []):
            if _additive(key):
                relation = eq(values, [_relabel(key, part) for part in parts], [key])
                if relation:
                    found.append(relation)
            if key[0] == "participants":
                found += _between(values, key, [_relabel(key, part) for part in parts])
    # A month's row in every period's month table (and the month's own figure, when months
    # are published) is one number.
    months: dict = {}
    for key in values:
        if key[0] == "occupied" and len(key) == 4:
            months.setdefault((key[1], key[3]), [("occupied", key[1], key[3])]).append(key)
    for keys in months.values():
        present = [key for key in keys if key in values]
        found += [relation for key in present[1:] if (relation := eq(values, [key], [present[0]]))]
    found += _same_day(values, periods, eq)
    return found


def _between(values: dict, whole: tuple, parts: list) -> list[Relation]:
    """part ≤ whole ≤ sum(parts) for persons (participants) over periods."""
    parts = [key for key in parts if key in values]
    found = [Relation(((part, 1), (whole, -1)), "le", 0) for part in parts
             if values[part] <= values[whole]]
    if parts and values[whole] <= sum(values[part] for part in parts):
        found.append(Relation(((whole, 1), *((part, -1) for part in parts)), "le", 0))
    return found


def _same_day(values: dict, periods: list[Period], eq) -> list[Relation]:
    """Participants at the start (end) of periods that start (end) on the same day."""
    found = []
    for measure, day in (("active_at_start", "start"), ("active_at_end", "end")):
        groups: dict = {}
        for period in periods:
            groups.setdefault(getattr(period, day), []).append(period.label)
        pids = {key[1] for key in values if key[0] == measure}
        for labels in groups.values():
            for pid in pids:
                first = (measure, pid, labels[0])
                for label in labels[1:]:
                    relation = eq(values, [(measure, pid, label)], [first])
                    if relation:
                        found.append(relation)
    return found
