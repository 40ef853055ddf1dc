"""Small SQL dialect helpers so the statistics queries run on PostgreSQL and SQLite alike."""

from django.db import connection


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def days_between(later: str, earlier: str) -> str:
    """SQL for the whole days from EARLIER to LATER (both date expressions)."""
    if is_postgres():
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def least(*parts: str) -> str:
    return f"{'LEAST' if is_postgres() else 'MIN'}({', '.join(parts)})"


def greatest(*parts: str) -> str:
    return f"{'GREATEST' if is_postgres() else 'MAX'}({', '.join(parts)})"


def date_param() -> str:
    """A date placeholder, typed on PostgreSQL so that date arithmetic resolves."""
    return "%s::date" if is_postgres() else "%s"


def fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
