"""The `samverka` console script: Django's management commands under the project's name.

Read commands (portfolio, budget, …) work on a fresh clone: when the embedded SQLite database has
not been created yet, it is migrated and the demo municipality loaded first, with a notice on
standard error.
"""

import os
import secrets
import sys

AUTO_SETUP_COMMANDS = {"portfolio", "budget", "memo", "followup"}
SERVER_COMMANDS = {"runserver"}


def _ensure_embedded_database() -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    if connection.vendor != "sqlite" or settings.DATABASES["default"]["NAME"] == ":memory:":
        return
    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    print("Databasen är inte uppsatt: migrerar och läser in demokommunen …", file=sys.stderr)
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)


def _one_off_secret_key(argv: list[str]) -> None:
    """Give a command without SECRET_KEY a random key of its own, so the CLI works on a fresh clone.

    Command-line work signs nothing that outlives the process. The web server never gets one:
    without SECRET_KEY it refuses to start (see settings.py).
    """
    if os.environ.get("SECRET_KEY") or os.environ.get("SECRET_KEY_FILE"):
        return
    if len(argv) > 1 and argv[1] in SERVER_COMMANDS:
        return
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    _one_off_secret_key(argv)
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    if len(argv) > 1 and argv[1] in AUTO_SETUP_COMMANDS and "--help" not in argv:
        _ensure_embedded_database()
    execute_from_command_line(["samverka", *argv[1:]])


if __name__ == "__main__":
    main()
