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
confirms and repairs, one leak at a time, with the cheapest change of the whole table that
moves the leaking cell (one HiGHS model, hot-started). Choices are deterministic: the lightest
cell first (an optional weight per cell), then the smallest value, then the key's repr. A
withheld zero needs no protection of its own: it gives nobody away.
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
        if _highs_available():
            return self._bound_highs(i, sign)
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

    def _bound_highs(self, i: int, sign: int):
        """The same LP kept in one HiGHS instance: only the objective changes between the
        bounds of a group, so each solve starts from the previous basis (hot start)."""
        import highspy

        solver = self._solver()
        if self._last is not None:
            solver.changeColCost(self._last, 0.0)
        solver.changeColCost(i, float(sign))
        self._last = i
        solver.run()
        status = solver.getModelStatus()
        if status == highspy.HighsModelStatus.kUnbounded:
            return math.inf, None
        if status != highspy.HighsModelStatus.kOptimal:
            raise ValueError(f"relations are inconsistent with the shown values: {status}")
        value = solver.getInfo().objective_function_value
        return sign * value, np.array(solver.getSolution().col_value)

    def _solver(self):
        if getattr(self, "_highs", None) is not None:
            return self._highs
        import highspy

        solver = _highs()
        n = len(self.cells)
        solver.addVars(n, np.zeros(n), np.full(n, highspy.kHighsInf))
        for matrix, rhs, equal in ((self.a_eq, self.b_eq, True), (self.a_ub, self.b_ub, False)):
            if matrix is None:
                continue
            matrix = matrix.tocsr()
            lower = rhs if equal else np.full(len(rhs), -highspy.kHighsInf)
            solver.addRows(matrix.shape[0], lower, rhs, matrix.nnz, matrix.indptr[:-1],
                           matrix.indices, matrix.data)
        self._highs, self._last = solver, None
        return solver

    def point(self, c, box):
        """A feasible point minimising C inside BOX (upper bounds), or None."""
        result = linprog(
            c, A_ub=self.a_ub, b_ub=self.b_ub, A_eq=self.a_eq, b_eq=self.b_eq,
            bounds=[(0, high) for high in box], method="highs",
        )
        return result.x if result.status == 0 else None


_banner_shown = False


def _highs():
    """A silent HiGHS instance. The first one in a process prints HiGHS's banner on the
    standard output before any option can be set; `samverka followup --format json` writes its
    JSON there, so that first one is made with the standard output sent to the standard error."""
    import os
    import sys

    import highspy

    global _banner_shown
    if _banner_shown:
        solver = highspy.Highs()
    else:
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            os.dup2(2, 1)
            solver = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        _banner_shown = True
    solver.setOptionValue("output_flag", False)
    return solver


def _highs_available() -> bool:
    try:
        import highspy  # noqa: F401
    except ImportError:
        return False
    return True


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
    _witnesses(problem, cells, seen_low, seen_high, threshold, only)
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


def _witnesses(problem, cells, seen_low, seen_high, threshold, only):
    """Widen the witnessed spreads of many cells at once: feasible points that push the sum of
    the unproven cells down, then up inside a box (each cell at most its value + threshold, so
    the point exists; any feasible point is a witness). Exact: a cell counts as proven only by
    two feasible points at least the threshold apart; the rest get their own LPs."""
    wanted = [i for i, key in enumerate(cells) if only is None or key in only]
    box = seen_low + threshold
    for _round in range(3):
        todo = [i for i in wanted if seen_high[i] - seen_low[i] < threshold - _EPS]
        if len(todo) < 3:
            return
        for sign in (1, -1):
            c = np.zeros(len(cells))
            c[todo] = sign
            _widen(seen_low, seen_high, problem.point(c, box))
        if all(seen_high[i] - seen_low[i] < threshold - _EPS for i in todo):
            return


def _widen(low, high, point):
    if point is not None:
        np.minimum(low, point, out=low)
        np.maximum(high, point, out=high)


# --- choosing the suppression pattern ---------------------------------------------------------


