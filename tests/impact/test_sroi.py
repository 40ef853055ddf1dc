"""SROI: worked examples computed by hand, and the method's properties by hypothesis."""

from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverka.impact import sroi
from samverka.impact.sroi import Outcome, SroiInputError

# Worked example 1 (discount rate 0 %): 10 persons in work, 100 000 kr each a year, 3 years,
# deadweight 20 %, displacement 0 %, attribution 25 %, drop-off 50 %.
#   year 1 = 10 × 100 000 × (1 − 0,20) × (1 − 0) × (1 − 0,25) = 1 000 000 × 0,8 × 0,75 = 600 000
#   year 2 = 600 000 × (1 − 0,50)                                                    = 300 000
#   year 3 = 300 000 × (1 − 0,50)                                                    = 150 000
#   PV = 600 000 + 300 000 + 150 000 = 1 050 000; inputs 700 000:
#   NPV = 350 000; ratio = 1 050 000 / 700 000 = 1,50; payback = 700 000 / (600 000 / 12) = 14,0 mån
WORK = Outcome("Arbete", quantity=D(10), proxy=D(100_000), duration=3, deadweight=D(20),
               displacement=D(0), attribution=D(25), drop_off=D(50))


def test_worked_example_without_discounting():
    result = sroi.calculate([WORK], inputs=700_000, discount_rate=D(0))
    assert [y.value for y in result.outcomes[0].years] == [600_000, 300_000, 150_000]
    assert result.present_value == 1_050_000
    assert result.net_present_value == 350_000
    assert result.ratio == D("1.50")
    assert result.payback_months == D("14.0")


def test_deflators_are_multiplied_not_added():
    # Worked example 2 (discount rate 25 %, chosen so that the division comes out exact):
    # 4 × 50 000 = 200 000; × (1 − 0,50) × (1 − 0,10) × (1 − 0,20) = 200 000 × 0,5 × 0,9 × 0,8
    #   = 72 000 in year 1 (adding the deflators, 50 + 10 + 20 = 80 %, would wrongly give 40 000)
    #   year 2 = 72 000 × (1 − 0,25) = 54 000
    #   PV = 72 000 / 1,25 + 54 000 / 1,25² = 57 600 + 54 000 / 1,5625 = 57 600 + 34 560 = 92 160
    #   inputs 46 080: ratio 2,00; NPV 46 080; payback = 46 080 × 12 / 72 000 = 7,68 ≈ 7,7 mån
    outcome = Outcome("Bättre hälsa", quantity=D(4), proxy=D(50_000), duration=2,
                      deadweight=D(50), displacement=D(10), attribution=D(20), drop_off=D(25))
    result = sroi.calculate([outcome], inputs=46_080, discount_rate=D(25))
    first, second = result.outcomes[0].years
    assert (first.value, first.discounted) == (72_000, 57_600)
    assert (second.value, second.discounted) == (54_000, 34_560)
    assert result.present_value == 92_160
    assert result.ratio == D("2.00")
    assert result.net_present_value == 46_080
    assert result.payback_months == D("7.7")


def test_two_outcomes_add_up():
    # Outcome B: 20 × 10 000 kr for 1 year, no deflators = 200 000. With example 1:
    # PV = 1 050 000 + 200 000 = 1 250 000; inputs 1 000 000 → ratio 1,25.
    language = Outcome("Svenska språket", quantity=D(20), proxy=D(10_000), duration=1)
    result = sroi.calculate([WORK, language], inputs=1_000_000, discount_rate=D(0))
    assert [o.present_value for o in result.outcomes] == [1_050_000, 200_000]
    assert result.present_value == 1_250_000
    assert result.ratio == D("1.25")


def test_each_outcome_is_rounded_once_and_the_total_is_their_sum():
    # 1 × 100 kr / 1,03 = 97,087… → 97 kr; two such outcomes: 194 kr (not round(194,17) = 194)
    # and 1 × 1 kr / 1,03 = 0,97 → 1 kr, so the total is 97 + 1 = 98 (unrounded 98,06).
    small = Outcome("a", D(1), D(100), 1)
    tiny = Outcome("b", D(1), D(1), 1)
    result = sroi.calculate([small, tiny], inputs=98, discount_rate=D(3))
    assert [o.present_value for o in result.outcomes] == [97, 1]
    assert result.present_value == 98
    assert result.ratio == D("1.00")


