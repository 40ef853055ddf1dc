"""Issue 15, "What it must show" 1, in Chromium: the case worker refers; the partner sees the
referral in its worklist, accepts it, records a week's hours and an exit. Each path counts its
page loads from its start page on; the test fails if a path grows."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from samverka.participants.models import Placement, Referral, WeeklyActivity
from tests.browser import follow, log_in, serious_violations
from tests.participants.conftest import world  # noqa: F401 - shared fixture

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Start page, referral form, back on the participant with the message.
CASE_WORKER_LOADS = 3
# Start page, answer form, participant, hours form, participant, exit form, participant.
PARTNER_LOADS = 7


def _count(page):
    loads = []
    page.on("load", lambda _page: loads.append(page.url))
    return loads


def test_refer_accept_record_hours_and_exit(world, page, live_server):  # noqa: F811
    for user in world.users.values():
        user.set_password("samverka-demo")
        user.save()
    page.set_default_timeout(90_000)  # a loaded shared machine
    base = live_server.url
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday() + 7)

    # The case worker at AMC refers a new person to Stadsmissionen's "Arbetsträning".
    log_in(page, base, "cecilia", "samverka-demo")
    page.wait_for_url(f"{base}/")
    loads = _count(page)
    page.reload()
    follow(page.get_by_role("link", name="Anvisa en deltagare"))
    page.get_by_label("Personnummer eller samordningsnummer").fill("700101-9806")
    page.get_by_label("Förnamn").fill("Nyström")
    page.get_by_label("Efternamn").fill("Provsson")
    page.get_by_label("Partnerskap").select_option(label="Arbetsträning")
    page.get_by_label("Anvisningsdatum").fill(f"{monday - dt.timedelta(days=7):%Y-%m-%d}")
    page.get_by_label("Deltagaren samtycker till att uppgifter lämnas till samverkansparten") \
        .check()
    follow(page.get_by_role("button", name="Registrera anvisning"))
    assert "Provsson" in page.locator("main").inner_text()
    assert page.locator(".messages").count() == 1  # the confirmation
    referral = Referral.objects.get(participant__last_name="Provsson")
    assert referral.status == "requested"
    assert len(loads) <= CASE_WORKER_LOADS, loads

    # The partner finds it in the worklist, accepts, records a week and an exit.
    page.context.clear_cookies()
    log_in(page, base, "petra", "samverka-demo")
    page.wait_for_url(f"{base}/")
    loads = _count(page)
    page.reload()
    follow(page.get_by_role("link", name="Besvara anvisningen av Nyström Provsson"))
    assert serious_violations(page) == []
    page.get_by_label("Anta och placera").check()
    page.get_by_label("Startdatum").fill(f"{monday:%Y-%m-%d}")
    follow(page.get_by_role("button", name="Spara svaret"))
    assert "Svaret är sparat" in page.locator(".messages").inner_text()
    follow(page.get_by_role("link", name="Registrera timmar"))
    page.get_by_label("Vecka (måndag)").fill(f"{monday:%Y-%m-%d}")
    page.locator("#id_hours").fill("12,5")
    follow(page.get_by_role("button", name="Spara timmarna"))
    assert "Veckans timmar är sparade" in page.locator(".messages").inner_text()
    follow(page.get_by_role("link", name="Avsluta", exact=True))
    page.get_by_label("Slutdatum").fill(f"{monday + dt.timedelta(days=4):%Y-%m-%d}")
    page.get_by_label("Går vidare till").select_option(label="Arbete")
    follow(page.get_by_role("button", name="Avsluta placeringen"))
    assert page.locator(".messages").count() == 1
    assert serious_violations(page) == []

    referral.refresh_from_db()
    placement = Placement.objects.get(referral=referral)
    assert referral.status == "accepted" and placement.start == monday
    assert placement.end == monday + dt.timedelta(days=4) and placement.outcome == "work"
    assert WeeklyActivity.objects.get(placement=placement).hours == 12.5
    assert len(loads) <= PARTNER_LOADS, loads


def test_error_summary_takes_the_focus(world, page, live_server):  # noqa: F811
    """An invalid form comes back with the summary focused; its link moves focus to the field."""
    world.users["case_worker"].set_password("samverka-demo")
    world.users["case_worker"].save()
    page.set_default_timeout(90_000)
    log_in(page, live_server.url, "cecilia", "samverka-demo")
    page.goto(f"{live_server.url}/deltagare/anvisning/ny/")
    follow(page.get_by_role("button", name="Registrera anvisning"))
    assert page.evaluate("document.activeElement.id") == "form-errors"
    page.locator("#form-errors a[href='#id_first_name']").click()
    assert page.evaluate("document.activeElement.id") == "id_first_name"
