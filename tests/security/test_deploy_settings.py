"""Production settings: refuse to start without SECRET_KEY, and `check --deploy` is clean with the
variables documented in README.md."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The production variables as README.md documents them (values as an installation would set).
PRODUCTION_ENV = {
    "SECRET_KEY": "Zx8-q3LmT0vW7yKp2sJd9FhN4cRb6gUe1aQoXiVt5nMkHw3EzYjPl8rSd0fGcBu",
    "ALLOWED_HOSTS": "samverka.linkoping.se",
    "CSRF_TRUSTED_ORIGINS": "https://samverka.linkoping.se",
    "SECURE_COOKIES": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}
CONTROLLED = {*PRODUCTION_ENV, "SECRET_KEY_FILE", "DEBUG", "SAMVERKA_REQUIRE_2FA",
              "SESSION_IDLE_MINUTES", "LOGIN_FAILURE_LIMIT", "LOGIN_COOLOFF_MINUTES",
              "DJANGO_ALLOW_ASYNC_UNSAFE"}  # set by the browser tests; never in deployment


def run(args, **env_vars):
    env = {key: value for key, value in os.environ.items() if key not in CONTROLLED}
    env.update(DJANGO_SETTINGS_MODULE="samverka.settings", **env_vars)
    return subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_check_deploy_is_clean_with_the_documented_production_variables():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


def test_check_deploy_warns_without_them():
    result = run(["manage.py", "check", "--deploy"], SECRET_KEY=PRODUCTION_ENV["SECRET_KEY"])
    for warning in ["security.W004", "security.W008", "security.W012", "security.W016"]:
        assert warning in result.stderr


def test_every_production_variable_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", readme, flags=re.MULTILINE))
    assert set(PRODUCTION_ENV) | {"DEBUG", "SAMVERKA_REQUIRE_2FA", "SESSION_IDLE_MINUTES",
                                  "LOGIN_FAILURE_LIMIT", "LOGIN_COOLOFF_MINUTES"} <= documented


def test_start_up_stops_without_secret_key_when_debug_is_off():
    for args in (["manage.py", "check"], ["-c", "import samverka.wsgi"]):
        result = run(args)
        assert result.returncode != 0
        assert "ImproperlyConfigured: SECRET_KEY saknas" in result.stderr
        assert "Sätt SECRET_KEY (eller SECRET_KEY_FILE)" in result.stderr


def test_debug_mode_may_run_without_secret_key():
    assert run(["manage.py", "check"], DEBUG="1").returncode == 0


def test_proxy_header_and_trusted_origins_are_read_from_the_environment():
    code = ("from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER, "
            "s.CSRF_TRUSTED_ORIGINS, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, "
            "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)")
    result = run(["-c", code], **PRODUCTION_ENV)
    assert result.stdout.strip() == (
        "('HTTP_X_FORWARDED_PROTO', 'https') ['https://samverka.linkoping.se'] 31536000 True "
        "True True"
    ), result.stderr
    broken = run(["-c", code], **{**PRODUCTION_ENV, "SECURE_PROXY_SSL_HEADER": "X_FORWARDED"})
    assert "SECURE_PROXY_SSL_HEADER ska vara två kommaseparerade värden" in broken.stderr
