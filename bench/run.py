"""`make bench`: follow-up statistics at national scale on PostgreSQL, measured against a floor.

The floor is the time PostgreSQL needs merely to read the rows a figure involves: a count and a
sum over the same placements (same predicate) and the referrals of the period. The splits by
gender, age and route read copies on the placement rows (participants/facts.py), so no figure
reads the participants or all referrals any more, and the floor does not either. Every figure
is the warm median of several runs, reported in milliseconds and as a ratio to its floor; the
floor runs are interleaved with the figure's runs so that load from other processes on the
machine hits both alike. The run fails (exit 1) when the country-wide statistics take more
than 5 × their floor or the dashboard's p95 latency exceeds 300 ms.

Generates the data first (290 municipalities, 10 000 partnerships, 2 000 000 placements) when
the database holds less. Results go to bench/results/followup.json.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "followup.json"
sys.path.insert(0, str(ROOT))
YEAR = int(os.environ.get("BENCH_YEAR", "2024"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TARGET = {"municipalities": 290, "partnerships": 10_000, "placements": 2_000_000}
MAX_COUNTRY_RATIO = 5.0
MAX_DASHBOARD_P95_MS = 300.0


def refuse_unless_postgres() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "make bench mäter på PostgreSQL och vägrar köra utan det.\n"
            "Ange DATABASE_URL, t.ex.:\n"
            "  createdb -h 127.0.0.1 -U postgres samverka_bench\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/samverka_bench make bench"
        )


def _ms(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def timed_against_floor(function, floor, runs: int = RUNS) -> tuple[float, float]:
    """(median ms of FUNCTION, median ms of FLOOR): one warm-up each, then RUNS interleaved."""
    function()
    floor()
    times, floors = [], []
    for _ in range(runs):
        floors.append(_ms(floor))
        times.append(_ms(function))
    return statistics.median(times), statistics.median(floors)


def floor_scan(period, municipality_ids=None, partnership_ids=None):
    """A function that merely reads the rows the statistics read, plus its plans."""
    from django.db import connection

    def where(alias):
        parts, params = [], []
        if municipality_ids is not None:
            parts.append(f"{alias}.municipality_id = ANY(%s)")
            params.append(list(municipality_ids))
        if partnership_ids is not None:
            parts.append(f"{alias}.partnership_id = ANY(%s)")
            params.append(list(partnership_ids))
        return "".join(f" AND {p}" for p in parts), params

    p_sql, p_params = where("p")
    r_sql, r_params = where("r")
    queries = [
        # The placements of the period (both kinds of agreement), as the statistics select them.
        ("SELECT count(*), sum(coalesce(p.\"end\", %s::date) - p.start) "
         "FROM participants_placement p WHERE p.start <= %s::date "
         f"AND (p.\"end\" IS NULL OR p.\"end\" >= %s::date){p_sql}",
         [period.end, period.end, period.start, *p_params]),
        # The referrals of the period (flow).
        ("SELECT count(*), count(r.status) FROM participants_referral r "
         f"WHERE r.requested_on BETWEEN %s::date AND %s::date{r_sql}",
         [period.start, period.end, *r_params]),
    ]
    # Until 2026-11 the country's floor also scanned all participants and referrals, which the
    # splits joined; the splits now read the copies on the placements (Placement.stat_*), so
    # the statistics read only the rows above and so does the floor.

    def scan():
        with connection.cursor() as cursor:
            for sql, params in queries:
                cursor.execute(sql, params)
                cursor.fetchall()

    def plans() -> list[str]:
        with connection.cursor() as cursor:
            found = []
            for sql, params in queries:
                cursor.execute("EXPLAIN " + sql, params)
                found.append(" / ".join(line.strip() for (line,) in cursor.fetchall()[:4]))
            return found

    return scan, plans


def unavoidable_parts(period) -> dict:
    """The parts of the country-wide statistics that no formulation we know avoids, each
    measured alone with the statistics' own SQL and settings, against the same floor:

    - grouping: the placements of the period grouped per partnership with only a count, the
      least any per-partnership figure needs;
    - monthly series: the same grouping with the twelve monthly occupancy sums
      (`stats.month_sums`), the cheapest per-row form we found;
    - medians: `stats._medians`, a sort of the starts and exits of the period;
    - referrals: `stats._referral_rows`, the flow's referrals of the period.

    Their sum (without the bare grouping, which the monthly series contains) is what the
    statistics cost before any flow, outcome, split, distinct-person or economics figure."""
    from samverka.followup import stats
    from samverka.participants.models import Placement

    scope = stats._scope_sql("p", None, None)
    where, where_params = stats._in_period(period, scope)
    table = Placement._meta.db_table

    def grouped(columns, params):
        sql = (f"SELECT p.partnership_id, p.is_individual_agreement, COUNT(*)"
               f"{''.join(', ' + column for column in columns)} FROM {table} p WHERE {where} "
               "GROUP BY p.partnership_id, p.is_individual_agreement")
        with stats._statistics_session():
            stats.fetch(sql, params + where_params)

    months = stats.month_sums(period)
    parts = {
        "grouping": lambda: grouped([], []),
        "monthly_series": lambda: grouped(*months),
        "medians": lambda: _in_session(stats, lambda: stats._medians(period, scope, True)),
        "referrals": lambda: _in_session(
            stats, lambda: stats._referral_rows(period, stats._scope_sql("r", None, None))),
    }
    scan, _plans = floor_scan(period)
    result = {}
    for name, function in parts.items():
        ms, floor = timed_against_floor(function, scan)
        result[name] = {"ms": ms, "floor_ms": floor, "ratio": ms / floor}
    total = sum(result[name]["ratio"] for name in ("monthly_series", "medians", "referrals"))
    result["sum_ratio"] = total
    return result


def _in_session(stats, function):
    with stats._statistics_session():
        return function()


def ensure_data(log) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from samverka.followup.generate import Plan, generate
    from samverka.organisations.models import Municipality
    from samverka.participants.models import Placement
    from samverka.partnerships.models import Partnership

    call_command("migrate", verbosity=0)
    counts = {"municipalities": Municipality.objects.count(),
              "partnerships": Partnership.objects.count(),
              "placements": Placement.objects.count()}
    if all(counts[key] >= TARGET[key] for key in TARGET):
        log(f"Återanvänder befintliga data: {counts}")
        return counts
    if any(counts.values()) and counts["placements"] < TARGET["placements"]:
        log(f"Databasen har för lite data ({counts}); genererar mer.")
    log("Genererar nationella testdata (290 kommuner, 10 000 partnerskap, 2 000 000 "
        "placeringar) …")
    started = time.perf_counter()
    generate(Plan(**TARGET, seed=1), log=log)
    with connection.cursor() as cursor:
        # A bulk load is followed by VACUUM in production too (autovacuum would get there).
        cursor.execute("VACUUM ANALYZE")
    log(f"  klart på {time.perf_counter() - started:.0f} s")
    return ensure_data(log)


def dashboard_latency(municipality, period, repeat: int = 30) -> dict:
    """Dashboard requests through Django's test client after the snapshots are refreshed (what
    `samverka followup --refresh-dashboards` from cron does); the refresh itself is timed too,
    as the latency of the rare request that finds its snapshot too old."""
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from samverka.accounts.models import Profile

    user, created = get_user_model().objects.get_or_create(username=f"bench-{municipality.pk}")
    if created:
        Profile.objects.create(user=user, municipality=municipality, role="officer")
    from samverka.followup import snapshots
    from samverka.followup.periods import Period, year_period

    today = dt.date.today()
    ytd = Period(year_period(today.year).start, today)
    refresh_ms = statistics.median(_ms(lambda: snapshots.store(municipality, period))
                                   for _ in range(3))
    snapshots.store(municipality, ytd)
    client = Client()
    client.force_login(user)
    url = reverse("followup:dashboard") + f"?period={YEAR}"
    first = _ms(lambda: client.get(url))
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    times.sort()
    return {"snapshot_refresh_ms": refresh_ms, "first_ms": first,
            "median_ms": statistics.median(times),
            "p95_ms": times[int(round(0.95 * (len(times) - 1)))], "requests": repeat,
            "bytes": len(response.content)}


def extract_bench() -> dict:
    """The memo extraction benchmark (bench/extract_bench.py, a separate script)."""
    script = ROOT / "bench" / "extract_bench.py"
    if not script.exists():
        return {"skipped": "bench/extract_bench.py saknas"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    print(done.stdout.rstrip())
    if done.returncode:
        print(done.stderr.rstrip(), file=sys.stderr)
    return {"exit_code": done.returncode, "seconds": round(time.perf_counter() - started, 1)}


def main() -> int:
    refuse_unless_postgres()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db.models import Count

    from samverka.followup import report
    from samverka.followup.periods import year_period
    from samverka.followup.stats import portfolio_stats
    from samverka.organisations.models import Municipality
    from samverka.participants.models import Placement

    settings.ALLOWED_HOSTS = ["*"]
    counts = ensure_data(print)
    period = year_period(YEAR)
    big = (Placement.objects.values("municipality_id").annotate(n=Count("id"))
           .order_by("-n").first())
    municipality = Municipality.objects.get(pk=big["municipality_id"])
    top = (Placement.objects.filter(municipality=municipality).values("partnership_id")
           .annotate(n=Count("id")).order_by("-n").first())
    partnership = municipality.partnerships.get(pk=top["partnership_id"])
    print(f"Data: {counts}; största kommun {municipality} ({big['n']} placeringar, "
          f"{municipality.partnerships.count()} partnerskap); {RUNS} mätningar per siffra")

    results = {"measured_at": datetime.now().isoformat(timespec="seconds"),
               "machine": f"{platform.node()}, {os.cpu_count()} kärnor",
               "load_average_before": os.getloadavg(), "data": counts, "year": YEAR,
               "large_municipality": municipality.name}
    country_scan, country_plans = floor_scan(period)
    ms, floor = timed_against_floor(lambda: portfolio_stats(period), country_scan)
    rows, _total = portfolio_stats(period)
    results["country"] = {"ms": ms, "floor_ms": floor, "ratio": ms / floor,
                          "partnerships": len(rows), "floor_plans": country_plans()}
    muni_scan, muni_plans = floor_scan(period, [municipality.pk])
    ms, floor = timed_against_floor(
        lambda: portfolio_stats(period, municipality_ids=[municipality.pk]), muni_scan)
    results["municipality"] = {"ms": ms, "floor_ms": floor, "ratio": ms / floor,
                               "floor_plans": muni_plans()}
    dash = dashboard_latency(municipality, period)
    dash_floor = statistics.median(_ms(muni_scan) for _ in range(RUNS))
    dash.update(floor_ms=dash_floor, median_ratio=dash["median_ms"] / dash_floor,
                p95_ratio=dash["p95_ms"] / dash_floor)
    results["dashboard"] = dash
    report_scan, _plans = floor_scan(period, [municipality.pk], [partnership.pk])
    for fmt in ("docx", "pdf"):
        content = report.build(partnership, municipality, period, fmt)
        ms, floor = timed_against_floor(
            lambda fmt=fmt: report.build(partnership, municipality, period, fmt), report_scan,
            runs=3)
        results[f"report_{fmt}"] = {"ms": ms, "floor_ms": floor, "ratio": ms / floor,
                                    "bytes": len(content)}

    print(f"\nUppföljning {YEAR}                       tid (ms)  golv (ms)     kvot")
    for key, label in [("country", "Hela landet, portföljstatistik"),
                       ("municipality", f"{municipality.name[:24]}, portfölj"),
                       ("report_docx", "Årsrapport DOCX (ett partnerskap)"),
                       ("report_pdf", "Årsrapport PDF (ett partnerskap)")]:
        row = results[key]
        print(f"  {label:36} {row['ms']:9.1f} {row['floor_ms']:10.1f} {row['ratio']:8.2f}")
    print(f"  {'Översikt, omräkning av ögonblicksbild':36} {dash['snapshot_refresh_ms']:9.1f} "
          f"{dash_floor:10.1f} {dash['snapshot_refresh_ms'] / dash_floor:8.2f}")
    print(f"  {'Översikt, median':36} {dash['median_ms']:9.1f} {dash_floor:10.1f} "
          f"{dash['median_ratio']:8.2f}")
    print(f"  {'Översikt, p95':36} {dash['p95_ms']:9.1f} {dash_floor:10.1f} "
          f"{dash['p95_ratio']:8.2f}")

    parts = unavoidable_parts(period)
    results["unavoidable_parts"] = parts
    print("\nHela landet: delar som statistiken inte kan undvika (var för sig)")
    for key, label in [("grouping", "Gruppering per partnerskap (bara antal)"),
                       ("monthly_series", "… med beläggning per månad (12 summor)"),
                       ("medians", "Medianer (sortering)"),
                       ("referrals", "Anvisningar under perioden")]:
        row = parts[key]
        print(f"  {label:40} {row['ms']:9.1f} {row['floor_ms']:10.1f} {row['ratio']:8.2f}")
    summary = "Summa: månadsserie + medianer + anvisningar"
    print(f"  {summary:52} {parts['sum_ratio']:8.2f} × golvet")

    print("\nMinnesanteckningar: extraktion (bench/extract_bench.py)")
    results["extract_bench"] = extract_bench()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n")
    print(f"\nResultat: {RESULTS.relative_to(ROOT)}")

    failures = []
    if results["country"]["ratio"] > MAX_COUNTRY_RATIO:
        failures.append(f"hela landet tar {results['country']['ratio']:.1f} × golvet "
                        f"(gräns {MAX_COUNTRY_RATIO:.0f} ×)")
    if dash["p95_ms"] > MAX_DASHBOARD_P95_MS:
        failures.append(f"översiktens p95 är {dash['p95_ms']:.0f} ms "
                        f"(gräns {MAX_DASHBOARD_P95_MS:.0f} ms)")
    for failure in failures:
        print(f"MISSLYCKADES: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
