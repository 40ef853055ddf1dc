"""The SROI form in Chromium: filled in with the keyboard only, saved, and checked with axe-core
for serious WCAG 2.1 AA violations, also when it shows errors."""

import pytest

from samverka.impact.models import SroiCalculation
from tests.browser import follow, log_in, serious_violations

from .factories import ProxyFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sroi_form_with_the_keyboard(live_server, page, world):
    ProxyFactory(municipality=world.town, name="Minskat ekonomiskt bistånd")
    log_in(page, live_server.url, "olle", "pw")
    page.goto(f"{live_server.url}/effekt/partnerskap/{world.p_mission.pk}/?ar=2024")
    follow(page.get_by_role("link", name="Gör en SROI-beräkning för 2024"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("SROI-beräkning 2024")
    assert serious_violations(page) == []

    page.get_by_label("Diskonteringsränta (%)").focus()
    page.keyboard.press("Control+a")
    page.keyboard.type("3,5")
    page.locator("#id_outcomes-0-name").focus()
    for text in ("Egen försörjning", "Deltagarna", "Avslut till arbete"):
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the quantity source stays "Angivet antal"
    page.keyboard.type("6")
    page.keyboard.press("Tab")
    page.keyboard.type("Uppföljningen 2024")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the first proxy in the library
    assert page.locator("#id_outcomes-0-proxy").evaluate("e => e.selectedIndex") == 1
    page.keyboard.press("Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type("0")  # a duration under one year: refused on the field
    page.get_by_role("button", name="Spara beräkningen").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("#id_outcomes-0-duration_error").inner_text().strip() == (
        "Varaktigheten måste vara mellan 1 och 50 år.")
    assert page.locator("#id_outcomes-0-duration").get_attribute("aria-invalid") == "true"
    assert serious_violations(page) == []
    assert not SroiCalculation.objects.exists()

    page.locator("#id_outcomes-0-duration").focus()
    page.keyboard.press("Control+a")
    page.keyboard.type("2")
    page.get_by_role("button", name="Spara beräkningen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/effekt/partnerskap/{world.p_mission.pk}/?ar=2024")
    assert "SROI-beräkningen för 2024 är sparad." in page.content()
    outcome = SroiCalculation.objects.get(partnership=world.p_mission, year=2024).outcomes.get()
    assert (outcome.name, outcome.duration, outcome.quantity) == ("Egen försörjning", 2, 6)
