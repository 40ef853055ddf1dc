"""Issue 15, "What it must show" 3: every page of the demo, as every role, at 1 366 × 900 and
390 × 844: no sideways page scroll (document width ≤ viewport), no serious or critical axe-core
violation, no code or English field name in the visible text (tests/readable/crawl.py keeps the
list). The pages are found by walking the links from each role's start page, one page of each
kind (a number in the path stands for any number), detail pages included."""

import os
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.readable.crawl import walk

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# One demo user per role (the second officer and the second partner see the same kinds of page).
ROLES = {"officer": "handlaggare", "committee": "namnd", "case_worker": "anvisare",
         "partner_staff": "stadsmissionen", "admin": "deltagaradmin"}
MIN_PAGES = {"officer": 40, "committee": 10, "case_worker": 8, "partner_staff": 8, "admin": 8}


def _sign_in(context, url: str, username: str) -> None:
    """A session for USERNAME as a cookie in CONTEXT (the walk measures pages, not signing in)."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    name = settings.SESSION_COOKIE_NAME
    context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": url}])


def test_every_demo_page_fits_passes_axe_and_shows_no_codes(chromium, live_server):
    started = time.monotonic()
    call_command("load_demo", verbosity=0)  # with the participants and the present
    problems, counts = [], {}
    for role, username in ROLES.items():
        context = chromium.new_context(locale="sv-SE")  # a browser of its own per role
        page = context.new_page()
        page.set_default_timeout(90_000)
        _sign_in(context, live_server.url, username)  # the sign-in form has tests of its own
        result = walk(page, live_server.url, role)
        problems += result["problems"]
        counts[role] = result["pages"]
        context.close()
    print(f"layout walk: {counts} pages in {time.monotonic() - started:.0f} s")
    assert problems == []
    assert all(counts[role] >= least for role, least in MIN_PAGES.items()), counts
