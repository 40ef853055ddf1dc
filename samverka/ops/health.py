"""`/healthz` for the load balancer: the database answers and every migration is applied.

No login, no personal data: the answer names only the check that failed.
"""

import logging

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("samverka.health")


def database_reachable() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def migrations_applied() -> bool:
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def failing_check() -> str | None:
    """The name of the first failing check, or None when all pass."""
    for name, check in (("database", database_reachable), ("migrations", migrations_applied)):
        try:
            if not check():
                return name
        except DatabaseError:
            logger.exception("Hälsokontrollen %s misslyckades", name)
            return name
    return None


@never_cache
@require_GET
def healthz(request):
    failed = failing_check()
    if failed is None:
        return JsonResponse({"status": "ok"})
    return JsonResponse({"status": "fail", "check": failed}, status=503)
