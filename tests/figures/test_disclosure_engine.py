"""The disclosure engine on hand-made tables whose feasible intervals are known by hand."""

import math

import pytest

from samverka.followup.disclosure import Leak, Relation, at_least, audit, intervals, protect, total


def table(cells: dict[tuple[str, str], int]):
    """A two-way table with row, column and grand totals; returns (values, relations)."""
    rows = sorted({r for r, _c in cells})
    cols = sorted({c for _r, c in cells})
    values = dict(cells)
    relations = []
    for r in rows:
        values[(r, "T")] = sum(cells[(r, c)] for c in cols)
        relations.append(total((r, "T"), [(r, c) for c in cols]))
    for c in cols + ["T"]:
        values[("T", c)] = sum(values[(r, c)] for r in rows)
        relations.append(total(("T", c), [(r, c) for r in rows]))
    return values, relations


TWO_BY_TWO = {("a", "x"): 3, ("a", "y"): 10, ("b", "x"): 8, ("b", "y"): 20}


def test_one_hidden_cell_is_exact():
    values, relations = table(TWO_BY_TWO)
    assert intervals(values, relations, {("a", "x")}) == {("a", "x"): (3, 3)}
    assert audit(values, relations, {("a", "x")}, 5) == [Leak(("a", "x"), 3, 3, 3)]


def test_two_hidden_in_one_row_and_column_are_still_exact():
    values, relations = table(TWO_BY_TWO)
    hidden = {("a", "x"), ("a", "y")}  # one row: each column total gives them back
    assert intervals(values, relations, hidden) == {("a", "x"): (3, 3), ("a", "y"): (10, 10)}
    hidden = {("a", "x"), ("b", "x")}  # one column
    assert intervals(values, relations, hidden) == {("a", "x"): (3, 3), ("b", "x"): (8, 8)}


def test_four_hidden_in_a_rectangle_are_protected():
    values, relations = table(TWO_BY_TWO)
    hidden = set(TWO_BY_TWO)
    found = intervals(values, relations, hidden)
    # a,x can move by d with a,y −d, b,x −d, b,y +d: d in [−3, +8] since a,y=10, b,x=8.
    assert found[("a", "x")] == (0, 11)
    assert found[("b", "y")] == (17, 28)
    assert audit(values, relations, hidden, 5) == []


def test_a_small_rectangle_is_not_enough():
    values, relations = table({("a", "x"): 1, ("a", "y"): 1, ("b", "x"): 1, ("b", "y"): 30})
    leaks = audit(values, relations, {("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")}, 5)
    # a,x can only range over [0, 2]: the row total 2 bounds it.
    assert [leak.key for leak in leaks] == [("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")]
    assert leaks[0].low == 0 and leaks[0].high == 2


def test_unbounded_cell_without_relations():
    assert intervals({"a": 3}, [], {"a"}) == {"a": (0, math.inf)}


def test_inequality_bounds_a_hidden_count():
    # participants (hidden, 3) <= place-days (shown, 4): interval [0, 4] is too narrow.
    values = {"participants": 3, "place_days": 4}
    relations = [at_least("place_days", "participants")]
    assert intervals(values, relations, {"participants"}) == {"participants": (0, 4)}
    assert audit(values, relations, {"participants"}, 5)[0].high == 4
    values["place_days"] = 400
    assert audit(values, relations, {"participants"}, 5) == []


def test_derived_ratio_gives_back_the_denominator():
    # cost 120 000 kr and a published cost per participant of 40 000 kr (rounded to whole
    # kronor): (2c−1)·n ≤ 2C ≤ (2c+1)·n pins n to 3.
    cost, per = 120_000, 40_000
    values = {"n": 3}
    relations = [
        Relation((("n", 2 * per - 1),), "le", 2 * cost),
        Relation((("n", -(2 * per + 1)),), "le", -2 * cost),
    ]
    low, high = intervals(values, relations, {"n"})["n"]
    assert 2.99 < low <= 3 <= high < 3.01
    assert audit(values, relations, {"n"}, 5)[0].key == "n"


def test_protect_adds_complementary_cells_until_the_audit_is_clean():
    values, relations = table(TWO_BY_TWO)
    hidden = protect(values, relations, 5)
    assert ("a", "x") in hidden and len(hidden) >= 4
    assert audit(values, relations, hidden, 5) == []


def test_protect_takes_given_primary_cells_and_is_deterministic():
    values, relations = table({("a", "x"): 7, ("a", "y"): 10, ("b", "x"): 8, ("b", "y"): 20})
    first = protect(values, relations, 5, primary={("b", "y")})
    assert ("b", "y") in first and audit(values, relations, first, 5) == []
    assert protect(values, relations, 5, primary={("b", "y")}) == first


def test_protect_hides_nothing_without_small_cells():
    values, relations = table({("a", "x"): 7, ("a", "y"): 10, ("b", "x"): 0, ("b", "y"): 20})
    assert protect(values, relations, 5) == set()


def test_zero_total_hides_small_parts_and_the_total():
    # Two small parts summing to 4 under a total: the total must go too (or a big sibling).
    values = {"t": 4, "a": 1, "b": 3}
    relations = [total("t", ["a", "b"])]
    hidden = protect(values, relations, 5)
    assert audit(values, relations, hidden, 5) == [] or hidden == {"t", "a", "b"}
    assert "t" in hidden


@pytest.mark.parametrize("seed", [1])
def test_protect_covers_a_partnership_year_of_periods(seed):
    """~20 standard periods × ~60 cells, months adding up to quarters, halves and the year.
    A withheld zero that can be worked out gives nobody away (protect() leaves it)."""
    import random

    rng = random.Random(seed)
    values, relations = {}, []
    groups = [f"g{i}" for i in range(12)]
    for month in range(1, 13):
        for g in groups:
            for s in ("w", "m"):
                values[(month, g, s)] = rng.choice([0, 0, 1, 2, 3, 6, 9, 14, 25])
    periods = {f"Q{q}": range(3 * q - 2, 3 * q + 1) for q in range(1, 5)}
    periods |= {"H1": range(1, 7), "H2": range(7, 13), "Y": range(1, 13)}
    for name, months in periods.items():
        for g in groups:
            for s in ("w", "m"):
                values[(name, g, s)] = sum(values[(m, g, s)] for m in months)
                relations.append(total((name, g, s), [(m, g, s) for m in months]))
    for period in list(range(1, 13)) + list(periods):
        for s in ("w", "m"):
            values[(period, "T", s)] = sum(values[(period, g, s)] for g in groups)
            relations.append(total((period, "T", s), [(period, g, s) for g in groups]))
        for g in groups + ["T"]:
            values[(period, g, "T")] = values[(period, g, "w")] + values[(period, g, "m")]
            relations.append(total((period, g, "T"), [(period, g, "w"), (period, g, "m")]))
    hidden = protect(values, relations, 5)
    assert [leak for leak in audit(values, relations, hidden, 5) if leak.value] == []
    assert any(0 < values[key] < 5 for key in hidden)


def test_highs_banner_stays_off_the_standard_output():
    """`samverka followup --format json | jq` broke: the first HiGHS instance of a process
    printed its banner on the standard output, before the JSON."""
    import subprocess
    import sys

    code = ("from samverka.followup.disclosure import _highs; _highs(); _highs(); "
            "print('{}')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout == "{}\n"
    assert "HiGHS" in done.stderr
