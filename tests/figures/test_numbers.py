"""One rounding and formatting rule: half up to one decimal, decimal comma, 'uppgift saknas'."""

import datetime as dt
from decimal import Decimal

from django.utils import translation

from samverka.core import numbers
from samverka.core.templatetags.samverka_tags import kr, percent
from samverka.followup.published import _share
from samverka.followup.report import cell, pct
from samverka.followup.report import kr as report_kr

NBSP = "\u00a0"


def test_five_of_eighty_is_six_point_three_percent_everywhere():
    # 6.25 exactly: half up gives 6.3; float round() gave 6.2 (banker's rounding of 6.25).
    assert numbers.percent(5, 80) == Decimal("6.3")
    assert _share(5, 80) == 6.3
    assert numbers.format_percent(numbers.percent(5, 80)) == "6,3 %"
    assert pct(_share(5, 80)) == "6,3 %"
    with translation.override("sv"):
        assert percent(Decimal("6.25")) == f"6,3{NBSP}%"


def test_half_up_on_the_other_cases():
    assert numbers.percent(11_712, 36_600) == Decimal("32.0")
    assert numbers.percent(1, 8) == Decimal("12.5")
    assert numbers.percent(1, 3) == Decimal("33.3")
    assert numbers.percent(2, 3) == Decimal("66.7")
    assert numbers.percent(None, 3) is None and numbers.percent(1, 0) is None
    assert numbers.per_unit(2_018_122, 100) == 20_181
    assert numbers.per_unit(1_100_000, 14) == 78_571
    assert numbers.per_unit(None, 14) is None


def test_swedish_forms_and_unknown():
    assert numbers.format_kronor(2_368_800) == "2 368 800 kr"
    assert numbers.format_kronor(None) == "uppgift saknas"
    assert numbers.format_percent(Decimal("32.0")) == "32,0 %"
    assert numbers.format_date(dt.date(2024, 1, 1)) == "2024-01-01"
    assert numbers.decimal_text(Decimal("20.25")) == "20,3"
    assert report_kr(None) == "uppgift saknas"
    assert report_kr(4_690_100) == "4 690 100 kr"
    with translation.override("sv"):
        assert kr(None) == "uppgift saknas"
        assert kr(2_368_800) == f"2{NBSP}368{NBSP}800{NBSP}kr"


def test_no_decimal_point_beside_decimal_commas_in_the_report():
    assert cell(Decimal("20.2")) == "20,2"
    assert cell(20.2) == "20,2"
    assert cell(1234) == "1 234"
    assert "." not in cell(Decimal("181.0"))


def test_an_unknown_part_makes_the_sum_unknown():
    assert numbers.sum_known([290_100, 1_900_000, 2_500_000]) == 4_690_100
    assert numbers.sum_known([290_100, None, 1_900_000, 2_500_000, None]) is None