def protect(
    values: Mapping, relations: Iterable[Relation], threshold: int, primary: set | None = None,
    weight=None,
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

    WEIGHT (key -> number ≥ 1, default 1) makes some cells dearer to withhold as complements:
    the cheap pass takes the lightest cell that fixes a relation, the perturbation's cost per
    unit is (value + 1) × weight. The publication layer weights the year's figures, so that a
    half-year's small cell is covered within the half-years where it can be.
    """
    weight = weight or (lambda key: 1)
    relations = list(relations)
    hidden = {key for key, value in values.items() if 0 < value < threshold}
    hidden |= set(primary or ())
    if not hidden:
        return hidden
    _cheap_pass(values, relations, hidden, threshold, weight)
    repair = _Perturbation(values, relations, threshold, weight)
    safe: set = set()
    while True:
        unproven = hidden - safe
        # A withheld zero (a complement) that can be worked out gives nobody away; the
        # counts it protects are audited themselves.
        leaks = [leak for leak in audit(values, relations, hidden, threshold, only=unproven)
                 if leak.value]
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
    almost nothing for hidden ones. Any solution is a change of the whole table that keeps every
    relation, so it proves the moved cell's width exactly.

    One HiGHS model serves every leak: between two leaks only the moved cell's bounds and the
    costs of newly hidden cells change, so each solve starts from the previous basis (hot
    start) instead of building and solving a new LP.
    """

    def __init__(self, values, relations, threshold, weight):
        self.threshold = threshold
        self.cells = sorted(values, key=repr)
        self.weights = np.array([float(weight(cell)) for cell in self.cells])
        self.index = {cell: i for i, cell in enumerate(self.cells)}
        self.values = np.array([float(values[cell]) for cell in self.cells])
        self.relations = list(relations)
        self.cheap: set = set()
        self.highs = None

    def _model(self):
        import highspy

        n = len(self.cells)
        highs = _highs()
        cost = (self.values + 1.0) * self.weights
        highs.addVars(2 * n, np.zeros(2 * n),
                      np.concatenate([np.full(n, highspy.kHighsInf), self.values]))
        highs.changeColsCost(2 * n, np.arange(2 * n, dtype=np.int32), np.concatenate([cost, cost]))
        rows, cols, data, lower, upper = [], [], [], [], []
        for r, relation in enumerate(self.relations):
            for key, coef in relation.terms:
                j = self.index[key]
                rows += [r, r]
                cols += [j, n + j]
                data += [coef, -coef]
            if relation.kind == "eq":
                lower.append(0.0)
                upper.append(0.0)
            else:
                slack = relation.constant - sum(c * self.values[self.index[k]]
                                                for k, c in relation.terms)
                lower.append(-highspy.kHighsInf)
                upper.append(float(slack))
        if self.relations:
            matrix = csr_matrix((data, (rows, cols)), shape=(len(self.relations), 2 * n))
            highs.addRows(len(self.relations), np.array(lower), np.array(upper), matrix.nnz,
                          matrix.indptr[:-1], matrix.indices, matrix.data)
        return highs

    def _mark_hidden(self, hidden):
        new = [self.index[key] for key in hidden if key not in self.cheap]
        if new:
            n = len(self.cells)
            cols = np.array(new + [n + j for j in new], dtype=np.int32)
            self.highs.changeColsCost(len(cols), cols, np.full(len(cols), 1e-3))
            self.cheap |= {key for key in hidden}

    def cells_to_hide(self, key, hidden) -> set | None:
        """Shown cells of the cheapest perturbation of KEY (up, else down); None if none."""
        if self.highs is None:
            self.highs = self._model()
        self._mark_hidden(hidden)
        for direction in (1, -1):
            moved = self._solve(self.index[key], direction)
            if moved is not None:
                return {self.cells[j] for j in moved} - set(hidden)
        return None

    def _solve(self, i, direction):
        import highspy

        n, t, value = len(self.cells), float(self.threshold), self.values[i]
        if direction < 0 and value < t:
            return None
        up, down = ((t, t), (0.0, 0.0)) if direction > 0 else ((0.0, 0.0), (t, value))
        self.highs.changeColBounds(i, *up)
        self.highs.changeColBounds(n + i, *down)
        self.highs.run()
        optimal = self.highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
        x = np.array(self.highs.getSolution().col_value) if optimal else None
        self.highs.changeColBounds(i, 0.0, highspy.kHighsInf)
        self.highs.changeColBounds(n + i, 0.0, value)
        if x is None:
            return None
        move = x[:n] + x[n:]
        return [j for j in np.flatnonzero(move > _EPS) if j != i]


def _cheap_pass(values, relations, hidden, threshold, weight):
    """Satisfy the necessary condition on every equality (adds cells to HIDDEN in place)."""
    equalities = [relation for relation in relations if relation.kind == "eq"]
    while True:
        troubled = [r for r in equalities if _cheap_fails(values, r, hidden, threshold)]
        added = False
        for relation in troubled:
            if _cheap_fails(values, relation, hidden, threshold):
                key = _cheap_choice(values, relation, hidden, threshold, weight)
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
    if not coefs or not any(values[key] for key in coefs):
        return False  # nothing hidden, or only zeros: a withheld zero gives nobody away
    if len(coefs) == 1:
        return True
    signs = {coef > 0 for coef in coefs.values()}
    if len(signs) == 2:
        return False
    # Same sign: each hidden cell is at most the known hidden sum over its coefficient.
    hidden_sum = sum(abs(coef) * values[key] for key, coef in coefs.items())
    return any(hidden_sum / abs(coef) < threshold for coef in coefs.values())


def _cheap_choice(values, relation, hidden, threshold, weight):
    """The lightest, then smallest shown cell of RELATION that fixes it, else the last;
    None if none."""
    shown = sorted({key for key, coef in relation.terms if key not in hidden and coef},
                   key=lambda key: (weight(key), values[key], repr(key)))
    for key in shown:
        if not _cheap_fails(values, relation, hidden | {key}, threshold):
            return key
    return shown[-1] if shown else None
