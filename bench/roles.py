"""Participant lists and follow-up pages at equal cost for every role (issue #13, item 3).

In the largest municipality (most partnerships; for the follow-up page the largest with at most
PAGE_MAX_PARTNERSHIPS, see there) three users, created here when missing:
an administrator, a case worker of the referring unit with the most referrals, and partner
staff of the organisation that is the partner of the municipality's largest partnership (by
placements). For each role, through Django's test client: the participant list (first page
with its total count) and the follow-up page of that partnership for YEAR. Each figure is the
warm median of RUNS requests after one warm-up, the roles' requests interleaved so that load
from other processes hits them alike; every restricted role must stay within
MAX_RATIO_TO_ADMIN × the administrator's time.

`measure_roles(year, runs)` expects Django to be set up (bench/run.py); run on its own:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samverka_bench .venv/bin/python bench/roles.py

(arguments: the figures to measure, participant_list and/or followup_partnership; both without).
"""

import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_RATIO_TO_ADMIN = 1.2
ROLES = ("admin", "case_worker", "partner_staff")
USERNAME = "bench-roles-{municipality}-{role}"
FIGURES = ("participant_list", "followup_partnership")


def _ms(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


# The follow-up page reads its municipality's protected figures (followup/publication.py): the
# protection of the largest generated municipality (1 043 partnerships) does not finish, so the
# page is measured in the largest municipality with at most this many partnerships.
PAGE_MAX_PARTNERSHIPS = int(os.environ.get("BENCH_PAGE_MAX_PARTNERSHIPS", "50"))


def largest_municipality(most: int | None = None):
    """The municipality with the most partnerships (at most MOST)."""
    from django.db.models import Count

    from samverka.organisations.models import Municipality

    found = Municipality.objects.annotate(n=Count("partnerships"))
    if most is not None:
        found = found.filter(n__lte=most)
    return found.order_by("-n", "pk").first()


def largest_partnership(municipality):
    """MUNICIPALITY's partnership with the most placements."""
    from django.db.models import Count

    from samverka.participants.models import Placement

    top = (Placement.objects.filter(municipality=municipality).values("partnership_id")
           .annotate(n=Count("id")).order_by("-n", "partnership_id").first())
    return municipality.partnerships.get(pk=top["partnership_id"])


def busiest_unit(municipality):
    """MUNICIPALITY's referring unit with the most referrals."""
    from django.db.models import Count

    from samverka.participants.models import Referral

    top = (Referral.objects.filter(municipality=municipality).values("referring_unit_id")
           .annotate(n=Count("id")).order_by("-n", "referring_unit_id").first())
    from samverka.partnerships.models import ReferringUnit

    return ReferringUnit.objects.get(pk=top["referring_unit_id"])


def partner_of(partnership):
    """The organisation that is PARTNERSHIP's partner (the first by pk)."""
    party = partnership.parties.filter(role="partner").order_by("pk").first()
    return party.organisation


def bench_user(municipality, role, organisation=None, unit=None):
    """The bench's user of ROLE in MUNICIPALITY, created or corrected (idempotent)."""
    from django.contrib.auth import get_user_model

    from samverka.accounts.models import Profile

    name = USERNAME.format(municipality=municipality.pk, role=role)
    user, _created = get_user_model().objects.get_or_create(username=name)
    Profile.objects.update_or_create(user=user, defaults={
        "municipality": municipality, "role": role, "organisation": organisation,
        "referring_unit": unit})
    return user


def role_users(municipality, partnership) -> dict:
    """The administrator, case worker and partner staff the bench signs in as."""
    office = municipality.organisations.filter(kind="municipal").order_by("pk").first()
    return {
        "admin": bench_user(municipality, "admin", office),
        "case_worker": bench_user(municipality, "case_worker", office,
                                  busiest_unit(municipality)),
        "partner_staff": bench_user(municipality, "partner_staff", partner_of(partnership)),
    }


def _getter(user, url):
    """A function that requests URL as USER and checks the answer."""
    from django.test import Client

    client = Client()
    client.force_login(user)

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, user.username, response.status_code)
        return response

    return get


def interleaved_medians(getters: dict, runs: int) -> dict:
    """{role: median ms}: one warm-up each, then RUNS rounds over every role in turn."""
    times = {role: [] for role in getters}
    for get in getters.values():
        get()
    for _ in range(runs):
        for role, get in getters.items():
            times[role].append(_ms(get))
    return {role: statistics.median(values) for role, values in times.items()}


def _rows(figure: str, medians: dict) -> list[dict]:
    admin = medians["admin"]
    rows = []
    for role, ms in medians.items():
        ratio = ms / admin
        rows.append({"figure": figure, "role": role, "ms": round(ms, 1),
                     "ratio_to_admin": round(ratio, 2), "ok": ratio <= MAX_RATIO_TO_ADMIN})
    return rows


def measure_roles(year: int, runs: int, figures=FIGURES) -> list[dict]:
    """The participant list and the follow-up page of the largest partnership for each role
    (ms, ratio to the administrator, and whether within MAX_RATIO_TO_ADMIN); FIGURES chooses
    which of the two."""
    from django.test.utils import override_settings
    from django.urls import reverse

    rows = []
    # As the tests do: force_login stands for the sign-in; the second factor is the login's.
    with override_settings(SAMVERKA_REQUIRE_2FA=False, ALLOWED_HOSTS=["*"]):
        for figure in figures:
            municipality = largest_municipality(
                PAGE_MAX_PARTNERSHIPS if figure == "followup_partnership" else None)
            partnership = largest_partnership(municipality)
            users = role_users(municipality, partnership)
            url = (reverse("participants:list") if figure == "participant_list" else
                   reverse("followup:partnership", args=[partnership.pk]) + f"?period={year}")
            getters = {role: _getter(user, url) for role, user in users.items()}
            warm_up = _ms(getters["admin"])  # the follow-up page: its protection, computed once
            for row in _rows(figure, interleaved_medians(getters, runs)):
                rows.append({**row, "municipality": municipality.name,
                             "partnerships": municipality.partnerships.count(),
                             "first_request_ms": round(warm_up, 1)})
    return rows


def print_table(rows: list[dict], title: str = "") -> None:
    print(title or "Per role                                 ms   × admin   ok")
    for row in rows:
        print(f"  {row['figure']:22} {row['role']:14} {row['ms']:8.1f} "
              f"{row['ratio_to_admin']:8.2f}   {'ja' if row['ok'] else 'NEJ'}   "
              f"{row['municipality']} ({row['partnerships']} partnerskap; första "
              f"anropet {row['first_request_ms']:.0f} ms)")


def main() -> int:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("bench/roles.py mäter på PostgreSQL: ange DATABASE_URL=postgres://…")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    import django

    django.setup()
    logging.getLogger("samverka.requests").setLevel(logging.WARNING)  # one line per request
    year = int(os.environ.get("BENCH_YEAR", "2024"))
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    figures = sys.argv[1:] or FIGURES  # e.g. `bench/roles.py participant_list`
    rows = measure_roles(year, runs, figures)
    print_table(rows, f"{year}, median of {runs} "
                      f"(limit {MAX_RATIO_TO_ADMIN} × admin)   ms   × admin   ok")
    return 0 if all(row["ok"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
