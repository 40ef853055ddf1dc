import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverka.organisations.orgnr import OrgNumberError, luhn_check_digit, normalise_org_number


@pytest.mark.parametrize("value", ["802002-4512", "8020024512", "16802002-4512", "556036-0793"])
def test_valid_numbers_are_normalised(value):
    assert normalise_org_number(value) == f"{value.replace('-', '')[-10:-4]}-{value[-4:]}"


@pytest.mark.parametrize("value, message", [
    ("802002-4513", "Kontrollsiffran"),
    ("8020024", "10 siffror"),
    ("19800101-1234", "10 siffror"),
    ("800101-1231", "3–4"),
    ("abc", "10 siffror"),
])
def test_invalid_numbers_say_why_in_swedish(value, message):
    with pytest.raises(OrgNumberError, match=message):
        normalise_org_number(value)


@given(st.from_regex(r"[0-9]{2}[2-9][0-9]{6}", fullmatch=True))
def test_every_number_with_its_luhn_digit_is_valid(first_nine):
    number = first_nine + str(luhn_check_digit(first_nine))
    assert normalise_org_number(number).replace("-", "") == number


@given(st.from_regex(r"[0-9]{2}[2-9][0-9]{6}", fullmatch=True), st.integers(1, 9))
def test_a_wrong_check_digit_is_refused(first_nine, offset):
    wrong = (luhn_check_digit(first_nine) + offset) % 10
    with pytest.raises(OrgNumberError):
        normalise_org_number(first_nine + str(wrong))
