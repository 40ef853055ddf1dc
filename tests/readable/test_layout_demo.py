"""Issue 15, "What it must show" 3: every page of the demo, as every role, at 1 366 × 900 and
390 × 844: no sideways page scroll (document width ≤ viewport), no serious or critical axe-core
violation, no code or English field name in the visible text (tests/readable/crawl.py keeps the
list). The pages are found by walking the links from each role's start page, one page of each
kind (a number in the path stands for any number), detail pages included."""

import os
import time

import pytest

from samverka.demo.loader import load_demo
from tests.browser import log_in
from tests.readable.crawl import walk

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# One demo user per role (the second officer and the second partner see the same kinds of page).
ROLES = {"officer": ("handlaggare", "samverka-demo"), "committee": ("namnd", "samverka-demo"),
         "case_worker": ("anvisare", "samverka-demo"),
         "partner_staff": ("stadsmissionen", "samverka-demo"),
         "admin": ("deltagaradmin", "samverka-demo")}
MIN_PAGES = {"officer": 40, "committee": 10, "case_worker": 8, "partner_staff": 8, "admin": 8}


def test_every_demo_page_fits_passes_axe_and_shows_no_codes(chromium, live_server):
    started = time.monotonic()
    load_demo()
    problems, counts = [], {}
    for role, (username, password) in ROLES.items():
        context = chromium.new_context(locale="sv-SE")  # a browser of its own per role
        page = context.new_page()
        page.set_default_timeout(90_000)
        log_in(page, live_server.url, username, password)
        page.wait_for_load_state()
        assert "/login/" not in page.url, (role, page.locator("main").inner_text()[:300])
        result = walk(page, live_server.url, role)
        problems += result["problems"]
        counts[role] = result["pages"]
        context.close()
    print(f"layout walk: {counts} pages in {time.monotonic() - started:.0f} s")
    assert problems == []
    assert all(counts[role] >= least for role, least in MIN_PAGES.items()), counts
