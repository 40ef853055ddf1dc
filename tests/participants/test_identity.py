"""Personnummer and samordningsnummer validation: boundary list and properties (hypothesis)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverka.participants.identity import (
    IdentityError,
    luhn_digit,
    make_number,
    mask,
    normalise,
    parse,
    short_form,
)

TODAY = date(2025, 6, 15)


def with_check(ten_without_check: str) -> str:
    """YYMMDD?NNN plus separator handling: append the Luhn digit of the nine digits."""
    digits = ten_without_check.replace("-", "").replace("+", "")[-9:]
    return f"{ten_without_check}{luhn_digit(digits)}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("121212-1212", "201212121212"),
        ("121212+1212", "191212121212"),  # "+" : aged 100 or more
        ("191212121212", "191212121212"),
        ("19121212-1212", "191212121212"),
        (with_check("000229-982"), "20000229982" + with_check("000229-982")[-1]),
    ],
)
def test_accepted_forms(value, expected):
    assert normalise(value, TODAY) == expected


def test_century_from_separator():
    dash = parse(with_check("250101-982"), TODAY)
    assert dash.birth_date == date(2025, 1, 1)
    plus = parse(with_check("250101+982"), TODAY)
    assert plus.birth_date == date(1925, 1, 1)
    # Later this year than today: last century with "-".
    assert parse(with_check("251231-982"), TODAY).birth_date == date(1925, 12, 31)
    assert parse(with_check("251231+982"), TODAY).birth_date == date(1825, 12, 31)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("19000229" + "982" + str(luhn_digit("000229982")), "date"),  # 1900 not a leap year
        (with_check("000229+982"), "date"),  # "+" gives 1900-02-29
        (with_check("850100-982"), "date"),  # day 00
        (with_check("851301-982"), "date"),  # month 13
        (with_check("850431-982"), "date"),  # 31 April
        (with_check("850160-982"), "date"),  # day 60 is neither
        (with_check("850192-982"), "date"),  # samordningsnummer day 92 = 32
        (with_check("850231-982"), "date"),
        (with_check("850304-000"), "birth_number"),
        ("8503049821"[:6] + "-" + "9821", "checksum"),
        ("850304-982", "format"),
        ("85030-49820", "format"),
        ("850304 9820x", "format"),
        ("", "format"),
        ("20300101" + "982" + str(luhn_digit("300101982")), "future"),
        ("20250616" + "982" + str(luhn_digit("250616982")), "future"),
    ],
)
def test_rejected(value, code):
    with pytest.raises(IdentityError) as error:
        parse(value, TODAY)
    assert error.value.code == code
    assert error.value.args[0]  # a message to show on the field


def test_leap_day_2000_valid():
    number = "20000229" + "982" + str(luhn_digit("000229982"))
    assert parse(number, TODAY).birth_date == date(2000, 2, 29)


@pytest.mark.parametrize("day", range(61, 92))
def test_samordningsnummer_days_61_to_91(day):
    value = with_check(f"8501{day:02d}-982")
    identity = parse(value, TODAY)
    assert identity.kind == "samordningsnummer"
    assert identity.birth_date == date(1985, 1, day - 60)
    assert identity.number[6:8] == f"{day:02d}"


def test_today_is_valid_tomorrow_is_not():
    today = make_number(TODAY, 982)
    assert parse(today, TODAY).birth_date == TODAY
    tomorrow = make_number(TODAY + timedelta(days=1), 982)
    with pytest.raises(IdentityError):
        parse(tomorrow, TODAY)


def test_mask_hides_birth_number():
    assert mask("191212121212") == "19121212-****"
    assert mask(None) == ""


births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
birth_numbers = st.integers(min_value=1, max_value=999)


@given(births, birth_numbers, st.booleans())
def test_generated_numbers_roundtrip(born, birth_number, coordination):
    number = make_number(born, birth_number, coordination)
    identity = parse(number, TODAY)
    assert identity.number == number and len(number) == 12
    assert identity.birth_date == born
    assert identity.kind == ("samordningsnummer" if coordination else "personnummer")
    # The short form with its separator gives back the same person.
    assert normalise(short_form(number, TODAY), TODAY) == number


@given(births, birth_numbers, st.integers(min_value=1, max_value=9))
def test_any_wrong_check_digit_is_rejected(born, birth_number, offset):
    number = make_number(born, birth_number)
    wrong = number[:11] + str((int(number[11]) + offset) % 10)
    with pytest.raises(IdentityError) as error:
        parse(wrong, TODAY)
    assert error.value.code == "checksum"


@given(st.text(max_size=20))
def test_arbitrary_text_never_crashes(text):
    try:
        identity = parse(text, TODAY)
    except IdentityError:
        return
    assert len(identity.number) == 12 and identity.birth_date <= TODAY
