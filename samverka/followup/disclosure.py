"""Disclosure control for linked published figures: the attacker's LP audit and cell suppression.

No Django. Every figure an output publishes is a *cell* (any hashable key) with an integer value;
the figures are tied together by linear *relations* (a total is the sum of its parts, the referral
identity, a column is the sum over partnerships, a flow over a year is the sum over its months, a
published ratio pins its numerator to its denominator …). A *hidden* cell is one the output does
not show; every other cell is known to the reader.

The audit is the "attacker's problem" of statistical offices: for each hidden cell, minimise and
maximise its value over every non-negative real vector that agrees with all shown values and all
relations (linear programming, scipy's HiGHS). The result is the cell's feasible interval
[low, high]. See Hundepool et al., *Statistical Disclosure Control* (Wiley 2012,
doi:10.1002/9781118348239), ch. 4 (tabular data: protection levels, the attacker problem and
audits of suppression patterns); sdcTable's ``attack()`` (computes the attacker's lower/upper
bounds of suppressed cells, https://sdctools.github.io/sdcTable/) and τ-ARGUS (the suppression
patterns it produces are audited the same way).

Protection rule (a *sliding protection level* in Hundepool et al.'s terms, set to the threshold):

    every hidden cell's feasible interval has width  high − low ≥ threshold.

For a small cell (1 ≤ x < threshold) this implies the interval reaches 0 or the threshold:
low ≥ 0 and low ≤ x < threshold, so high ≥ threshold — the reader can neither tell that
anyone is in the cell nor that it is small. For a complementary cell it means the pattern does
not turn the cell into a published figure by another name. (The relaxation to real numbers is
the standard audit: an integer attacker can only do better by rounding the bounds inward, which
a width ≥ threshold on integers survives.)

``protect()`` chooses the pattern: primary suppression of counts 1..threshold−1 (plus any given
primary cells), then complementary cells until ``audit()`` finds no leak. A cheap necessary
condition runs first (every equality with hidden cells has at least two of them, and when they
all enter with the same sign their known sum is at least the threshold); the LP audit then
confirms and repairs. Choices are deterministic: smallest value first, then cells that appear
in more of the relations still in trouble, then the key's repr.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

_EPS = 1e-7


@dataclass(frozen=True)
class Relation:
    """sum(coefficient × cell) == constant ("eq") or <= constant ("le")."""

    terms: tuple[tuple[Hashable, int], ...]
    kind: str = "eq"
    constant: int = 0

    def __post_init__(self):
        if self.kind not in ("eq", "le"):
            raise ValueError(f"relation kind must be 'eq' or 'le', not {self.kind!r}")


@dataclass(frozen=True)
class Leak:
    """A hidden cell whose feasible interval is narrower than the rule allows."""

    key: Hashable
    value: int
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low


def total(total_key: Hashable, part_keys: Iterable[Hashable]) -> Relation:
    """total == sum(parts), the commonest relation."""
    return Relation(((total_key, 1),) + tuple((key, -1) for key in part_keys))


def at_least(big: Hashable, small: Hashable) -> Relation:
    """big >= small (e.g. occupied place-days >= participants)."""
    return Relation(((small, 1), (big, -1)), "le", 0)


# --- the attacker's problem -------------------------------------------------------------------


class _Problem:
    """The LP of one connected group of hidden cells."""

    def __init__(self, cells: list, rows: list[tuple[dict, str, float]]):
        self.cells = cells
        index = {key: i for i, key in enumerate(cells)}
        eq = [(coefs, const) for coefs, kind, const in rows if kind == "eq"]
        le = [(coefs, const) for coefs, kind, const in rows if kind == "le"]
        self.a_eq, self.b_eq = _matrix(eq, index)
        self.a_ub, self.b_ub = _matrix(le, index)

    def bound(self, i: int, sign: int):
        """Min (sign=1) or max (sign=-1) of cell i; returns (value, solution vector or None)."""
        c = np.zeros(len(self.cells))
        c[i] = sign
        result = linprog(
            c, A_ub=self.a_ub, b_ub=self.b_ub, A_eq=self.a_eq, b_eq=self.b_eq,
            bounds=(0, None), method="highs",
        )
        if result.status == 3:  # unbounded: only possible when maximising
            return math.inf, None
        if result.status != 0:
            raise ValueError(f"relations are inconsistent with the shown values: {result.message}")
        return sign * result.fun, result.x


def _matrix(rows, index):
    if not rows:
        return None, None
    a = np.zeros((len(rows), len(index)))
    b = np.zeros(len(rows))
    for r, (coefs, const) in enumerate(rows):
        for key, coef in coefs.items():
            a[r, index[key]] += coef
        b[r] = const
    return a, b


def _reduce(values: Mapping, relations: Iterable[Relation], hidden: set):
    """Each relation over its hidden cells, with the shown cells moved into the constant."""
    reduced = []
    for relation in relations:
        coefs: dict = defaultdict(int)
        const = relation.constant
        for key, coef in relation.terms:
            if key in hidden:
                coefs[key] += coef
            else:
                const -= coef * values[key]
        coefs = {key: coef for key, coef in coefs.items() if coef}
        if coefs:
            reduced.append((coefs, relation.kind, const))
    return reduced


def _components(hidden: set, reduced: list) -> list[tuple[list, list]]:
    """Connected groups of hidden cells (linked by a relation) with their relations."""
    parent = {key: key for key in hidden}

    def find(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for coefs, _kind, _const in reduced:
        keys = list(coefs)
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
    groups: dict = defaultdict(lambda: ([], []))
    for key in sorted(hidden, key=repr):
        groups[find(key)][0].append(key)
    for row in reduced:
        groups[find(next(iter(row[0])))][1].append(row)
    return list(groups.values())


def intervals(values: Mapping, relations: Iterable[Relation], hidden: set) -> dict:
    """Exact LP feasible interval (low, high) of each hidden cell.

    Given every shown value (values of the cells not in HIDDEN), all RELATIONS and values ≥ 0.
    high is math.inf when nothing bounds the cell from above.
    """
    result = {}
    for cells, rows in _components(set(hidden), _reduce(values, relations, set(hidden))):
        problem = _Problem(cells, rows)
        for i, key in enumerate(cells):
            result[key] = (problem.bound(i, 1)[0], problem.bound(i, -1)[0])
    return result


def audit(values: Mapping, relations: Iterable[Relation], hidden: set, threshold: int) -> list:
    """Hidden cells whose feasible interval is narrower than THRESHOLD, sorted by key.

    Feasible points found along the way (the true values first) already prove a width; a cell
    whose witnessed spread reaches the threshold needs no LP of its own.
    """
    hidden = set(hidden)
    leaks = []
    for cells, rows in _components(hidden, _reduce(values, relations, hidden)):
        leaks.extend(_audit_group(values, cells, rows, threshold))
    return sorted(leaks, key=lambda leak: repr(leak.key))


def _audit_group(values, cells, rows, threshold):
    problem = _Problem(cells, rows)
    seen_low = np.array([float(values[key]) for key in cells])
    seen_high = seen_low.copy()
    leaks = []
    for i, key in enumerate(cells):
        if seen_high[i] - seen_low[i] >= threshold - _EPS:
            continue
        low, point = problem.bound(i, 1)
        _widen(seen_low, seen_high, point)
        if seen_high[i] - low >= threshold - _EPS:
            continue
        high, point = problem.bound(i, -1)
        _widen(seen_low, seen_high, point)
        if high - low < threshold - _EPS:
            leaks.append(Leak(key, int(values[key]), float(low), float(high)))
    return leaks


def _widen(low, high, point):
    if point is not None:
        np.minimum(low, point, out=low)
        np.maximum(high, point, out=high)


# --- choosing the suppression pattern ---------------------------------------------------------


def protect(
    values: Mapping, relations: Iterable[Relation], threshold: int, primary: set | None = None
) -> set:
    """The cells to withhold so that audit(values, relations, result, threshold) finds no leak.

    Primary cells are the counts 1..threshold−1 and PRIMARY; complementary cells are added by
    the cheap pass, then by LP repair. If no pattern can protect a cell (all its neighbours are
    already hidden) the pattern returned is the best found; audit() then still reports it.
    """
    relations = list(relations)
    hidden = {key for key, value in values.items() if 0 < value < threshold}
    hidden |= set(primary or ())
    if not hidden:
        return hidden
    by_cell = defaultdict(list)
    for relation in relations:
        for key, _coef in relation.terms:
            by_cell[key].append(relation)
    _cheap_pass(values, relations, hidden, threshold)
    while True:
        leaks = audit(values, relations, hidden, threshold)
        if not leaks:
            return hidden
        added = _repair(values, by_cell, hidden, leaks)
        if not added:
            return hidden
        _cheap_pass(values, relations, hidden, threshold)


def _order(values, trouble_count):
    return lambda key: (values[key], -trouble_count.get(key, 0), repr(key))


def _cheap_pass(values, relations, hidden, threshold):
    """Satisfy the necessary condition on every equality (adds cells to HIDDEN in place)."""
    equalities = [relation for relation in relations if relation.kind == "eq"]
    while True:
        troubled = [r for r in equalities if _cheap_fails(values, r, hidden, threshold)]
        counts: dict = defaultdict(int)
        for relation in troubled:
            for key, _coef in relation.terms:
                if key not in hidden:
                    counts[key] += 1
        added = False
        for relation in troubled:
            if _cheap_fails(values, relation, hidden, threshold):
                key = _cheap_choice(values, relation, hidden, threshold, counts)
                if key is not None:
                    hidden.add(key)
                    added = True
        if not added:
            return


def _hidden_terms(relation, hidden):
    coefs: dict = defaultdict(int)
    for key, coef in relation.terms:
        if key in hidden:
            coefs[key] += coef
    return {key: coef for key, coef in coefs.items() if coef}


def _cheap_fails(values, relation, hidden, threshold) -> bool:
    coefs = _hidden_terms(relation, hidden)
    if not coefs:
        return False
    if len(coefs) == 1:
        return True
    signs = {coef > 0 for coef in coefs.values()}
    if len(signs) == 2:
        return False
    # Same sign: each hidden cell is at most the known hidden sum over its coefficient.
    hidden_sum = sum(abs(coef) * values[key] for key, coef in coefs.items())
    return any(hidden_sum / abs(coef) < threshold for coef in coefs.values())


def _cheap_choice(values, relation, hidden, threshold, counts):
    """The shown cell of RELATION whose hiding best fixes it, or None."""
    shown = sorted({key for key, coef in relation.terms if key not in hidden and coef},
                   key=_order(values, counts))
    if not shown:
        return None
    for key in shown:
        if not _cheap_fails(values, relation, hidden | {key}, threshold):
            return key
    return shown[0]


def _repair(values, by_cell, hidden, leaks) -> bool:
    """Hide one more shown cell next to each leak; False when none is left."""
    added = False
    counts: dict = defaultdict(int)
    for leak in leaks:
        for relation in by_cell[leak.key]:
            for key, _coef in relation.terms:
                if key not in hidden:
                    counts[key] += 1
    for leak in leaks:
        if leak.key not in hidden:
            continue
        candidates = _neighbours(by_cell, hidden, leak.key)
        if candidates:
            hidden.add(min(candidates, key=_order(values, counts)))
            added = True
    return added


def _neighbours(by_cell, hidden, start):
    """Shown cells in relations of START's hidden group (breadth first, nearest ring first)."""
    seen, frontier = {start}, [start]
    while frontier:
        ring = set()
        next_frontier = []
        for key in frontier:
            for relation in by_cell[key]:
                for other, _coef in relation.terms:
                    if other in seen:
                        continue
                    seen.add(other)
                    if other in hidden:
                        next_frontier.append(other)
                    else:
                        ring.add(other)
        if ring:
            return ring
        frontier = next_frontier
    return set()
