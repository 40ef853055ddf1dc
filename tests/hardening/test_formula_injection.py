"""No export writes a cell a spreadsheet would run as a formula (OWASP CSV injection).

The walk requests every GET URL of the app, each also with ?export=csv and ?export=xlsx, and
checks every CSV or XLSX that comes back, so an exporter added later is checked without being
listed here. A source scan makes sure no module writes CSV rows or sheet cells around
samverka.core.spreadsheet.
"""

import ast
import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from samverka.core.spreadsheet import FORMULA_STARTS, append_row, csv_writer, safe_cell
from samverka.organisations.models import Organisation
from samverka.participants.models import Participant
from samverka.partnerships.models import Partnership, ReferringUnit

from .walk import EXPORT_QUERIES, get_urls, register_data

EVIL = {
    "partnership": '=HYPERLINK("http://x","y")',
    "other_partnership": "@SUM(1+1)*cmd|' /C calc'!A0",
    "organisation": "+1+1",
    "other_organisation": "-2+3",
    "first_name": "\t=1+1",
    "last_name": "\r=2+2",
    "unit": "=AMC",
}
KNOWN_EXPORTS = {"portfolio", "followup:dashboard_xlsx", "participants:export"}
SAMVERKA = Path(__file__).resolve().parents[2] / "samverka"


@pytest.fixture
def evil_world(world):
    """The world with formula-like names, and the URLs to walk."""
    urls = get_urls(world, register_data(world))
    Partnership.objects.filter(pk=world.p_mission.pk).update(
        name=EVIL["partnership"], target_group="-målgrupp", activities="=aktivitet")
    Partnership.objects.filter(pk=world.p_ikf.pk).update(name=EVIL["other_partnership"])
    Organisation.objects.filter(pk=world.mission.pk).update(name=EVIL["organisation"])
    Organisation.objects.filter(pk=world.ikf.pk).update(name=EVIL["other_organisation"])
    Participant.objects.filter(pk=world.anna.pk).update(first_name=EVIL["first_name"],
                                                        last_name=EVIL["last_name"])
    ReferringUnit.objects.filter(pk=world.amc.pk).update(name=EVIL["unit"])
    return world, urls


def _spreadsheet_kind(response) -> str | None:
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        return "xlsx"
    if "text/csv" in kind:
        return "csv"
    return None


def _cells(kind, content) -> list[tuple[str | None, object]]:
    """(data type, value) of every cell; the data type is openpyxl's, None for CSV."""
    if kind == "csv":
        text = content.decode("utf-8-sig")
        return [(None, cell) for row in csv.reader(io.StringIO(text), delimiter=";")
                for cell in row]
    workbook = load_workbook(io.BytesIO(content))
    return [(cell.data_type, cell.value) for sheet in workbook.worksheets
            for row in sheet.iter_rows() for cell in row]


def _assert_no_formula(cells, where):
    for data_type, value in cells:
        assert data_type != "f", f"{where}: formula cell {value!r}"
        if isinstance(value, str):
            assert not value.startswith(FORMULA_STARTS), f"{where}: live cell {value!r}"


def _walk_exports(client, urls):
    """{(URL name, kind): cells} of every CSV and XLSX the walk gets back."""
    found = {}
    client.raise_request_exception = False
    for name, path in urls:
        for query in EXPORT_QUERIES:
            response = client.get(f"{path}?{query}" if query else path)
            kind = _spreadsheet_kind(response)
            if kind and response.status_code == 200:
                found[(name, kind)] = _cells(kind, response.content)
    return found


def test_every_export_neutralises_formula_cells(evil_world, login):
    world, urls = evil_world
    found = _walk_exports(login(world.users["admin"]), urls)
    assert {name for name, _kind in found} >= KNOWN_EXPORTS
    assert ("portfolio", "csv") in found and ("portfolio", "xlsx") in found
    for (name, kind), cells in found.items():
        _assert_no_formula(cells, f"{name} ({kind})")
    values = {(name, kind): {value for _type, value in cells} for (name, kind), cells in
              found.items()}
    for key in [("portfolio", "csv"), ("portfolio", "xlsx"), ("followup:dashboard_xlsx", "xlsx"),
                ("participants:export", "csv")]:
        assert safe_cell(EVIL["partnership"]) in values[key], key
    assert safe_cell(EVIL["first_name"]) in values[("participants:export", "csv")]
    assert safe_cell(EVIL["unit"]) in values[("participants:export", "csv")]
    assert safe_cell(EVIL["organisation"]) in values[("portfolio", "xlsx")]


@pytest.mark.parametrize("role", ["partner_staff", "case_worker", "officer"])
def test_participant_export_for_other_roles(evil_world, login, role):
    response = login(evil_world[0].users[role]).get("/deltagare/export.csv")
    if response.status_code != 200:
        pytest.skip(f"{role} may not export participants")
    _assert_no_formula(_cells("csv", response.content), role)


def test_numbers_stay_numbers_and_text_stays_text():
    from openpyxl import Workbook

    sheet = Workbook().active
    append_row(sheet, [-5, "-5", "=1+1", "ok", None, 2.5])
    cells = list(sheet[1])
    assert [c.value for c in cells] == [-5, "'-5", "'=1+1", "ok", None, 2.5]
    assert cells[0].data_type == "n" and cells[2].data_type == "s"
    buffer = io.StringIO()
    csv_writer(buffer, delimiter=";").writerow([-5, "@x", "\tx", "\rx", "+x", "a=b"])
    assert next(csv.reader(io.StringIO(buffer.getvalue()), delimiter=";")) == \
        ["-5", "'@x", "'\tx", "'\rx", "'+x", "a=b"]


def _writes_cells_directly(tree) -> list[str]:
    """Calls that write spreadsheet rows or cells other than through core.spreadsheet."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = ast.unparse(node.func.value)
            if owner == "csv" and node.func.attr in {"writer", "DictWriter"}:
                found.append(ast.unparse(node))
            if node.func.attr in {"append", "cell"} and "sheet" in owner.lower() \
                    or owner in {"ws", "worksheet"}:
                found.append(ast.unparse(node))
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "value" \
                        and "cell" in ast.unparse(target.value):
                    found.append(ast.unparse(node))
    return found


def test_no_module_writes_spreadsheet_cells_around_the_safe_writer():
    offenders = {}
    for path in SAMVERKA.rglob("*.py"):
        if path.name == "spreadsheet.py" and path.parent.name == "core":
            continue
        source = path.read_text(encoding="utf-8")
        if "csv" not in source and "openpyxl" not in source and "xlsxwriter" not in source:
            continue
        assert "xlsxwriter" not in source, f"{path}: use openpyxl through core.spreadsheet"
        found = _writes_cells_directly(ast.parse(source))
        if found:
            offenders[str(path.relative_to(SAMVERKA))] = found
    assert offenders == {}
