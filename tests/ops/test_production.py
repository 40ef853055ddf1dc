"""Production serving: PostgreSQL required, whitenoise right after SecurityMiddleware."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from samverka.ops.production import require_postgresql, serving_in_production

SQLITE = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "x.sqlite3"}}
POSTGRES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "samverka"}}


def test_production_on_sqlite_is_refused_in_swedish():
    with pytest.raises(ImproperlyConfigured, match="Samverka kräver PostgreSQL i produktion"):
        require_postgresql(SQLITE, production=True, allow_sqlite=False)


def test_postgresql_development_and_the_override_start():
    require_postgresql(POSTGRES, production=True, allow_sqlite=False)
    require_postgresql(SQLITE, production=False, allow_sqlite=False)
    require_postgresql(SQLITE, production=True, allow_sqlite=True)


def test_a_production_server_or_the_declaration_means_production(monkeypatch):
    monkeypatch.delitem(sys.modules, "gunicorn", raising=False)
    monkeypatch.delitem(sys.modules, "uwsgi", raising=False)
    assert not serving_in_production(debug=False, declared=False)
    assert serving_in_production(debug=False, declared=True)
    assert not serving_in_production(debug=True, declared=True)
    monkeypatch.setitem(sys.modules, "gunicorn", object())
    assert serving_in_production(debug=False, declared=False)


def _start(**env):
    """Import the settings the way a gunicorn worker does (gunicorn already loaded)."""
    base = {key: value for key, value in os.environ.items()
            if key not in {"DEBUG", "DATABASE_URL", "SAMVERKA_ALLOW_SQLITE"}}
    return subprocess.run(
        [sys.executable, "-c", "import gunicorn, django; django.setup(); print('startade')"],
        env={**base, "DJANGO_SETTINGS_MODULE": "samverka.settings", **env},
        capture_output=True, text=True, timeout=120)


def test_gunicorn_with_debug_off_on_sqlite_does_not_start():
    result = _start(DATABASE_URL="sqlite:////tmp/samverka-ops-refused.sqlite3",
                    SECRET_KEY="test-only-" + "x" * 50)
    assert result.returncode != 0
    assert "Samverka kräver PostgreSQL i produktion" in result.stderr


def test_gunicorn_with_debug_on_starts_on_sqlite():
    result = _start(DATABASE_URL="sqlite:////tmp/samverka-ops-refused.sqlite3", DEBUG="1",
                    SECRET_KEY="test-only-" + "x" * 50)
    assert result.returncode == 0, result.stderr[-500:]
    assert "startade" in result.stdout


def test_whitenoise_serves_static_files_after_the_security_middleware():
    index = settings.MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
    assert settings.MIDDLEWARE[index + 1] == "whitenoise.middleware.WhiteNoiseMiddleware"
