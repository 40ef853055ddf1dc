"""Passwords built from the username are refused, with a Swedish message."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from samverka.accounts.passwords import resembles_username

pytestmark = pytest.mark.django_db

WEAK = [
    "stadsmissionen", "Stadsmissionen", "STADSMISSIONEN", "stadsmissionen1", "Stadsmissionen2025!",
    "2025stadsmissionen", "nenoissimsdats", "NenoissimSdats99", "st4dsm1ss10nen",
    "stads-missionen", "mitt-stadsmissionen-lösen",
]


@pytest.fixture
def stadsmissionen():
    return get_user_model().objects.create_user("stadsmissionen")


@pytest.mark.parametrize("password", WEAK)
def test_username_variants_are_refused(stadsmissionen, password):
    with pytest.raises(ValidationError) as error:
        validate_password(password, stadsmissionen)
    assert "får inte innehålla användarnamnet" in " ".join(error.value.messages)


def test_a_password_unrelated_to_the_username_is_accepted(stadsmissionen):
    validate_password("Kaffe-i-Kisa-2025", stadsmissionen)


def test_parts_of_a_dotted_username_are_refused():
    user = get_user_model().objects.create_user("anvisare.fsi")
    with pytest.raises(ValidationError):
        validate_password("Anvisare-2025-lösen", user)


def test_short_usernames_refuse_only_themselves():
    assert resembles_username("ikf", "ikf")
    assert resembles_username("IKF2025", "ikf")
    assert not resembles_username("Kaffe-i-Kisa-2025", "ik")
    assert resembles_username("ik", "ik")


def test_the_admin_password_form_uses_the_validators(stadsmissionen):
    from django.contrib.auth.forms import SetPasswordForm

    form = SetPasswordForm(stadsmissionen, {"new_password1": "Stadsmissionen1",
                                            "new_password2": "Stadsmissionen1"})
    assert not form.is_valid()
    assert "får inte innehålla användarnamnet" in str(form.errors)
