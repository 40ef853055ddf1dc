"""Start-up checks for production serving: PostgreSQL is required.

Production serving means DEBUG is off and the process is a production WSGI server (gunicorn or
uWSGI is loaded) or SAMVERKA_PRODUCTION=1 says so. The development server, the test suite and the
management commands keep the embedded SQLite database of the demo. SAMVERKA_ALLOW_SQLITE=1
lets a production server run on SQLite anyway (only for tests of the server itself).
"""

import sys

from django.core.exceptions import ImproperlyConfigured

POSTGRESQL_ENGINES = {"django.db.backends.postgresql", "django.contrib.gis.db.backends.postgis"}
PRODUCTION_SERVERS = ("gunicorn", "uwsgi")


def serving_in_production(debug: bool, declared: bool) -> bool:
    return not debug and (declared or any(name in sys.modules for name in PRODUCTION_SERVERS))


def require_postgresql(databases: dict, production: bool, allow_sqlite: bool) -> None:
    """Refuse to start a production server whose database is not PostgreSQL."""
    engine = databases["default"].get("ENGINE", "")
    if production and engine not in POSTGRESQL_ENGINES and not allow_sqlite:
        raise ImproperlyConfigured(
            "Samverka kräver PostgreSQL i produktion: sätt DATABASE_URL till "
            "postgres://användare:lösenord@värd:5432/databas. Den inbyggda SQLite-databasen är "
            f"bara till för demo och utveckling (nu: {engine or 'ingen databas'}). "
            "(Samverka requires PostgreSQL in production: set DATABASE_URL.)")
