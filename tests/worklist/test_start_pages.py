"""Each role's start page shows its own items, and nobody else's (the attacks are the tests
that name another unit's or organisation's people); one access-log entry per response that
shows persons; the committee sees suppressed published figures only."""

import re

import pytest
from django.urls import reverse

from samverka.participants.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def page(login, world, role):
    response = login(world.users[role]).get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_root_is_the_start_page_and_login_lands_there(client, world):
    from django.conf import settings

    assert reverse("start") == "/"
    assert settings.LOGIN_REDIRECT_URL == "start"
    response = client.get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_partner_staff_sees_its_referrals_weeks_and_assessments(login, world, work):
    body = page(login, world, "partner_staff")
    decide = reverse("participants:referral_decide", args=[work["erik_referral"].pk])
    assert f'href="{decide}"' in body and "Erik Epsqvist" in body
    week = reverse("participants:placement_week", args=[world.anna_placement.pk])
    assert f'href="{week}?vecka=2026-06-08"' in body  # last week's hours are missing
    assess = reverse("impact:assessment_create", args=[world.anna.pk])
    assert f'href="{assess}"' in body


def test_partner_staff_sees_no_other_organisation_and_no_referral_without_consent(
        login, world, work):
    body = page(login, world, "partner_staff")
    for other in ("Betqvist", "Zetqvist", "Etaqvist", "Delqvist", "Gamqvist"):
        assert other not in body, other


def test_the_other_partner_sees_its_own_starter_and_nothing_of_the_first(login, world, work):
    body = page(login, world, "other_partner_staff")
    assert "Fia Zetqvist" in body  # starts tomorrow, this week
    assert "Bo Betqvist" in body  # no hours recorded
    for other in ("Epsqvist", "Alfqvist", "Gamqvist", "Etaqvist", "Delqvist"):
        assert other not in body, other


def test_case_worker_sees_answers_and_open_referrals_of_own_unit_only(login, world, work):
    body = page(login, world, "case_worker")
    assert "Gun Etaqvist" in body and "Avböjd" in body  # answered ten days ago
    assert "Erik Epsqvist" in body and "Cilla Gamqvist" in body  # waiting for an answer
    for other in ("Betqvist", "Zetqvist", "Delqvist"):
        assert other not in body, other
    other_unit = page(login, world, "other_case_worker")
    for other in ("Etaqvist", "Epsqvist", "Gamqvist", "Alfqvist"):
        assert other not in other_unit, other


def test_one_access_log_entry_per_start_page_with_persons(login, world, work):
    before = AccessLogEntry.objects.count()
    page(login, world, "partner_staff")
    entries = list(AccessLogEntry.objects.order_by("pk")[before:])
    assert len(entries) == 1
    [entry] = entries
    assert entry.action == "list" and entry.outcome == "allowed"
    assert entry.user == world.users["partner_staff"]
    assert entry.detail["participant_ids"] == sorted([world.anna.pk, work["erik"].pk])


@pytest.mark.parametrize("role", ["committee", "officer", "admin"])
def test_no_access_log_entry_where_no_person_is_shown(login, world, work, role):
    before = AccessLogEntry.objects.count()
    body = page(login, world, role)
    assert AccessLogEntry.objects.count() == before
    assert "Alfqvist" not in body and "Epsqvist" not in body


def test_navigation_counts_the_partner_staff_items(login, world, work):
    body = page(login, world, "partner_staff")
    # Erik to answer, Anna's missing weeks, Anna's assessment: three items.
    assert re.search(r'class="count-badge">3<', body), body[:3000]


def test_committee_sees_published_figures_with_small_counts_suppressed(login, world, work):
    body = page(login, world, "committee")
    # Two participants in the town this year: withheld (".."), never shown as 2.
    assert re.search(r'<span class="figure"><abbr title="[^"]+">\.\.</abbr></span> deltagare',
                     body)
    assert re.search(r'<span class="figure">2</span> deltagare', body) is None
    assert "count-badge" not in body
    # The two charts: with every rate withheld they say why instead of drawing bars.
    assert body.count('class="chart-box"') == 2
    assert "Diagrammet visas inte" in body


def test_outsider_sees_nothing_of_another_municipality(login, world, work):
    body = page(login, world, "outsider")
    for name in ("Arbetsträning", "Hälsogrupper", "Epsqvist", "Alfqvist"):
        assert name not in body, name


def test_start_page_survives_a_user_without_profile(client, django_user_model):
    user = django_user_model.objects.create_user("utan-profil", password="pw")
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    assert "ingen roll" in response.content.decode()


def test_committee_start_page_is_the_dashboards_own_period(login, world, work):
    """Attack: a 'year so far' range on the start page, read on two consecutive days, differences
    down to one day's referrals and starts. The committee's start page must show the dashboard's
    own standard period (this calendar year), adding no figure the dashboard does not publish."""
    from django.utils import timezone

    from samverka.followup import snapshots
    from samverka.followup.periods import year_period

    year = timezone.localdate().year
    body = page(login, world, "committee")
    assert f"Portföljens siffror {year} så som" in body and "hittills" not in body
    data, _at = snapshots.dashboard(world.town, year_period(year))
    shown = re.search(r'<span class="figure">(.*?)</span> deltagare', body).group(1)
    expected = data["total"]["flow"]["participants"]
    assert (".." in shown) if expected == ".." else shown == str(expected)
