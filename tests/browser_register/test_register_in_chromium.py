"""The register's pages in Chromium: reachable by keyboard, and no serious axe-core violations."""

import pytest
from playwright.sync_api import expect

from samverka.demo.loader import load_demo
from samverka.partnerships.models import Partnership
from tests.browser import follow, log_in, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    load_demo()
    return live_server.url


def test_portfolio_page_is_accessible_and_shows_the_totals(page, demo_site):
    log_in(page, demo_site, "handlaggare", "samverka-demo")
    page.goto(f"{demo_site}/portfolj/?year=2019")
    iop_table = page.get_by_role("table", name="Idéburna offentliga partnerskap 2019")
    assert "6\u00a0300\u00a0926\u00a0kr" in iop_table.locator("tfoot").inner_text()
    assert serious_violations(page) == []


def test_filtering_by_form_with_the_keyboard(page, demo_site):
    log_in(page, demo_site, "namnd", "samverka-demo")
    page.goto(f"{demo_site}/portfolj/?year=2019")
    # exact: the tables' scroll regions are named by captions such as "Övriga samverkansformer"
    page.get_by_label("Samverkansform", exact=True).select_option("lou")
    page.get_by_role("button", name="Visa").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**form=lou**")
    assert page.get_by_role("link", name="Arena Ryds Herrgård").is_visible()
    assert page.get_by_role("link", name="Hoppfull framtid").count() == 0


def test_partnership_page_is_accessible_and_shows_the_extension(page, demo_site):
    log_in(page, demo_site, "handlaggare", "samverka-demo")
    bilda = Partnership.objects.get(name="IOP Bilda Sydöst och Erikshjälpen")
    page.goto(f"{demo_site}/partnerskap/{bilda.pk}/?year=2024")
    assert page.get_by_role("heading", level=1).inner_text() == bilda.name
    assert "2029-12-31" in page.locator("#timeline + ol").inner_text()
    assert serious_violations(page) == []


def test_conflict_page_and_a_form_are_accessible(page, demo_site):
    log_in(page, demo_site, "handlaggare", "samverka-demo")
    arena = Partnership.objects.get(name="Arena Ryds Herrgård")
    page.goto(f"{demo_site}/partnerskap/{arena.pk}/")
    assert page.get_by_text("Källorna säger olika").is_visible()
    assert serious_violations(page) == []
    page.goto(f"{demo_site}/partnerskap/{arena.pk}/andra/")
    page.get_by_label("Heltidsplatser").fill("-3")
    follow(page.get_by_role("button", name="Spara"))
    expect(page.get_by_role("alert")).to_be_visible()
    assert serious_violations(page) == []


def test_the_stylesheet_is_applied(page, demo_site):
    page.goto(f"{demo_site}/login/")
    header_colour = page.locator(".site-header").evaluate(
        "element => getComputedStyle(element).backgroundColor")
    assert header_colour == "rgb(0, 69, 122)"
