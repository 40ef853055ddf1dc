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
from scipy.sparse import csr_matrix

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
    entries: dict = defaultdict(float)
    for r, (coefs, _const) in enumerate(rows):
        for key, coef in coefs.items():
            entries[(r, index[key])] += coef
    a = csr_matrix((list(entries.values()), tuple(zip(*entries, strict=True))),
                   shape=(len(rows), len(index)))
    return a, np.array([float(const) for _coefs, const in rows])


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


def audit(
    values: Mapping, relations: Iterable[Relation], hidden: set, threshold: int,
    only: set | None = None,
) -> list:
    """Hidden cells whose feasible interval is narrower than THRESHOLD, sorted by key.

    ONLY limits the check to those hidden cells (the others still take part in the LP).
    Feasible points found along the way (the true values first) already prove a width; a cell
    whose witnessed spread reaches the threshold needs no LP of its own.
    """
    hidden = set(hidden)
    leaks = []
    for cells, rows in _components(hidden, _reduce(values, relations, hidden)):
        if only is None or not only.isdisjoint(cells):
            leaks.extend(_audit_group(values, cells, rows, threshold, only))
    return sorted(leaks, key=lambda leak: repr(leak.key))


def _audit_group(values, cells, rows, threshold, only=None):
    problem = _Problem(cells, rows)
    seen_low = np.array([float(values[key]) for key in cells])
    seen_high = seen_low.copy()
    leaks = []
    for i, key in enumerate(cells):
        if only is not None and key not in only:
            continue
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

    Primary cells are the counts 1..threshold−1 and PRIMARY. The cheap pass adds complementary
    cells for the necessary condition; then each leak found by the audit is repaired by the
    cheapest *perturbation*: a change of the table that keeps every relation and every value
    ≥ 0 and moves the leaking cell by the threshold, costed by the values of the shown cells it
    touches (hidden cells are free, so cells hidden already are reused, and small cells are
    preferred). The shown cells it touches are hidden, which proves the leaking cell's width;
    the new cells are audited in turn. Hiding more cells never narrows an interval, so cells
    proven safe stay safe. If a cell cannot be protected (no perturbation exists) the pattern
    returned is the best found and audit() still reports the cell.
    """
    relations = list(relations)
    hidden = {key for key, value in values.items() if 0 < value < threshold}
    hidden |= set(primary or ())
    if not hidden:
        return hidden
    _cheap_pass(values, relations, hidden, threshold)
    repair = _Perturbation(values, relations, threshold)
    safe: set = set()
    while True:
        unproven = hidden - safe
        leaks = audit(values, relations, hidden, threshold, only=unproven)
        leaking = {leak.key for leak in leaks}
        safe |= unproven - leaking
        added = set()
        for leak in leaks:
            cells = repair.cells_to_hide(leak.key, hidden)
            if cells is None:
                safe.add(leak.key)  # cannot be protected; audit() keeps reporting it
                continue
            added |= cells
            hidden |= cells
            safe.add(leak.key)
        if not added:
            return hidden


class _Perturbation:
    """The LP of the cheapest change that moves one cell by the threshold.

    Variables: up and down moves (≥ 0) of every cell. Equalities keep their sums, inequalities
    keep their slack, no cell goes below 0; cost = value + 1 per unit moved for shown cells,
    almost nothing for hidden ones.
    """

    def __init__(self, values, relations, threshold):
        self.cells = sorted(values, key=repr)
        self.index = {key: i for i, key in enumerate(self.cells)}
        self.values = np.array([float(values[key]) for key in self.cells])
        self.threshold = threshold
        eq = [r for r in relations if r.kind == "eq"]
        le = [r for r in relations if r.kind == "le"]
        self.a_eq = self._signed(eq)
        self.a_ub = self._signed(le)
        self.b_ub = None
        if le:
            slack = [r.constant - sum(c * values[k] for k, c in r.terms) for r in le]
            self.b_ub = np.array(slack, dtype=float)

    def _signed(self, relations):
        if not relations:
            return None
        n = len(self.cells)
        rows, cols, data = [], [], []
        for r, relation in enumerate(relations):
            for key, coef in relation.terms:
                rows += [r, r]
                cols += [self.index[key], n + self.index[key]]
                data += [coef, -coef]
        return csr_matrix((data, (rows, cols)), shape=(len(relations), 2 * n))

    def cells_to_hide(self, key, hidden) -> set | None:
        """Shown cells of the cheapest perturbation of KEY (up, else down); None if none."""
        for direction in (1, -1):
            moved = self._solve(self.index[key], direction, hidden)
            if moved is not None:
                return {cell for cell in moved if cell not in hidden}
        return None

    def _solve(self, i, direction, hidden):
        n = len(self.cells)
        cost = np.array([1e-3 if key in hidden else value + 1.0
                         for key, value in zip(self.cells, self.values, strict=True)])
        if direction < 0 and self.values[i] < self.threshold:
            return None
        # Up moves are free above, down moves stop at 0; the cell itself moves by the threshold.
        bounds = [(0.0, None)] * n + [(0.0, value) for value in self.values]
        if direction > 0:
            bounds[i], bounds[n + i] = (self.threshold, self.threshold), (0.0, 0.0)
        else:
            bounds[i], bounds[n + i] = (0.0, 0.0), (self.threshold, self.values[i])
        result = linprog(
            np.concatenate([cost, cost]), A_ub=self.a_ub, b_ub=self.b_ub, A_eq=self.a_eq,
            b_eq=None if self.a_eq is None else np.zeros(self.a_eq.shape[0]),
            bounds=bounds, method="highs",
        )
        if result.status != 0:
            return None
        move = result.x[:n] + result.x[n:]
        return [self.cells[j] for j in range(n) if move[j] > _EPS and j != i]


def _cheap_pass(values, relations, hidden, threshold):
    """Satisfy the necessary condition on every equality (adds cells to HIDDEN in place)."""
    equalities = [relation for relation in relations if relation.kind == "eq"]
    while True:
        troubled = [r for r in equalities if _cheap_fails(values, r, hidden, threshold)]
        added = False
        for relation in troubled:
            if _cheap_fails(values, relation, hidden, threshold):
                key = _cheap_choice(values, relation, hidden, threshold)
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


def _cheap_choice(values, relation, hidden, threshold):
    """The smallest shown cell of RELATION that fixes it, else the largest; None if none."""
    shown = sorted({key for key, coef in relation.terms if key not in hidden and coef},
                   key=lambda key: (values[key], repr(key)))
    for key in shown:
        if not _cheap_fails(values, relation, hidden | {key}, threshold):
            return key
    return shown[-1] if shown else None
