import os

import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium through Playwright; skipped, saying so, where it is not installed."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, chromium_available

    if not chromium_available():
        pytest.skip(f"Chromium saknas ({CHROMIUM}): webbläsartesterna hoppas över.")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


# The log of the whole run on disk for .ci/scan-test-log (issue 16): see tests/logscan.py.
from tests.logscan import (  # noqa: E402, F401
    _test_run_log,
    _test_run_log_per_test,
    pytest_configure,
)
