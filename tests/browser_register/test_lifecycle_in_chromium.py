"""Issue 15 in Chromium: the officer extends an agreement and records a held dialogue meeting
with minutes. The path's page loads are counted; the test fails if the path grows."""

import datetime as dt

import pytest
from django.utils import timezone

from samverka.demo.loader import load_demo
from samverka.followup.models import DialogueMeeting
from samverka.partnerships.models import AgreementVersion, Decision, Partnership
from tests.browser import follow, log_in, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Page loads from the partnership page on: extend form, back with the message, follow-up page,
# new meeting form, back, "mark held" form, back with the message.
RECORDED_PAGE_LOADS = 7


@pytest.fixture
def demo_site(live_server):
    load_demo()
    return live_server.url


def test_officer_extends_and_records_a_held_meeting(page, demo_site):
    bilda = Partnership.objects.get(name="IOP Bilda Sydöst och Erikshjälpen")
    version = bilda.latest_version
    used = version.extensions_used
    log_in(page, demo_site, "handlaggare", "samverka-demo")
    page.goto(f"{demo_site}/partnerskap/{bilda.pk}/")
    loads = []
    page.on("load", lambda _page: loads.append(page.url))

    follow(page.get_by_role("link", name="Förläng överenskommelsen").first)
    assert page.get_by_role("heading", level=1).inner_text() == "Förläng överenskommelsen"
    assert serious_violations(page) == []
    page.get_by_label("Beslutsdatum").fill("2025-11-20")
    page.get_by_label("Diarienummer").fill("AN 2025-400")
    follow(page.get_by_role("button", name="Registrera förlängningen"))
    assert "Förlängningen är registrerad" in page.locator("main").inner_text()

    page.goto(f"{demo_site}/uppfoljning/{bilda.pk}/")
    follow(page.get_by_role("link", name="Lägg till dialogmöte"))
    day = timezone.localdate() - dt.timedelta(days=3)
    page.get_by_label("Datum").fill(f"{day:%Y-%m-%d}")
    follow(page.get_by_role("button", name="Spara"))
    assert page.url.endswith("#meetings")
    follow(page.get_by_role("link", name=f"Markera som genomfört {day:%Y-%m-%d}"))
    assert serious_violations(page) == []
    page.get_by_label("Minnesanteckningar").fill("Beläggningen och nästa steg diskuterades.")
    page.get_by_label("Antal deltagare").check()
    page.get_by_label("Hur parterna kan utveckla partnerskapet").check()
    follow(page.get_by_role("button", name="Spara"))
    assert "markerat som genomfört" in page.locator("main").inner_text()

    version.refresh_from_db()
    assert version.extensions_used == used + 1
    assert Decision.objects.filter(registry_number="AN 2025-400").exists()
    meeting = DialogueMeeting.objects.get(partnership=bilda, date=day)
    assert meeting.status == "held" and meeting.topic_participants
    assert AgreementVersion.objects.filter(pk=version.pk).exists()
    assert len(loads) <= RECORDED_PAGE_LOADS, loads
    assert loads[-1].endswith("#meetings")  # the counter saw the path