def test_break_even_values_by_hand():
    # Example 1, inputs 700 000, 0 %. Sum of the drop-off factors: 1 + 0,5 + 0,25 = 1,75.
    # proxy: 10 × 0,8 × 0,75 × 1,75 = 10,5 kr PV per krona of proxy → 700 000 / 10,5 = 66 666,67
    # quantity: 100 000 × 0,6 × 1,75 = 105 000 per person → 700 000 / 105 000 = 6,67
    # deadweight: PV at 0 % = 10 × 100 000 × 0,75 × 1,75 = 1 312 500; kept 700 000 / 1 312 500
    #   = 0,5333… → 46,67 %
    # attribution: PV at 0 % = 1 400 000 → kept 0,5 → 50,00 %
    # displacement: PV at 0 % = 1 050 000 → kept 0,6667 → 33,33 %
    # duration: 1 year gives 600 000 < 700 000, 2 years 900 000 → 2
    # drop-off: 600 000 × (1 + k + k²) = 700 000 → k² + k − 1/6 = 0 → k = (−1 + √(5/3)) / 2
    #   = 0,145497 → drop-off 85,45 %
    # inputs: PV = 1 050 000
    args = ([WORK], 700_000, D(0))
    assert sroi.break_even(*args, "proxy", 0).value == D("66666.67")
    assert sroi.break_even(*args, "quantity", 0).value == D("6.67")
    assert sroi.break_even(*args, "deadweight", 0).value == D("46.67")
    assert sroi.break_even(*args, "attribution", 0).value == D("50.00")
    assert sroi.break_even(*args, "displacement", 0).value == D("33.33")
    assert sroi.break_even(*args, "duration", 0).value == 2
    assert sroi.break_even(*args, "drop_off", 0).value == D("85.45")
    assert sroi.break_even(*args, "inputs").value == 1_050_000
    # discount rate r: 600 000/(1+r) + 300 000/(1+r)² + 150 000/(1+r)³ = 700 000
    rate = sroi.break_even(*args, "discount_rate").value
    assert sroi.calculate([WORK], 0, rate - D("0.01")).present_value_exact > 700_000
    assert sroi.calculate([WORK], 0, rate + D("0.01")).present_value_exact < 700_000


def test_break_even_out_of_range_says_always_or_never():
    # Inputs 70 000: PV at 0 % deadweight is 1 312 500, kept share 70 000 / 1 312 500 = 0,05333
    # → the ratio falls to 1 only at 94,67 % deadweight.
    assert sroi.break_even([WORK], 70_000, D(0), "deadweight", 0).value == D("94.67")
    # Inputs 10 000 000 exceed even the 0 %-deadweight PV: no deadweight gives ratio 1.
    never = sroi.break_even([WORK], 10_000_000, D(0), "deadweight", 0)
    assert never.value is None and never.always is False
    # A second outcome worth 200 000 alone covers inputs of 100 000: any attribution will do.
    language = Outcome("Svenska", D(20), D(10_000), 1)
    always = sroi.break_even([WORK, language], 100_000, D(0), "attribution", 0)
    assert always.value is None and always.always is True


def test_sensitivity_table_varies_each_assumption():
    rows = sroi.sensitivity([WORK], 700_000, D(0))
    by_name = {row.assumption: row for row in rows}
    assert set(by_name) == {"quantity", "proxy", "duration", "deadweight", "displacement",
                            "attribution", "drop_off", "discount_rate", "inputs"}
    # proxy −50 % → PV 525 000 → 0,75; +50 % → 1 575 000 → 2,25
    assert (by_name["proxy"].low_ratio, by_name["proxy"].high_ratio) == (D("0.75"), D("2.25"))
    # deadweight 10 % → 10 × 100 000 × 0,9 × 0,75 × 1,75 = 1 181 250 → 1,69; 30 % → 918 750 → 1,31
    assert by_name["deadweight"].low_ratio == D("1.69")
    assert by_name["deadweight"].high_ratio == D("1.31")
    # duration 2 → 900 000 → 1,29; 4 → 1 125 000 → 1,61
    assert (by_name["duration"].low_ratio, by_name["duration"].high_ratio) == (
        D("1.29"), D("1.61"))
    # inputs −20 % = 560 000 → 1,88; +20 % = 840 000 → 1,25
    assert (by_name["inputs"].low_ratio, by_name["inputs"].high_ratio) == (D("1.88"), D("1.25"))


def test_proxy_indexed_to_the_calculation_year():
    # 100 000 kr in 2008 prices at 2 % a year to 2024: 100 000 × 1,02^16 = 137 278,57… → 137 279
    assert sroi.indexed_proxy(100_000, 2008, 2024, D(2)) == 137_279
    # and backwards: 104 040 kr in 2026 to 2024: 104 040 / 1,02² = 104 040 / 1,0404 = 100 000
    assert sroi.indexed_proxy(104_040, 2026, 2024, D(2)) == 100_000
    assert sroi.indexed_proxy(50_000, 2024, 2024, D(2)) == 50_000


@pytest.mark.parametrize("field, value", [
    ("deadweight", D("-1")), ("displacement", D("100.01")), ("attribution", D(150)),
    ("drop_off", D(-5)),
])
def test_deflator_outside_0_to_100_is_refused(field, value):
    with pytest.raises(SroiInputError) as error:
        sroi.calculate([replace(WORK, **{field: value})], 700_000, D(0))
    assert error.value.field == field
    assert "mellan 0 och 100" in error.value.message


