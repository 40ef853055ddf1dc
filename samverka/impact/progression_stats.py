"""Group progression: change from first to latest assessment per person. Pure: no Django.

Scales are ordered so that a higher step is better. For each dimension and group:

* the mean change with a 95 % confidence interval from the t distribution with n − 1 degrees of
  freedom: mean ± t(0.975, n − 1) × s / √n (s the sample standard deviation);
* how many improved (change > 0), stayed (= 0) and declined (< 0);
* the Wilcoxon signed-rank test of "no change", two-sided, zero changes dropped (Wilcoxon's
  method), ties given average ranks. The p-value is exact when there are no ties and no zero
  changes; with ties or zeros it is the exact sign-flip permutation p-value for up to 13
  persons, and the normal approximation with tie correction (no continuity correction) above
  that. These are the choices scipy.stats.wilcoxon makes by default; the tests compare.

Statistics use float (they are not money). The t quantile comes from scipy.
"""

import math
from collections import Counter
from dataclasses import dataclass

from scipy.stats import t as t_distribution

CONFIDENCE = 0.95
EXACT_MAX = 50
PERMUTATION_MAX = 13


@dataclass(frozen=True)
class MeanChange:
    n: int
    mean: float | None
    low: float | None  # None when n < 2
    high: float | None


@dataclass(frozen=True)
class Shares:
    improved: int
    stayed: int
    declined: int

    @property
    def total(self) -> int:
        return self.improved + self.stayed + self.declined


@dataclass(frozen=True)
class Wilcoxon:
    n: int  # persons with a non-zero change
    statistic: float | None  # min(R+, R−)
    p_value: float | None
    method: str  # "exact", "permutation", "normal", "" when there is nothing to test


def mean_change(changes) -> MeanChange:
    """The mean change with its 95 % t interval."""
    values = [float(value) for value in changes]
    n = len(values)
    if n == 0:
        return MeanChange(0, None, None, None)
    mean = sum(values) / n
    if n < 2:
        return MeanChange(n, mean, None, None)
    variance = sum((value - mean) ** 2 for value in values) / (n - 1)
    half = float(t_distribution.ppf((1 + CONFIDENCE) / 2, n - 1)) * math.sqrt(variance / n)
    return MeanChange(n, mean, mean - half, mean + half)


def shares(changes) -> Shares:
    values = list(changes)
    return Shares(
        improved=sum(1 for value in values if value > 0),
        stayed=sum(1 for value in values if value == 0),
        declined=sum(1 for value in values if value < 0),
    )


def average_ranks(values) -> list[float]:
    """Ranks 1…n of VALUES, ties sharing the average of their ranks."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def _sign_flip_distribution(half_ranks: list[int]) -> Counter:
    """How many of the 2^n sign assignments give each value of 2·R+ (ranks doubled to integers)."""
    counts = Counter({0: 1})
    for rank in half_ranks:
        step: Counter = Counter()
        for total, ways in counts.items():
            step[total] += ways
            step[total + rank] += ways
        counts = step
    return counts


def _two_sided(counts: Counter, observed: int) -> float:
    all_ways = sum(counts.values())
    below = sum(ways for total, ways in counts.items() if total <= observed)
    above = sum(ways for total, ways in counts.items() if total >= observed)
    return min(1.0, 2 * min(below, above) / all_ways)


def wilcoxon(changes) -> Wilcoxon:
    """The two-sided Wilcoxon signed-rank test that the median change is zero."""
    values = [float(value) for value in changes]
    nonzero = [value for value in values if value != 0]
    n = len(nonzero)
    if n == 0:
        return Wilcoxon(0, None, None, "")
    ranks = average_ranks([abs(value) for value in nonzero])
    r_plus = sum(rank for rank, value in zip(ranks, nonzero, strict=True) if value > 0)
    r_minus = sum(rank for rank, value in zip(ranks, nonzero, strict=True) if value < 0)
    statistic = min(r_plus, r_minus)
    ties = Counter(abs(value) for value in nonzero)
    has_ties = any(count > 1 for count in ties.values())
    has_zeros = n < len(values)
    if not (has_ties or has_zeros) and len(values) <= EXACT_MAX:
        method = "exact"
    elif len(values) <= PERMUTATION_MAX:
        method = "permutation"
    else:
        method = "normal"
    if method in ("exact", "permutation"):
        doubled = [round(2 * rank) for rank in ranks]
        p_value = _two_sided(_sign_flip_distribution(doubled), round(2 * r_plus))
    else:
        mean = n * (n + 1) / 4
        tie_term = sum(count**3 - count for count in ties.values())
        sd = math.sqrt((n * (n + 1) * (2 * n + 1) - tie_term / 2) / 24)
        z = (r_plus - mean) / sd
        p_value = min(1.0, math.erfc(abs(z) / math.sqrt(2)))
    return Wilcoxon(n, statistic, p_value, method)


@dataclass(frozen=True)
class DimensionSummary:
    """One dimension's group progression; `suppressed` when fewer persons than the threshold."""

    n: int
    suppressed: bool
    first_mean: float | None = None
    latest_mean: float | None = None
    change: MeanChange | None = None
    shares: Shares | None = None
    test: Wilcoxon | None = None


def summarise(pairs, threshold: int) -> DimensionSummary:
    """PAIRS of (first, latest) scores, one per person; nothing but n below THRESHOLD persons."""
    pairs = list(pairs)
    n = len(pairs)
    if n < threshold:
        return DimensionSummary(n=n, suppressed=True)
    differences = [latest - first for first, latest in pairs]
    return DimensionSummary(
        n=n, suppressed=False,
        first_mean=sum(first for first, _ in pairs) / n,
        latest_mean=sum(latest for _, latest in pairs) / n,
        change=mean_change(differences), shares=shares(differences), test=wilcoxon(differences),
    )
