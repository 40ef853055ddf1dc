"""Every role's start page in Chromium at 1 366 and 390 px: no sideways page scroll, no serious
or critical axe-core violation, and the worklist's first item is there."""

import os

import pytest

from tests.browser import log_in, serious_violations

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROLES = {"partner_staff": "Nya anvisningar att besvara", "case_worker": "Svar de senaste",
         "officer": "Överenskommelser som löper ut", "committee": "Portföljen i korthet",
         "admin": "Alla påminnelser i kommunen"}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_start_pages_fit_and_pass_axe(world, work, page, live_server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    for role, heading in ROLES.items():
        user = world.users[role]
        user.set_password("samverka-demo")
        user.save()
        page.context.clear_cookies()
        log_in(page, live_server.url, user.username, "samverka-demo")
        page.wait_for_url(f"{live_server.url}/")
        assert heading in page.content(), role
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, (role, scroll_width)
        assert serious_violations(page) == [], role
