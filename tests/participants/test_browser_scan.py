"""Browser run through the participant pages as several roles; afterwards a scan of all
rendered HTML, URLs and log output finds no personnummer outside the page that reveals it."""

import logging
import os

import pytest

from samverka.participants.identity import find_numbers
from tests.browser import follow, log_in, serious_violations

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ALLOWED = ("/personnummer/",)  # the one page that shows the full number


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_walkthrough_leaks_no_personnummer(world, page, live_server, caplog):
    caplog.set_level(logging.DEBUG)
    for user in world.users.values():
        user.set_password("samverka-demo")
        user.save()
    seen: list[tuple[str, str]] = []

    def record(route):
        # Fetch the response ourselves so its body is read before any navigation can discard it.
        response = route.fetch(max_redirects=0)
        text = response.text() if "text/" in response.headers.get("content-type", "") else ""
        seen.append((route.request.url, text))
        route.fulfill(response=response)

    page.route("**/*", record)
    base = live_server.url

    log_in(page, base, "cecilia", "samverka-demo")  # case worker at AMC
    page.goto(f"{base}/deltagare/")
    assert serious_violations(page) == []
    page.get_by_label("Namn eller personnummer").fill("19800101-9820")
    follow(page.get_by_role("button", name="Sök"))
    follow(page.get_by_role("link", name="Anna Alfqvist"))
    assert serious_violations(page) == []
    follow(page.get_by_role("link", name="Visa hela numret (loggas)"))
    page.goto(f"{base}/deltagare/anvisning/ny/")
    page.get_by_label("Personnummer eller samordningsnummer").fill("700101-9806")
    page.get_by_label("Förnamn").fill("Nyström")
    page.get_by_label("Efternamn").fill("Provsson")
    page.get_by_label("Partnerskap").select_option(label="Arbetsträning")
    page.get_by_label("Anvisningsdatum").fill("2024-03-01")
    page.get_by_label("Deltagaren samtycker till att uppgifter lämnas till samverkansparten") \
        .check()
    follow(page.get_by_role("button", name="Registrera anvisning"))
    assert "Provsson" in page.content()

    page.context.clear_cookies()
    log_in(page, base, "petra", "samverka-demo")  # partner staff at Stadsmissionen
    page.goto(f"{base}/deltagare/")
    follow(page.get_by_role("link", name="Anna Alfqvist"))
    assert serious_violations(page) == []
    follow(page.get_by_role("link", name="Avsluta"))
    follow(page.get_by_role("button", name="Avsluta placeringen"))  # no date, no outcome
    assert "Ange vad deltagaren går vidare till" in page.content()
    page.goto(f"{base}/deltagare/{world.bo.pk}/")  # someone else's participant: 404

    page.context.clear_cookies()
    log_in(page, base, "alice", "samverka-demo")
    page.goto(f"{base}/deltagare/logg/?outside=on")
    assert serious_violations(page) == []

    leaks = []
    for url, html in seen:
        leaks += [(url, number) for number in find_numbers(url)]
        if not any(part in url for part in ALLOWED):
            leaks += [(url, number) for number in find_numbers(html)]
    leaks += [("log", number) for record in caplog.records
              for number in find_numbers(record.getMessage())]
    assert leaks == []
    assert any("/personnummer/" in url and "19800101-9820" in html for url, html in seen)
