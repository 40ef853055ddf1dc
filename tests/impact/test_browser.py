"""The impact pages in Chromium: the demo SROI page and a participant's progression, checked
with axe-core for serious WCAG 2.1 AA violations."""

import pytest
from django.core.management import call_command

from samverka.impact.models import Assessment
from samverka.partnerships.models import Partnership
from tests.browser import log_in, serious_violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sroi_and_progression_pages_in_chromium(live_server, page):
    call_command("load_demo", verbosity=0)
    for name in ("IOP Bilda Sydöst och Erikshjälpen", "IOP Östergötlands Stadsmission"):
        partnership = Partnership.objects.get(name=name)
        log_in(page, live_server.url, "handlaggare", "samverka-demo")
        page.goto(f"{live_server.url}/effekt/partnerskap/{partnership.pk}/?ar=2024")
        assert page.locator("#sroi-ratio").inner_text().strip()
        assert page.locator("#sroi-sensitivity tbody tr").count() >= 10
        assert page.locator("#account-break-even tbody tr").count() == 3
        assert page.locator("#progression-group tbody tr").count() == 6
        assert serious_violations(page) == []
    assessment = Assessment.objects.filter(partnership__name="Hoppfull framtid").first()
    page.context.clear_cookies()
    log_in(page, live_server.url, "stadsmissionen", "samverka-demo")
    page.goto(f"{live_server.url}/effekt/deltagare/{assessment.participant_id}/")
    # One compact chart with every dimension (issue 15), its legend and the table beside it.
    assert page.locator("svg[role=img]").count() == 1
    assert page.locator(".chart-legend li").count() == 6
    assert "Svenska språket" in page.locator(".chart-legend").inner_text()
    assert serious_violations(page) == []
