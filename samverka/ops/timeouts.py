"""Statement timeouts for statistics: one heavy request must not hold the database.

On PostgreSQL `statement_timeout(ms)` opens a transaction and sets `SET LOCAL statement_timeout`,
so the limit ends with the block; a cancelled statement becomes StatisticsTimeout. On SQLite it
does nothing. `statistics_view` wraps a view in it and answers a timeout with a Swedish 503 page.
"""

import functools
import logging
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.shortcuts import render

logger = logging.getLogger("samverka.timeouts")
QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement cancelled by the timeout


class StatisticsTimeout(Exception):
    """A statistics query ran longer than STATISTICS_TIMEOUT_MS."""


def _cancelled(error: OperationalError) -> bool:
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) == QUERY_CANCELED or "statement timeout" in str(error)


@contextmanager
def statement_timeout(milliseconds: int | None = None):
    """Limit every statement inside the block to MILLISECONDS (STATISTICS_TIMEOUT_MS by default)."""
    if connection.vendor != "postgresql":
        yield
        return
    limit = int(milliseconds if milliseconds is not None else settings.STATISTICS_TIMEOUT_MS)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [f"{limit}ms"])
            yield
    except OperationalError as error:
        if not _cancelled(error):
            raise
        raise StatisticsTimeout(f"statement timeout after {limit} ms") from error


def statistics_view(view):
    """Run VIEW under the statistics statement timeout; a timeout gives a Swedish 503 page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            with statement_timeout():
                return view(request, *args, **kwargs)
        except StatisticsTimeout:
            logger.warning("Statistikfrågan avbröts efter tidsgränsen", extra={
                "path": request.path, "timeout_ms": settings.STATISTICS_TIMEOUT_MS})
            return render(request, "ops/statistics_timeout.html", {"nav": "followup"}, status=503)

    return wrapper
