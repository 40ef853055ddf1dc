"""The public open-data page and accessibility statement in Chromium at desktop and phone
widths: no serious axe-core violations, no sideways scrolling, the footer links work."""

import pytest

from samverka.demo.loader import load_demo
from tests.browser import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    load_demo()
    return live_server.url


@pytest.mark.parametrize("width", [1366, 390])
def test_public_pages_are_accessible(page, site, width):
    page.set_viewport_size({"width": width, "height": 900})
    for path in ("/oppna-data/", "/tillganglighet/"):
        page.goto(f"{site}{path}")
        assert serious_violations(page) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, width)


def test_footer_leads_to_the_statement_and_its_report_link(page, site):
    page.goto(f"{site}/oppna-data/")
    page.get_by_role("contentinfo").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    page.wait_for_url("**/tillganglighet/")
    report = page.get_by_role("link", name="Rapportera en brist i tillgängligheten")
    assert report.get_attribute("href").startswith("mailto:")
