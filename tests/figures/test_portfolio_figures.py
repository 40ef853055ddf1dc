"""The portfolio's figures on the demo, computed by hand from the seeds and the demo data.

2024: only IKF (60 places, capacity in seed 004) and Bilda/Erikshjälpen (40 places, seed 000)
have a known number of places. IKF occupied 7 911 of 21 960 place-days (60 × 366), Bilda 3 801
of 14 640 (40 × 366): together (7 911 + 3 801) / 36 600 = 32,0 %. Their committee costs are
359 962 kr (seed 004's 339 200 kr indexed 2 % a year from 2021, per line) and 1 658 160 kr
(seed 000): (359 962 + 1 658 160) / 100 places = 20 181,22 → 20 181 kr per place.
"""

import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from samverka.followup import publication
from samverka.followup.periods import year_period
from samverka.followup.report import build
from samverka.followup.stats import portfolio_stats

pytestmark = pytest.mark.django_db

IKF = "Inkludering på lika villkor"
BILDA = "IOP Bilda Sydöst och Erikshjälpen"
WITHOUT_PLACES_2024 = ["Bromodellen – Vägen till anställningsbarhet", "Hoppfull framtid",
                       "IOP Östergötlands Stadsmission", "Kompletterande språkträning",
                       "Språkvänner"]


def _cli_json(command, *args, **options) -> dict:
    out = io.StringIO()
    call_command(command, *args, format="json", stdout=out, **options)
    return json.loads(out.getvalue())


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", html.replace("\u00a0", " "))


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return _text("\n".join(parts))


