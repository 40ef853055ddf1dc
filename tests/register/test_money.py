"""Money arithmetic: exact kronor, indexation, shares (property-based and against seed 004)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from samverka.budgets import money
from samverka.budgets.statement import LineInput, build_statement

amounts = st.integers(min_value=0, max_value=10**9)
rates = st.decimals(min_value=0, max_value=20, places=2)


def test_seed_004_hours_times_rate():
    # 20 h/v × 40 v = 800 h; 800 h × 265 kr = 212 000 kr (seed 004's table)
    assert money.hours_per_year(Decimal(20), 40) == 800
    assert money.hours_amount(Decimal(20), 40, Decimal(265)) == 212_000
    assert money.hours_amount(Decimal(12), 40, Decimal(265)) == 127_200
    assert money.hours_amount(Decimal(6), 40, Decimal(265)) == 63_600


def test_seed_004_indexation_of_the_total():
    # 664 800 kr × 1,02 = 678 096 kr for 2022 (seed 004: +2 % each new calendar year)
    assert money.indexed_amount(664_800, Decimal("2"), 1) == 678_096


def test_rounding_is_half_up_to_whole_kronor():
    assert money.round_kronor(Decimal("10.5")) == 11
    assert money.round_kronor(Decimal("10.49")) == 10
    assert money.indexed_amount(25, Decimal("2"), 1) == 26  # 25.5 -> 26


@given(amounts)
def test_zero_indexation_changes_nothing(amount):
    assert money.indexed_amount(amount, Decimal("0"), 7) == amount


@given(amounts, rates, st.integers(min_value=0, max_value=10))
def test_indexation_never_lowers_and_is_exact_compounding(amount, rate, years):
    indexed = money.indexed_amount(amount, rate, years)
    assert indexed >= amount
    exact = Decimal(amount) * (1 + rate / 100) ** years
    assert abs(Decimal(indexed) - exact) <= Decimal("0.5")


@given(amounts, rates, st.integers(min_value=0, max_value=5))
def test_indexation_grows_with_years(amount, rate, years):
    assert money.indexed_amount(amount, rate, years + 1) >= money.indexed_amount(
        amount, rate, years
    )


@given(st.decimals(min_value=0, max_value=60, places=2), st.integers(min_value=0, max_value=52),
       st.integers(min_value=0, max_value=2000))
def test_hours_amount_is_hours_times_rate(per_week, weeks, rate):
    amount = money.hours_amount(per_week, weeks, Decimal(rate))
    assert abs(Decimal(amount) - per_week * weeks * rate) <= Decimal("0.5")


@given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=0, max_value=10**8))
def test_shares_of_two_parties_add_up_to_100(part, rest):
    total = part + rest
    if total == 0:
        assert money.share_percent(part, total) is None
        return
    first = money.share_percent(part, total)
    second = money.share_percent(rest, total)
    assert Decimal("99.9") <= first + second <= Decimal("100.1")
    assert Decimal(0) <= first <= Decimal(100)


def test_formatting_the_swedish_way():
    assert money.format_kronor(2_368_800, sep=" ") == "2 368 800 kr"
    assert money.format_kronor(None) == "–"


def _line(party, amount, municipal):
    return LineInput("post", party, municipal, "other", not municipal, amount)


@given(st.lists(st.tuples(st.booleans(), amounts), min_size=1, max_size=8), rates,
       st.integers(min_value=0, max_value=6))
def test_statement_totals_are_sums_of_rounded_lines(lines, rate, steps):
    inputs = [_line("AN" if municipal else f"P{i}", amount, municipal)
              for i, (municipal, amount) in enumerate(lines)]
    statement = build_statement(2020 + steps, 2020, rate, inputs)
    assert statement.total == sum(line.amount for line in statement.lines)
    assert statement.total == statement.municipality_total + statement.partner_total


def test_an_unknown_amount_makes_the_total_unknown_not_smaller():
    statement = build_statement(2019, 2019, Decimal(0), [_line("AN", 120_875, True),
                                                         _line("Kårservice", None, False)])
    assert statement.municipality_total == 120_875
    assert statement.total is None
    assert statement.municipality_share is None
