"""A browser looks at the follow-up dashboard: table, chart with its data table, no <5 leaks."""

import datetime as dt

import pytest

from samverka.accounts.models import Profile
from tests.browser import log_in, serious_violations

from . import helpers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_in_a_browser(live_server, django_user_model, page):
    muni = helpers.municipality("Linköpings kommun")
    item = helpers.partnership(muni, name="Café Framtid", places=10)
    for month in range(1, 8):
        helpers.placement(item, dt.date(2024, month, 1), None)
    user = django_user_model.objects.create_user("nils", password="hemligt-losen-1")
    Profile.objects.create(user=user, municipality=muni, role="committee")
    log_in(page, live_server.url, "nils", "hemligt-losen-1")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/uppfoljning/?period=2024")
    assert page.locator("h1").inner_text().startswith("Uppföljning av partnerskapen 2024")
    assert page.locator("table caption", has_text="Partnerskapen 2024").count() == 1
    assert page.locator("svg[role=img] title").first.text_content()
    assert page.locator("th[scope=row]", has_text="2024-12").count() == 1
    assert page.get_by_role("link", name="Café Framtid").count() == 1
    assert serious_violations(page) == []
