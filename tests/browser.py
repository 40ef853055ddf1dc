"""Shared helpers for browser tests: Debian's Chromium driven by Playwright, axe-core checks."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]
SERIOUS = {"serious", "critical"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None


requires_chromium = pytest.mark.skipif(
    not chromium_available(),
    reason=f"Chromium saknas ({CHROMIUM}): webbläsartesterna hoppas över. "
           "Installera med `apt-get install -y chromium`.",
)


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on PAGE, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    response = Axe().run(page, options=options).response
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in response["violations"]
        if violation["impact"] in SERIOUS
    ]


def log_in(page, live_server_url: str, username: str, password: str) -> None:
    page.goto(f"{live_server_url}/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    follow(page.get_by_role("button", name="Logga in"))


def follow(locator) -> None:
    """Click LOCATOR (a link or a submit button) and wait until the page it leads to has loaded.

    Neither click() nor a wait_for_load_state() right after it waits for the next page: both
    return at once while the old page is still shown, so a test would read the old page.
    """
    with locator.page.expect_navigation():
        locator.click()
