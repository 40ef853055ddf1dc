"""Group progression statistics compared with scipy on the same data."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from samverka.impact import progression_stats as ps

# Ten persons' first and latest scores on a 1–5 scale (ties and zero changes, as real data has).
FIRST = [1, 2, 2, 3, 1, 2, 4, 3, 2, 1]
LATEST = [3, 3, 2, 4, 2, 4, 4, 2, 3, 3]
CHANGES = [b - a for a, b in zip(FIRST, LATEST, strict=True)]  # 2 1 0 1 1 2 0 −1 1 2


def test_mean_change_and_interval_by_hand_and_against_scipy():
    # mean = (2+1+0+1+1+2+0−1+1+2)/10 = 0,9; s² = Σ(d − 0,9)² / 9 = 8,9 / 9
    result = ps.mean_change(CHANGES)
    assert result.mean == pytest.approx(0.9)
    half = stats.t.ppf(0.975, 9) * math.sqrt(8.9 / 9 / 10)
    assert (result.low, result.high) == pytest.approx((0.9 - half, 0.9 + half))
    interval = stats.ttest_rel(LATEST, FIRST).confidence_interval(0.95)
    assert (result.low, result.high) == pytest.approx((interval.low, interval.high))


def test_shares():
    assert ps.shares(CHANGES) == ps.Shares(improved=7, stayed=2, declined=1)


def test_wilcoxon_against_scipy_on_the_example():
    ours = ps.wilcoxon(CHANGES)
    theirs = stats.wilcoxon(LATEST, FIRST)
    assert ours.method == "permutation"
    assert ours.statistic == pytest.approx(theirs.statistic)
    assert ours.p_value == pytest.approx(theirs.pvalue)


def test_average_ranks_against_scipy():
    values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
    assert ps.average_ranks(values) == pytest.approx(list(stats.rankdata(values)))


def test_no_change_at_all_has_no_test():
    assert ps.wilcoxon([0, 0, 0]).p_value is None
    assert ps.mean_change([]).mean is None
    assert ps.mean_change([2]).low is None


def test_small_groups_are_suppressed():
    summary = ps.summarise([(1, 2)] * 4, threshold=5)
    assert summary.suppressed and summary.change is None and summary.n == 4
    assert not ps.summarise([(1, 2)] * 5, threshold=5).suppressed


changes = st.lists(st.integers(min_value=-4, max_value=4), min_size=2, max_size=40)


@settings(max_examples=200, deadline=None)
@given(changes)
def test_interval_matches_scipy(values):
    ours = ps.mean_change(values)
    if len(set(values)) == 1:
        assert ours.low == pytest.approx(ours.mean) and ours.high == pytest.approx(ours.mean)
        return
    interval = stats.ttest_1samp(values, 0).confidence_interval(0.95)
    assert (ours.low, ours.high) == pytest.approx((interval.low, interval.high), rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(changes)
def test_wilcoxon_matches_scipy_with_ties_and_zeros(values):
    ours = ps.wilcoxon(values)
    if all(value == 0 for value in values):
        assert ours.p_value is None
        return
    theirs = stats.wilcoxon(values)
    assert ours.statistic == pytest.approx(theirs.statistic)
    assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-9, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(min_value=-10, max_value=10, allow_nan=False).filter(bool),
                min_size=1, max_size=30, unique_by=abs))
def test_wilcoxon_exact_without_ties_matches_scipy(values):
    ours = ps.wilcoxon(values)
    assert ours.method == "exact"
    theirs = stats.wilcoxon(values)
    assert ours.statistic == pytest.approx(theirs.statistic)
    assert ours.p_value == pytest.approx(theirs.pvalue, rel=1e-9)
