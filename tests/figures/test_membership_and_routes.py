"""Which partnerships belong to a year (one definition for the portfolio and the follow-up),
and seed 002's comparison of individual agreements with the partnership."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from samverka.followup.periods import year_period
from samverka.followup.report import build
from samverka.followup.stats import portfolio_stats
from samverka.partnerships import selectors
from samverka.partnerships.models import Partnership

pytestmark = pytest.mark.django_db

SEED_003_IOPS = {"Hoppfull framtid", "Kompletterande språkträning",
                 "Bromodellen – Vägen till anställningsbarhet", "Inkludering på lika villkor",
                 "Språkvänner"}
SEED_002 = "Revidering av IOP Hoppfull framtid, Linköpings Stadsmission"


def _cli_json(command, *args, **options) -> dict:
    out = io.StringIO()
    call_command(command, *args, format="json", stdout=out, **options)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("year", range(2018, 2027))
def test_portfolio_and_follow_up_list_the_same_partnerships(demo, year):
    register = {row.name for row in selectors.portfolio(demo, year, form=None).rows}
    rows, _total = portfolio_stats(year_period(year), municipality_ids=[demo.pk])
    assert register == {row.name for row in rows}
    assert register  # every demo year has partnerships


def test_2024_register_lists_what_the_follow_up_lists(demo):
    cli = _cli_json("portfolio", year=2024, form="all")
    follow_up = _cli_json("followup", year=2024)
    assert len(cli["partnerships"]) == len(follow_up["partnerships"]) == 7
    unknown = {row["name"] for row in cli["partnerships"] if not row["period_known"]}
    # Ran with participants in 2024, but no recorded agreement period covers 2024.
    assert unknown == {"Bromodellen – Vägen till anställningsbarhet", "Hoppfull framtid",
                       "Kompletterande språkträning", "Språkvänner"}


def test_2020_has_the_five_iops_of_seed_003(demo):
    rows = selectors.portfolio(demo, 2020, form="iop").rows
    assert {row.name for row in rows} == SEED_003_IOPS


def test_each_year_shows_the_version_in_force_that_year(demo):
    def ikf(year):
        return next(row for row in selectors.portfolio(demo, year).rows
                    if row.name == "Inkludering på lika villkor")

    assert (ikf(2019).start, str(ikf(2019).end)) == (None, "2020-12-31")  # version 1
    assert ikf(2019).status == "ended" and ikf(2019).period_known
    assert (str(ikf(2021).start), ikf(2021).end) == ("2021-01-01", None)  # the revision
    # Seed 003's 2019 target group, not the one seed 004 widens from 2021.
    assert ikf(2019).target_group == ("Vuxna nyanlända, f a kvinnor men alla är välkomna. "
                                      "<10h/v.")
    assert "Från 2021 inkluderas även män" in ikf(2021).target_group
    data = _cli_json("portfolio", year=2019)
    row = next(r for r in data["partnerships"] if r["name"] == "Inkludering på lika villkor")
    assert row["start"] != "2021-01-01" and row["end"] == "2020-12-31"


def test_period_unknown_is_shown_not_dropped(demo, officer_client):
    row = next(r for r in selectors.portfolio(demo, 2020).rows if r.name == "Språkvänner")
    assert not row.period_known and "participants" in row.basis
    page = officer_client.get(reverse("portfolio"), {"year": 2020}).content.decode()
    assert "period okänd" in page
    csv_text = officer_client.get(reverse("portfolio"),
                                  {"year": 2020, "export": "csv"}).content.decode()
    line = next(line for line in csv_text.splitlines() if line.startswith("Språkvänner"))
    assert line.split(";")[-1] == "period okänd"
    dashboard = officer_client.get(reverse("followup:dashboard"), {"period": "2020"})
    assert "period okänd" in dashboard.content.decode()


def test_seed_002_cost_per_person_by_each_route_2018(demo, officer_client):
    data = _cli_json("followup", "Hoppfull framtid", year=2018)
    routes = data["individual_agreements"]
    # Reported (no placements recorded in 2018): 214 976 kr / 24 = 8 957,33 → 8 957 kr.
    assert (routes["persons"], routes["cost"], routes["cost_per_person"]) == (24, 214_976, 8_957)
    assert (routes["source"], routes["source_document"]) == ("reported", SEED_002)
    # 14 referred under the IOP; the committee's 1 100 000 kr / 14 = 78 571,43 → 78 571 kr.
    own = routes["partnership"]
    assert (own["persons"], own["committee_cost"], own["cost_per_person"]) == (
        14, 1_100_000, 78_571)
    assert (own["source"], own["source_document"]) == ("reported", SEED_002)
    hoppfull = Partnership.objects.get(name="Hoppfull framtid")
    page = officer_client.get(reverse("followup:partnership", args=[hoppfull.pk]),
                              {"period": "2018"}).content.decode().replace("\u00a0", " ")
    routes_table = page[page.index('id="routes"'):]
    assert "8 957 kr" in routes_table and "78 571 kr" in routes_table
    assert "redovisad uppgift" in routes_table and SEED_002 in routes_table
    text = build(hoppfull, demo, year_period(2018), "docx")
    from docx import Document

    paragraphs = " ".join(p.text for p in Document(io.BytesIO(text)).paragraphs).replace(
        "\u00a0", " ")  # amounts are held together by no-break spaces
    assert "Kostnad per person på individuella avtal: 8 957 kr" in paragraphs
    assert "Kostnad per person inom partnerskapet: 78 571 kr" in paragraphs


def test_recorded_placements_are_used_where_they_exist(demo):
    routes = _cli_json("followup", "Hoppfull framtid", year=2019)["individual_agreements"]
    assert routes["source"] == "placements" and routes["persons"] >= 5
    assert routes["cost_per_person"] == 8_957  # the demo's cost per individual agreement
    assert routes["partnership"]["source"] == "placements"
