"""Period summaries kept by PostgreSQL: the follow-up figures of every partnership for every
standard period (year, half-year, quarter, month), exact, so that a page reads a few thousand
summary rows instead of the period's raw placements.

One ledger (followup/models.py, `SummaryRow`), its SQL in followup/summary_sql.py: per
(partnership, individual agreement or not, period) the additive figures of the placements that
overlap the period (occupied days, in all and in each of its months, placements, started,
ended, active on the first and the last day, to work or studies, the individual agreements'
cost, count and sum of the days from referral to start and of the lengths of stay); in one JSON
object its cells (the splits by gender, age band and route, the exits by outcome, the referrals
by status) and in another its integer-day histograms (days to start, length of stay). The cells
and histograms are also summed per municipality (partnership 0) and for the country
(municipality 0). A whole row (rebuilt or compacted) also holds its medians, so that a portfolio
reads one row per partnership and no histogram unless a key changed since the last compaction.

Statement-level triggers on the placements and the referrals append each statement's change as
signed rows (the new rows' contributions minus the old rows'), so `QuerySet.update()`, raw
SQL, deletes and COPY cannot bypass them. Appending never locks a shared row, so concurrent
edits cannot deadlock; readers sum the rows of a key, and `compact()` (scheduled through
`samverka followup --maintain-summaries`) folds them into one row per key.

Open placements contribute up to the horizon (the last day of a year, SummaryState); periods
after it are computed from the raw rows until `extend()` moves the horizon. `rebuild()` starts
afresh; bulk loads run inside `suspended()`, which rebuilds at the end. SQLite (the embedded
demo) has no triggers: there the statistics read the raw rows, with the same definitions.
"""

import datetime as dt
from contextlib import contextmanager

from django.db import connection, transaction
from django.utils import timezone

from .periods import Period, kind
from .sql import is_postgres
from .summary_sql import (
    EVERY_PERIOD,
    INSERTS,
    NO_PERIOD,
    PLACEMENTS,
    REFERRALS,
    ROWS,
    STATE,
    fold,
    rebuild_insert,
    roll_up,
)

TRIGGER_FUNCTIONS = {PLACEMENTS: "followup_placement_summary",
                     REFERRALS: "followup_referral_summary"}
# The columns the summaries read: an UPDATE that changes none of them changes no figure.
COUNTED = {
    PLACEMENTS: ["partnership_id", "municipality_id", "is_individual_agreement", "start", "end",
                 "outcome", "individual_cost", "stat_gender", "stat_birth_year", "stat_route",
                 "stat_referred_on"],
    REFERRALS: ["partnership_id", "municipality_id", "status", "requested_on"],
}
# Inside the triggers: every period up to the horizon, nothing while the summaries are not built.
_TRIGGER_BOUNDS = f"SELECT DATE '0001-01-01' AS lo, horizon AS hi FROM {STATE} WHERE built"


def _signed(table: str, sign: int) -> str:
    return f"SELECT t.*, {sign} AS sign, {EVERY_PERIOD} AS from_day FROM {table} t"


def _columns(names: list[str], alias: str) -> str:
    return ", ".join(f'{alias}."{name}"' for name in names)


def _changed(table: str) -> str:
    """SQL: the updated rows whose counted columns changed, new (+1) and old (-1). When only a
    placement's end and outcome changed (an exit, a corrected end), the periods that end before
    the earlier of the two ends hold the same figures for both and are left out (FROM_DAY)."""
    counted = COUNTED[table]
    differ = f"({_columns(counted, 'n')}) IS DISTINCT FROM ({_columns(counted, 'o')})"
    from_day = EVERY_PERIOD
    if table == PLACEMENTS:
        rest = [name for name in counted if name not in ("end", "outcome")]
        from_day = (f"CASE WHEN ({_columns(rest, 'n')}) IS NOT DISTINCT FROM "
                    f"({_columns(rest, 'o')}) THEN LEAST(COALESCE(n.\"end\", {NO_PERIOD}), "
                    f"COALESCE(o.\"end\", {NO_PERIOD})) ELSE {EVERY_PERIOD} END")
    return " UNION ALL ".join(
        f"SELECT {a}.*, {sign} AS sign, {from_day} AS from_day FROM new_rows n "
        f"JOIN old_rows o ON n.id = o.id WHERE {differ}" for a, sign in (("n", 1), ("o", -1)))


