"""The login flow in Chromium under the Content-Security-Policy: second factor with the demo's
TOTP device, enrolment with the QR code, the lockout page; accessible, no CSP violations."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from samverka.accounts.otp import enrol_demo_device
from tests.browser import log_in, serious_violations

from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_for(secret: str) -> str:
    return f"{TOTP(b32decode(secret.replace(' ', ''))).token():06d}"


@pytest.fixture
def watched_page(page):
    """PAGE with a list of the console's Content-Security-Policy violations."""
    page.csp_violations = []
    page.on("console", lambda message: page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return page


def test_administrator_logs_in_with_the_demo_code(watched_page, live_server, users, require_2fa):
    page = watched_page
    enrol_demo_device(users["admin"])
    log_in(page, live_server.url, users["admin"].username, PASSWORD)
    page.wait_for_url("**/login/engangskod/**")
    assert serious_violations(page) == []
    page.get_by_label("Engångskod").fill(code_for("SAMVERKADEMOSAMVERKADEMOSAMVERKA"))
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("button", name="Logga ut").is_visible()
    assert page.csp_violations == []


def test_officer_enrols_with_the_key_shown_on_the_page(watched_page, live_server, users,
                                                       require_2fa):
    page = watched_page
    log_in(page, live_server.url, users["officer"].username, PASSWORD)
    page.wait_for_url("**/login/tvafaktor/**")
    assert page.locator("figure svg path").count() == 1
    assert serious_violations(page) == []
    secret = page.locator(".otp-secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{4})+", secret)
    page.get_by_label("Engångskod").fill(code_for(secret))
    page.get_by_role("button", name="Aktivera").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.csp_violations == []


def test_the_lockout_page(watched_page, live_server, users, settings):
    page = watched_page
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(page, live_server.url, users["committee"].username, f"fel-{number}")
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggningen är spärrad"
    assert serious_violations(page) == []
    assert page.csp_violations == []
