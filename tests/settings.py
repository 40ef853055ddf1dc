"""Settings for the test suite: samverka.settings with test defaults from the environment.

The defaults are set as environment variables so that subprocesses started by tests (the console
script, `manage.py check --deploy`) see the same configuration; they read samverka.settings.
- SECRET_KEY: a test-only key (samverka.settings refuses to start without one when DEBUG is off).
- SAMVERKA_REQUIRE_2FA=0: tests log officers in with force_login; the tests in tests/security/
  turn the second factor on themselves.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-" + "k7Qx9vLp2mZr8TfW3nHs5JdC4bGy6" * 2)
os.environ.setdefault("SAMVERKA_REQUIRE_2FA", "0")
os.environ["DJANGO_SETTINGS_MODULE"] = "samverka.settings"

from samverka.settings import *  # noqa: E402, F403