def _trigger_function(table: str) -> str:
    def body(source: str) -> str:
        return INSERTS[table](source, _TRIGGER_BOUNDS)

    changed = _changed(table)
    return (f"CREATE OR REPLACE FUNCTION {TRIGGER_FUNCTIONS[table]}() RETURNS trigger "
            # A statement changes a few rows: compiling the queries (JIT) would cost 100 times
            # more than running them.
            "LANGUAGE plpgsql SET jit = off AS $$ BEGIN\n"
            f"IF TG_OP = 'INSERT' THEN {body(_signed('new_rows', 1))};\n"
            f"ELSIF TG_OP = 'DELETE' THEN {body(_signed('old_rows', -1))};\n"
            f"ELSE {body(changed)};\nEND IF;\nRETURN NULL;\nEND $$")


def _triggers(table: str) -> list[str]:
    function = TRIGGER_FUNCTIONS[table]
    statements = []
    for event, tables in (("INSERT", "NEW TABLE AS new_rows"),
                          ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
                          ("DELETE", "OLD TABLE AS old_rows")):
        # CREATE OR REPLACE (PostgreSQL 14+) does not lock out readers as DROP TRIGGER would.
        statements.append(f"CREATE OR REPLACE TRIGGER {function}_{event.lower()} AFTER {event} "
                          f"ON {table} REFERENCING {tables} "
                          f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()")
    return statements


# The standard periods whose months meet FIRST..LAST (whole periods, none when LAST < FIRST).
PERIODS_FUNCTION = """
CREATE OR REPLACE FUNCTION followup_periods(first date, last date)
RETURNS TABLE (kind text, start date, "end" date) LANGUAGE sql IMMUTABLE ROWS 20 AS $$
  SELECT 'month', d::date, (d + interval '1 month' - interval '1 day')::date
  FROM generate_series(date_trunc('month', first), last, interval '1 month') d
  UNION ALL
  SELECT 'quarter', d::date, (d + interval '3 months' - interval '1 day')::date
  FROM generate_series(date_trunc('quarter', first), last, interval '3 months') d
  UNION ALL
  SELECT 'half', d::date, (d + interval '6 months' - interval '1 day')::date
  FROM generate_series(make_date(EXTRACT(YEAR FROM first)::int,
                                 CASE WHEN EXTRACT(MONTH FROM first) <= 6 THEN 1 ELSE 7 END, 1),
                       last, interval '6 months') d
  UNION ALL
  SELECT 'year', d::date, (d + interval '1 year' - interval '1 day')::date
  FROM generate_series(date_trunc('year', first), last, interval '1 year') d
$$"""


def install() -> None:
    """Create or replace the SQL function and the triggers (PostgreSQL; idempotent). Runs
    after every migrate, so the triggers always compute what this module defines."""
    if not is_postgres():
        return
    with connection.cursor() as cursor:
        cursor.execute(PERIODS_FUNCTION)
        for table in TRIGGER_FUNCTIONS:
            cursor.execute(_trigger_function(table))
            for statement in _triggers(table):
                cursor.execute(statement)


def default_horizon(today: dt.date | None = None) -> dt.date:
    """The last day of this year: open placements are counted that far ahead. Each period
    after it costs every exit of an open placement one more summary row (an exit changes the
    periods from its end to the horizon); on New Year's Day the scheduled upkeep moves it
    within 15 minutes, and until then the new year's figures come from the rows, exact."""
    today = today or timezone.localdate()
    return dt.date(today.year, 12, 31)


def _lock_sources(cursor) -> None:
    """Writes to the placements and referrals wait until the transaction ends (reads do not)."""
    cursor.execute(f"LOCK TABLE {PLACEMENTS}, {REFERRALS} IN SHARE MODE")


def _append_all(cursor, lo: dt.date, hi: dt.date) -> None:
    """Write every placement's and referral's contribution to the periods in LO..HI, a year
    at a time (a year's groups fit in memory; all years at once spill to disk): first the
    partnerships' whole rows, then their cells summed per municipality and for the country
    (cheaper than three levels per placement and period)."""
    # Compiling (JIT) costs more than it saves here, and a year's groups need the memory.
    cursor.execute("SET LOCAL jit = off")
    cursor.execute("SET LOCAL work_mem = '256MB'")
    for year in range(max(lo.year, _first_year(cursor)), hi.year + 1):
        first, last = max(lo, dt.date(year, 1, 1)), min(hi, dt.date(year, 12, 31))
        cursor.execute(rebuild_insert(), [first, last])
        cursor.execute(roll_up(), [first, last, first, last])


def _first_year(cursor) -> int:
    """The first year with a placement or a referral (this year when there are none)."""
    cursor.execute(f"SELECT LEAST((SELECT MIN(start) FROM {PLACEMENTS}), "
                   f"(SELECT MIN(requested_on) FROM {REFERRALS}))")
    found = cursor.fetchone()[0]
    return found.year if found else timezone.localdate().year


def rebuild(horizon: dt.date | None = None) -> None:
    """Recompute the summaries from the raw rows (after a bulk load, or to repair)."""
    if not is_postgres():
        return
    horizon = horizon or default_horizon()
    with transaction.atomic(), connection.cursor() as cursor:
        _lock_sources(cursor)
        _enable_triggers(cursor)
        # DELETE, not TRUNCATE: readers go on reading the old summaries until the commit.
        cursor.execute(f"DELETE FROM {ROWS}")
        cursor.execute(f"DELETE FROM {STATE}")
        cursor.execute(f"INSERT INTO {STATE} (id, horizon, built) VALUES (1, %s, true)",
                       [horizon])
        _append_all(cursor, dt.date(1, 1, 1), horizon)


def _enable_triggers(cursor) -> None:
    """Turn the triggers on again where a bulk load left them off (stopped half-way)."""
    cursor.execute("SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c "
                   "ON c.oid = t.tgrelid WHERE t.tgname LIKE 'followup_%%' "
                   "AND t.tgenabled = 'D'")
    for (table,) in cursor.fetchall():
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def horizon() -> dt.date | None:
    """The last day the summaries cover, None when they are not built (or on SQLite)."""
    if not is_postgres():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT horizon FROM {STATE} WHERE id = 1 AND built")
        found = cursor.fetchone()
    return found[0] if found else None


def extend(new_horizon: dt.date | None = None) -> bool:
    """Move the horizon to NEW_HORIZON (default: the end of this year), adding the periods in
    between; False when it already reaches that far or the summaries are not built."""
    new_horizon = new_horizon or default_horizon()
    current = horizon()
    if current is None or current >= new_horizon:  # the usual case: no lock taken
        return False
    with transaction.atomic(), connection.cursor() as cursor:
        _lock_sources(cursor)
        cursor.execute(f"SELECT horizon FROM {STATE} WHERE id = 1 AND built FOR UPDATE")
        found = cursor.fetchone()
        if not found or found[0] >= new_horizon:
            return False
        _append_all(cursor, found[0] + dt.timedelta(days=1), new_horizon)
        cursor.execute(f"UPDATE {STATE} SET horizon = %s WHERE id = 1", [new_horizon])
    return True


def compact() -> None:
    """Fold the appended rows into one whole row per key, with its medians (one compaction at
    a time; writers and readers go on meanwhile: rows appended after it started stay as they
    are). Its cost follows the rows appended since the last one."""
    if not is_postgres():
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('followup_summaries'))")
        cursor.execute(fold())


