"""The symbols every output prints for published figures (core/numbers.format_published)."""

from decimal import Decimal

from samverka.core import numbers


def test_withheld_unknown_and_zero_have_their_own_symbols():
    assert numbers.format_published("..") == ".."
    assert numbers.format_published(None, "kronor") == "uppgift saknas"
    assert numbers.format_published(0) == "–"
    assert numbers.format_published(0, "kronor") == "–"


def test_a_rounded_rate_of_zero_is_not_printed_as_an_exact_zero():
    # 1 of 3 000 is 0,0 % after rounding: "–" would claim that nobody was counted.
    assert numbers.format_published(Decimal("0.0"), "percent") == "0,0 %"
    assert numbers.format_published(Decimal("0.0"), "decimal") == "0,0"


def test_figures_by_kind():
    assert numbers.format_published(2368800, "kronor") == "2 368 800 kr"
    assert numbers.format_published(Decimal("32.0"), "percent") == "32,0 %"
    assert numbers.format_published(1234) == "1 234"
    assert not numbers.is_suppressed("uppgift saknas")
    assert not numbers.is_suppressed(None)
