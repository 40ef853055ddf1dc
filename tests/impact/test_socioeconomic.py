"""The socio-economic account: a worked example by hand, and its properties by hypothesis."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverka.impact import socioeconomic as se
from samverka.impact.socioeconomic import AccountInputError, ActorCost

# Yearly cost per person while excluded, and after the move to work (illustrative values):
#   Kommunen (ekonomiskt bistånd) 120 000 → 0       gain 120 000
#   Arbetsförmedlingen             40 000 → 0       gain  40 000
#   Försäkringskassan              20 000 → 5 000   gain  15 000
#   Regionen                       10 000 → 10 000  gain       0
#   Övriga (skatteintäkter)             0 → −60 000 gain  60 000
#   together: exclusion 190 000 a year; gain 235 000 a year per person
ACTORS = (
    ActorCost("Kommunen", 120_000, 0, municipal=True),
    ActorCost("Arbetsförmedlingen", 40_000, 0),
    ActorCost("Försäkringskassan", 20_000, 5_000),
    ActorCost("Regionen", 10_000, 10_000),
    ActorCost("Övriga", 0, -60_000),
)


def test_worked_example_without_discounting():
    # 6 persons to work, investment 2 368 800 kr (seed 000's total value), AN's cost 1 658 160.
    account = se.account(ACTORS, persons=6, investment=2_368_800,
                         municipal_investment=1_658_160)
    assert account.exclusion_cost_per_person == 190_000
    # per person: 1 year 235 000; 3 years 3 × 235 000 = 705 000; 10 years 2 350 000
    assert [account.per_person_total(h) for h in (1, 3, 10)] == [235_000, 705_000, 2_350_000]
    # for the group of 6: 1 410 000; 4 230 000; 14 100 000
    assert [account.group_total(h) for h in (1, 3, 10)] == [1_410_000, 4_230_000, 14_100_000]
    # break-even: 2 368 800 / 235 000 = 10,08 → 11; / 705 000 = 3,36 → 4; / 2 350 000 = 1,008 → 2
    assert [account.break_even_persons(h) for h in (1, 3, 10)] == [11, 4, 2]
    # the municipality alone: 1 658 160 / 120 000 = 13,8 → 14; / 360 000 = 4,6 → 5;
    # / 1 200 000 = 1,38 → 2
    assert [account.municipal_break_even_persons(h) for h in (1, 3, 10)] == [14, 5, 2]
    by_actor = {gain.actor.actor: gain for gain in account.actors}
    assert by_actor["Regionen"].per_person == {1: 0, 3: 0, 10: 0}
    assert by_actor["Övriga"].group[3] == 6 * 3 * 60_000


def test_discounting_and_drop_off_per_year_and_rounding_once():
    # Kommunen 120 000 a year, discount 25 %, drop-off 20 %, 3 years:
    #   year 1: 120 000 / 1,25                 = 96 000
    #   year 2: 120 000 × 0,8 / 1,25²  = 96 000 / 1,5625   = 61 440
    #   year 3: 120 000 × 0,64 / 1,25³ = 76 800 / 1,953125 = 39 321,6
    #   per person 196 761,6 → 196 762 kr; three persons 590 284,8 → 590 285 kr
    #   (rounded once, not 3 × 196 762 = 590 286)
    account = se.account(ACTORS[:1], persons=3, investment=1_000_000, discount_rate=D(25),
                         drop_off=D(20), horizons=(3,))
    gain = account.actors[0]
    assert gain.per_person[3] == 196_762
    assert gain.group[3] == 590_285
    assert account.break_even_persons(3) == 6  # 1 000 000 / 196 762 = 5,08 → 6


def test_no_gain_no_break_even():
    account = se.account((ActorCost("Regionen", 10_000, 10_000),), persons=5, investment=1)
    assert account.break_even_persons(1) is None
    assert se.break_even_persons(0, 100) == 0


@pytest.mark.parametrize("kwargs, field", [
    ({"persons": -1}, "persons"), ({"investment": -5}, "investment"),
    ({"discount_rate": D(101)}, "discount_rate"), ({"drop_off": D(-1)}, "drop_off"),
])
def test_bad_input_is_refused(kwargs, field):
    arguments = {"persons": 1, "investment": 100, **kwargs}
    with pytest.raises(AccountInputError) as error:
        se.account(ACTORS, **arguments)
    assert error.value.field == field


def test_negative_exclusion_cost_refused():
    with pytest.raises(AccountInputError):
        se.account((ActorCost("X", -1, 0),), persons=1, investment=1)


gains = st.integers(min_value=0, max_value=500_000)
percent = st.decimals(min_value=0, max_value=100, places=2)


@given(gains, st.integers(min_value=1, max_value=15))
def test_without_discounting_the_gain_is_years_times_the_yearly_gain(gain, years):
    assert se.gain_per_person(gain, years) == gain * years


@given(gains, st.integers(min_value=1, max_value=15), percent, percent, percent)
def test_a_longer_horizon_never_gains_less_and_a_higher_rate_never_more(
        gain, years, rate, drop, other_rate):
    assert se.gain_per_person(gain, years + 1, rate, drop) >= se.gain_per_person(
        gain, years, rate, drop)
    low, high = sorted([rate, other_rate])
    assert se.gain_per_person(gain, years, high, drop) <= se.gain_per_person(
        gain, years, low, drop)


@given(st.integers(min_value=0, max_value=10_000_000), st.integers(min_value=1, max_value=10**6))
def test_break_even_is_the_smallest_number_that_covers(investment, per_person):
    persons = se.break_even_persons(investment, per_person)
    assert persons * per_person >= investment
    assert persons == 0 or (persons - 1) * per_person < investment