def maintain() -> bool:
    """The scheduled upkeep: extend the horizon when the year has turned, then compact."""
    extended = extend()
    compact()
    return extended


def _switch_triggers(action: str) -> None:
    """ENABLE or DISABLE the summaries' triggers. ALTER TABLE refuses while deferred constraint
    checks are pending in the transaction: they are run first."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in TRIGGER_FUNCTIONS:
            cursor.execute(f"ALTER TABLE {table} {action} TRIGGER USER")


# Above this many placements a rebuild takes minutes while writes wait: it runs when the
# operator chooses (`samverka followup --rebuild-summaries`), not inside a migration or a load.
REBUILD_AT_ONCE_LIMIT = 100_000


def small_enough() -> bool:
    """Whether the summaries may be rebuilt at once (few enough placements)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) <= %s FROM {PLACEMENTS}", [REBUILD_AT_ONCE_LIMIT])
        return cursor.fetchone()[0]


@contextmanager
def suspended():
    """A bulk load: the triggers are off inside, and the summaries rebuilt afterwards when
    small_enough(); else they stay not built (the figures come from the rows) until
    `samverka followup --rebuild-summaries`."""
    if not is_postgres():
        yield
        return
    with connection.cursor() as cursor:
        # Not built until rebuilt: should the load stop half-way, the figures come from the
        # rows until `samverka followup --rebuild-summaries`, which turns the triggers on again.
        cursor.execute(f"UPDATE {STATE} SET built = false")
    _switch_triggers("DISABLE")
    try:
        yield
    finally:
        _switch_triggers("ENABLE")
        if small_enough():
            rebuild()


def covers(period: Period) -> str | None:
    """The summaries' kind of PERIOD ("year", "half", "quarter", "month") when they hold it,
    else None (a custom range, a period after the horizon, SQLite, not built)."""
    found = kind(period)
    if found == "range":
        return None
    last = horizon()
    return found if last is not None and period.end <= last else None