@pytest.mark.parametrize("duration", [-1, 0])
def test_duration_must_be_a_positive_number_of_years(duration):
    with pytest.raises(SroiInputError) as error:
        sroi.calculate([replace(WORK, duration=duration)], 700_000, D(0))
    assert error.value.field == "duration"


def test_negative_quantity_proxy_or_rate_refused():
    for field, value in [("quantity", D(-1)), ("proxy", D(-100))]:
        with pytest.raises(SroiInputError):
            sroi.calculate([replace(WORK, **{field: value})], 700_000, D(0))
    with pytest.raises(SroiInputError):
        sroi.calculate([WORK], 700_000, D(-1))


def test_no_inputs_no_ratio():
    result = sroi.calculate([WORK], 0, D(0))
    assert result.ratio is None and result.present_value == 1_050_000


# --- Properties ------------------------------------------------------------------------------

percent = st.decimals(min_value=0, max_value=100, places=2)
outcomes = st.builds(
    Outcome, name=st.just("utfall"),
    quantity=st.decimals(min_value=0, max_value=500, places=1),
    proxy=st.decimals(min_value=0, max_value=1_000_000, places=0),
    duration=st.integers(min_value=1, max_value=10),
    deadweight=percent, displacement=percent, attribution=percent, drop_off=percent,
)
rates = st.decimals(min_value=0, max_value=15, places=2)


def close(a, b):
    return abs(a - b) <= D("1e-20") * max(abs(a), abs(b), 1)


@settings(max_examples=150)
@given(st.lists(outcomes, min_size=1, max_size=4), rates,
       st.integers(min_value=1, max_value=20))
def test_ratio_scales_with_the_proxy(items, rate, factor):
    base = sroi.calculate(items, 1_000_000, rate)
    scaled = sroi.calculate([replace(o, proxy=o.proxy * factor) for o in items], 1_000_000, rate)
    assert close(scaled.ratio_exact, base.ratio_exact * factor)


@settings(max_examples=150)
@given(outcomes, rates, st.sampled_from(sroi.PERCENT_FIELDS), percent, percent)
def test_each_deflator_can_only_lower_the_value(outcome, rate, field, a, b):
    low, high = sorted([a, b])
    value_low = sroi.calculate([replace(outcome, **{field: low})], 1, rate).present_value_exact
    value_high = sroi.calculate([replace(outcome, **{field: high})], 1, rate).present_value_exact
    assert value_high <= value_low


@settings(max_examples=150)
@given(outcomes, rates)
def test_drop_off_and_discounting_apply_per_year(outcome, rate):
    result = sroi.outcome_result(outcome, rate)
    keep = 1 - outcome.drop_off / 100
    first = outcome.quantity * outcome.proxy
    for field in sroi.DEFLATORS:
        first *= 1 - getattr(outcome, field) / 100
    assert len(result.years) == outcome.duration
    for year in result.years:
        expected = first * (keep ** (year.year - 1) if year.year > 1 else 1)
        assert close(year.value, expected)
        assert close(year.discounted, expected / (1 + rate / 100) ** year.year)
    # One year more adds exactly that year's discounted value.
    longer = sroi.outcome_result(replace(outcome, duration=outcome.duration + 1), rate)
    assert close(longer.present_value_exact - result.present_value_exact,
                 longer.years[-1].discounted)


@settings(max_examples=150)
@given(outcomes, rates, st.sampled_from(sroi.PERCENT_FIELDS))
def test_a_zero_percent_deflator_changes_nothing(outcome, rate, field):
    without = replace(outcome, **{field: D(0)})
    explicit_zero = replace(without, **{field: D("0.00")})
    assert sroi.outcome_result(without, rate) == sroi.outcome_result(explicit_zero, rate)
    if field in sroi.DEFLATORS:
        bare = replace(outcome, deadweight=D(0), displacement=D(0), attribution=D(0))
        assert sroi.year_one_value(bare) == bare.quantity * bare.proxy


@settings(max_examples=60, deadline=None)
@given(outcomes, st.integers(min_value=1, max_value=5_000_000),
       st.sampled_from(["proxy", "quantity", "deadweight", "attribution"]))
def test_at_the_break_even_value_the_ratio_is_one(outcome, inputs, assumption):
    found = sroi.break_even([outcome], inputs, D(0), assumption, 0)
    if found.value is None:
        return
    at = sroi.calculate([replace(outcome, **{assumption: found.value})], inputs, D(0))
    # values are rounded to two decimals, so the ratio is 1 within that rounding
    assert abs(at.present_value_exact - inputs) <= D("0.01") * max(
        sroi.year_one_value(replace(outcome, **{assumption: D(1)})) * outcome.duration, 1
    ) + 1
