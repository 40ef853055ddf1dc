"""Two i18n leftovers: period errors on the follow-up pages and the `percent` filter."""

import datetime as dt
import html

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from samverka.accounts.models import Profile
from samverka.core.templatetags.samverka_tags import percent

from .followup import helpers

D = dt.date
NBSP = "\u00a0"


@pytest.fixture
def cafe(db):
    """15 places, five placements the whole of 2024-Q1: occupancy 455 / 1 365 place-days =
    33.3 % (five persons, so the committee's figures are not withheld either)."""
    muni = helpers.municipality("Linköpings kommun")
    item = helpers.partnership(muni, name="Café Framtid", places=15, start=D(2023, 1, 1),
                               end=D(2025, 12, 31))
    for _ in range(5):
        helpers.placement(item, D(2024, 1, 1))
    return item


@pytest.fixture
def officer_client(client, cafe, django_user_model):
    user = django_user_model.objects.create_user("officer-user", email="officer@example.se")
    Profile.objects.create(user=user, municipality=cafe.municipality, role="officer")
    client.force_login(user)
    return client


def _english(client):
    """Pick English in the language menu, as a user does (Django's set_language view)."""
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302


def _page(client, url, period):
    return html.unescape(client.get(url, {"period": period}).content.decode())


def test_period_errors_on_the_follow_up_pages_in_english(officer_client, cafe):
    _english(officer_client)
    dashboard = _page(officer_client, reverse("followup:dashboard"), "2024-13")
    assert '<html lang="en">' in dashboard
    assert "a month is written 01–12" in dashboard
    assert "månad anges" not in dashboard
    detail = reverse("followup:partnership", args=[cafe.pk])
    page = _page(officer_client, detail, "2024-06-30..2024-01-01")
    assert "the period ends before it starts: 2024-06-30..2024-01-01" in page
    assert "perioden slutar" not in page
    page = _page(officer_client, detail, "2024-Q5")
    assert ("unknown period '2024-Q5': enter e.g. 2024, 2024-H1, 2024-Q3, 2024-05 or "
            "2024-01-01..2024-06-30") in page
    assert "okänd period" not in page


def test_the_cli_keeps_swedish_period_errors_after_an_english_request(officer_client):
    _english(officer_client)
    assert "a month is written" in _page(officer_client, reverse("followup:dashboard"), "2024-13")
    # The test client leaves English active in this thread; a CLI process starts with no
    # language activated, which means LANGUAGE_CODE (sv).
    translation.deactivate()
    with pytest.raises(CommandError, match="^månad anges som 01–12$"):
        call_command("followup", "--period", "2024-13")


def test_period_error_and_rate_on_the_follow_up_page_in_swedish(officer_client, cafe):
    detail = reverse("followup:partnership", args=[cafe.pk])
    page = _page(officer_client, detail, "2024-13")
    assert '<html lang="sv">' in page
    assert "månad anges som 01–12" in page
    page = _page(officer_client, detail, "2024-Q1")
    assert f'<strong id="occupancy-rate">33,3{NBSP}%</strong>' in page


def test_rate_on_the_follow_up_page_in_english(officer_client, cafe):
    _english(officer_client)
    page = _page(officer_client, reverse("followup:partnership", args=[cafe.pk]), "2024-Q1")
    assert '<strong id="occupancy-rate">33.3%</strong>' in page


@pytest.mark.parametrize("language, expected", [
    ("sv", f"12,5{NBSP}%"), ("en", "12.5%"), ("en-us", "12.5%"),
])
def test_percent_filter_follows_the_active_language(language, expected):
    from decimal import Decimal

    with translation.override(language):
        assert percent(Decimal("12.5")) == expected
        assert percent(None) == "–"
