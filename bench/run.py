"""`make bench`: follow-up statistics at national scale on PostgreSQL, measured against a floor.

The floor is the time PostgreSQL needs merely to scan the rows a figure involves (a count and a
sum over the same placements, referrals and participants, no grouping). Every figure is reported
as milliseconds and as a ratio to its floor. The run fails when the country-wide statistics take
more than 5 × their floor or the dashboard's p95 latency exceeds 300 ms.

Generates the data first (290 municipalities, 10 000 partnerships, 2 000 000 placements) when
the database holds less. Results go to bench/results.json as well.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
YEAR = int(os.environ.get("BENCH_YEAR", "2024"))
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


def timed(function, repeat: int = 5) -> tuple[float, object]:
    """Median wall time in ms over REPEAT runs after one warm-up run, and the last result."""
    result = function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def floor_ms(period, municipality_ids=None, partnership_ids=None) -> float:
    """Scan the rows involved: placements and referrals of the period, participants in scope."""
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
        ("SELECT count(*), sum(coalesce(p.\"end\", %s::date) - p.start) "
         "FROM participants_placement p WHERE p.start <= %s::date "
         f"AND (p.\"end\" IS NULL OR p.\"end\" >= %s::date){p_sql}",
         [period.end, period.end, period.start, *p_params]),
        ("SELECT count(*), count(r.status) FROM participants_referral r "
         f"WHERE r.requested_on BETWEEN %s::date AND %s::date{r_sql}",
         [period.start, period.end, *r_params]),
    ]
    if partnership_ids is None:
        m_sql = "" if municipality_ids is None else " WHERE pa.municipality_id = ANY(%s)"
        queries.append((f"SELECT count(*), count(pa.gender) FROM participants_participant pa"
                        f"{m_sql}", [] if municipality_ids is None else [list(municipality_ids)]))

    def scan():
        with connection.cursor() as cursor:
            for sql, params in queries:
                cursor.execute(sql, params)
                cursor.fetchall()

    return timed(scan)[0]


def ensure_data(log) -> dict:
    from django.core.management import call_command

    from samverka.followup.generate import Plan, generate
    from samverka.organisations.models import Municipality
    from samverka.participants.models import Placement
    from samverka.partnerships.models import Partnership

    call_command("migrate", verbosity=0)
    counts = {"municipalities": Municipality.objects.count(),
              "partnerships": Partnership.objects.count(),
              "placements": Placement.objects.count()}
    if all(counts[key] >= TARGET[key] for key in TARGET):
        return counts
    log("Genererar nationella testdata (290 kommuner, 10 000 partnerskap, 2 000 000 "
        "placeringar) …")
    started = time.perf_counter()
    generate(Plan(**TARGET, seed=1), log=log)
    log(f"  klart på {time.perf_counter() - started:.0f} s")
    return ensure_data(log)


def dashboard_latency(municipality, partnership, repeat: int = 40) -> tuple[float, float]:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from samverka.accounts.models import Profile

    user, created = get_user_model().objects.get_or_create(username=f"bench-{municipality.pk}")
    if created:
        Profile.objects.create(user=user, municipality=municipality, role="officer")
    client = Client()
    client.force_login(user)
    url = reverse("followup:dashboard") + f"?period={YEAR}"
    assert client.get(url).status_code == 200
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    return statistics.median(times), times[int(round(0.95 * (len(times) - 1)))]


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
    print(f"Data: {counts}; största kommun {municipality} ({big['n']} placeringar)")

    results = {"data": counts, "year": YEAR, "large_municipality": municipality.name}
    country_ms, (rows, _total) = timed(lambda: portfolio_stats(period), repeat=3)
    country_floor = floor_ms(period)
    results["country"] = {"ms": country_ms, "floor_ms": country_floor,
                          "ratio": country_ms / country_floor, "partnerships": len(rows)}
    muni_ms, _ = timed(lambda: portfolio_stats(period, municipality_ids=[municipality.pk]))
    muni_floor = floor_ms(period, [municipality.pk])
    results["municipality"] = {"ms": muni_ms, "floor_ms": muni_floor,
                               "ratio": muni_ms / muni_floor}
    median, p95 = dashboard_latency(municipality, partnership)
    results["dashboard"] = {"median_ms": median, "p95_ms": p95, "floor_ms": muni_floor,
                            "median_ratio": median / muni_floor, "p95_ratio": p95 / muni_floor}
    report_floor = floor_ms(period, [municipality.pk], [partnership.pk])
    for fmt in ("docx", "pdf"):
        ms, content = timed(lambda fmt=fmt: report.build(partnership, municipality, period, fmt),
                            repeat=3)
        results[f"report_{fmt}"] = {"ms": ms, "floor_ms": report_floor,
                                    "ratio": ms / report_floor, "bytes": len(content)}

    print(f"\nUppföljning {YEAR}                     tid (ms)   golv (ms)   kvot")
    for key, label in [("country", "Hela landet, portföljstatistik"),
                       ("municipality", f"{municipality.name[:24]}, portfölj"),
                       ("report_docx", "Årsrapport DOCX (ett partnerskap)"),
                       ("report_pdf", "Årsrapport PDF (ett partnerskap)")]:
        row = results[key]
        print(f"  {label:36} {row['ms']:9.1f} {row['floor_ms']:10.1f} {row['ratio']:7.2f}")
    dash = results["dashboard"]
    print(f"  {'Översikt, median':36} {dash['median_ms']:9.1f} {dash['floor_ms']:10.1f} "
          f"{dash['median_ratio']:7.2f}")
    print(f"  {'Översikt, p95':36} {dash['p95_ms']:9.1f} {dash['floor_ms']:10.1f} "
          f"{dash['p95_ratio']:7.2f}")
    Path(ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")

    failures = []
    if results["country"]["ratio"] > MAX_COUNTRY_RATIO:
        failures.append(f"hela landet tar {results['country']['ratio']:.1f} × golvet "
                        f"(gräns {MAX_COUNTRY_RATIO})")
    if dash["p95_ms"] > MAX_DASHBOARD_P95_MS:
        failures.append(f"översiktens p95 är {dash['p95_ms']:.0f} ms "
                        f"(gräns {MAX_DASHBOARD_P95_MS:.0f} ms)")
    for failure in failures:
        print(f"MISSLYCKADES: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
