"""The `samverka` CLI as automation uses it: JSON with English keys and integer kronor."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_portfolio_json_totals_for_2019(demo):
    data = json.loads(run("portfolio", "--year", "2019", "--format", "json"))
    assert data["totals"]["value"] == 6300926
    assert data["totals"]["committee_cost"] == 3670000
    assert len(data["partnerships"]) == 5
    assert all(isinstance(row["value"], int) for row in data["partnerships"])


def test_portfolio_csv_has_a_row_per_partnership_and_totals(demo):
    rows = list(csv.reader(io.StringIO(run("portfolio", "--year", "2019", "--format", "csv")),
                           delimiter=";"))
    assert rows[0][0].startswith("\ufeffPartnerskapen 2019, Linköpings kommun. Uttaget ")
    assert rows[1][0] == "Partnerskap"
    table = rows[2:rows.index([])]  # the legend follows an empty row
    assert len(table) == 5 + 1
    assert table[-1][7:9] == ["6300926", "3670000"]


def test_portfolio_xlsx_holds_numbers_not_text(demo, tmp_path):
    target = tmp_path / "portfolj.xlsx"
    call_command("portfolio", "--year", "2019", "--format", "xlsx", "--output", str(target))
    sheet = load_workbook(target).active
    values = [sheet.cell(row=r, column=8).value for r in range(3, 8)]  # title, header rows
    assert all(isinstance(value, int) for value in values)
    assert sheet.cell(row=8, column=1).value == "Totalt"
    assert sheet.cell(row=8, column=8).value == 6300926


def test_budget_json_for_ikf(demo):
    data = json.loads(run("budget", "Inkludering på lika villkor", "--year", "2021"))
    assert (data["total"], data["municipality"], data["partners"]) == (664800, 339200, 325600)
    assert [(line["hours_per_year"], line["hourly_rate"], line["amount"])
            for line in data["lines"]] == [
        (800, 265, 212000), (480, 265, 127200), (800, 265, 212000), (240, 265, 63600),
        (None, None, 50000)]
    assert json.loads(run("budget", "inkludering på lika villkor", "--year", "2022"))[
        "total"] == 678096


def test_budget_for_an_unknown_partnership_says_so_in_swedish(demo):
    with pytest.raises(CommandError, match="finns inte"):
        run("budget", "Finns inte", "--year", "2021")