def _pdf_text(content: bytes) -> str:
    return _text(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def test_2024_occupancy_only_over_the_partnerships_with_places(demo):
    rows, total = portfolio_stats(year_period(2024), municipality_ids=[demo.pk])
    by_name = {row.name: row for row in rows}
    assert (by_name[IKF].occupied, by_name[IKF].available) == (7_911, 21_960)
    assert (by_name[BILDA].occupied, by_name[BILDA].available) == (3_801, 14_640)
    assert (by_name[IKF].occupancy, by_name[BILDA].occupancy) == (Decimal("36.0"),
                                                                   Decimal("26.0"))
    assert (total.occupied, total.available, total.places) == (7_911 + 3_801, 36_600, 100)
    assert total.occupancy == Decimal("32.0")
    assert total.without_places == WITHOUT_PLACES_2024
    assert sum(row.occupied for row in rows) > total.occupied  # the others are left out
    months = {month.label: month for month in total.months}
    assert sum(month.occupied for month in months.values()) == 11_712


def test_2024_cost_per_place_over_the_same_two(demo):
    rows, total = portfolio_stats(year_period(2024), municipality_ids=[demo.pk])
    by_name = {row.name: row for row in rows}
    assert (by_name[IKF].committee_cost, by_name[BILDA].committee_cost) == (359_962, 1_658_160)
    assert total.places_cost == 359_962 + 1_658_160
    assert total.cost_per_place == 20_181
    published = publication.portfolio(year_period(2024), [demo.pk])[0]["total"]
    assert published["economics"]["committee_cost_per_place"] == 20_181
    assert published["occupancy"]["rate_percent"] == 32.0
    assert published["occupancy"]["partnerships_without_places"] == WITHOUT_PLACES_2024


def test_2024_portfolio_rate_in_every_output(demo, officer_client, tmp_path):
    data = _cli_json("followup", year=2024)
    assert data["total"]["occupancy"]["rate_percent"] == 32.0
    out = io.StringIO()
    call_command("followup", year=2024, format="text", stdout=out)
    assert "Inkludering på lika villkor 2024: beläggning 36,0 %" in out.getvalue()
    assert "36.0" not in out.getvalue()
    assert data["total"]["economics"]["committee_cost_per_place"] == 20_181
    page = _text(officer_client.get(reverse("followup:dashboard"),
                                    {"period": "2024"}).content.decode())
    assert "32,0 %" in page and "146,7" not in page and "67,0 %" not in page
    assert 'id="without-places"' in page and "Östergötlands Stadsmission" in page
    xlsx = officer_client.get(reverse("followup:dashboard_xlsx"), {"period": "2024"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [cell.value for cell in sheet[2]]  # row 1 is the title
    total_row = next(row for row in sheet.iter_rows(values_only=True)
                     if row[0] == "Hela portföljen")
    assert total_row[header.index("Beläggningsgrad (%)")] == 32.0
    assert total_row[header.index("Kostnad per plats (kr)")] == 20_181
    for fmt, read in (("docx", _docx_text), ("pdf", _pdf_text)):
        text = read(build(None, demo, year_period(2024), fmt))
        assert "Beläggningsgraden för hela portföljen var 32,0 %" in text
        assert "Utan känt antal platser" in text


def test_2020_unknown_amounts_make_the_totals_unknown(demo, officer_client):
    data = _cli_json("portfolio", year=2020, form="all")
    costs = [row["committee_cost"] for row in data["partnerships"]]
    assert None in costs and sum(c for c in costs if c is not None) == 4_690_100
    assert data["totals"]["committee_cost"] is None
    assert data["totals"]["value"] is None
    assert _cli_json("portfolio", year=2020)["totals"]["committee_cost"] is None  # IOPs
    assert _cli_json("portfolio", year=2018, form="all")["totals"]["committee_cost"] is None
    url = reverse("portfolio")
    csv_text = officer_client.get(url, {"year": 2020, "export": "csv"}).content.decode()
    total_line = next(line for line in csv_text.splitlines() if line.startswith("Totalt"))
    assert total_line.split(";")[7:9] == ["uppgift saknas", "uppgift saknas"]
    assert "4690100" not in csv_text
    xlsx = officer_client.get(url, {"year": 2020, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    last = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Totalt")
    assert last[7:9] == ("uppgift saknas", "uppgift saknas")
    page = _text(officer_client.get(url, {"year": 2020}).content.decode())
    footer = page[page.index("<tfoot>"):]
    assert "uppgift saknas" in footer and "4 690 100" not in page


def test_follow_up_totals_with_an_unknown_cost_are_unknown(demo, officer_client):
    data = _cli_json("followup", year=2024)
    known = [p["economics"]["committee_cost"] for p in data["partnerships"]]
    assert None in known  # Hoppfull framtid and others have no budget for 2024
    assert data["total"]["economics"]["committee_cost"] is None
    assert data["total"]["economics"]["value"] is None
    page = _text(officer_client.get(reverse("followup:dashboard"),
                                    {"period": "2024"}).content.decode())
    footer = page[page.index("<tfoot>"):page.index("</tfoot>")]
    assert footer.count("uppgift saknas") == 2  # value and committee cost
    assert "3 728 122" not in page
    xlsx = officer_client.get(reverse("followup:dashboard_xlsx"), {"period": "2024"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [cell.value for cell in sheet[2]]
    rows = list(sheet.iter_rows(values_only=True))
    total_row = next(row for row in rows if row[0] == "Hela portföljen")
    assert total_row[header.index("Nämndens kostnad (kr)")] == "uppgift saknas"
    assert any(row[0] == "uppgift saknas  uppgiften är okänd" for row in rows)  # the legend
    for fmt, read in (("docx", _docx_text), ("pdf", _pdf_text)):
        text = read(build(None, demo, year_period(2024), fmt))
        assert "Värdet och nämndens kostnad är inte kända för hela perioden." in text
        assert "3 728 122" not in text


def test_register_portfolio_withholds_a_small_reported_count(demo, db):
    """The register's portfolio (read by the committee) printed the participants the sources
    report unsuppressed: a reported 3 next to the follow-up's withheld count gives it away."""
    from samverka.partnerships import selectors
    from samverka.partnerships.models import ReportedFigure

    members = [row.partnership for row in selectors.portfolio(demo, 2024).rows]
    small, large = members[0], members[1]
    ReportedFigure.objects.update_or_create(
        partnership=small, year=2024, key=ReportedFigure.Key.PARTICIPANTS,
        defaults={"number": 3, "text": "3 deltagare"})
    ReportedFigure.objects.update_or_create(
        partnership=large, year=2024, key=ReportedFigure.Key.PARTICIPANTS,
        defaults={"number": 12, "text": "12 deltagare"})
    rows = {row.partnership.pk: row for row in selectors.portfolio(demo, 2024).rows}
    assert rows[small.pk].participants == ".."
    assert rows[large.pk].participants == "12 deltagare"
