"""The portfolio and budgets as JSON-ready dicts, CSV and XLSX (amounts as real numbers)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from samverka.core import numbers
from samverka.core.spreadsheet import append_row, csv_writer

KRONOR_FORMAT = '#,##0 "kr"'
COLUMNS = [
    ("name", "Partnerskap"), ("form", "Samverkansform"), ("status", "Status"),
    ("organisations", "Organisation"), ("participants", "Antal deltagare"),
    ("target_group", "Målgrupp"), ("referral", "Anvisning"), ("value", "Värde/år (kr)"),
    ("committee_cost", "Nämndens kostnad/år (kr)"), ("activity", "Aktivitet"),
    ("start", "Från och med"), ("end", "Till och med"),
    ("period", "Avtalsperiod"),  # "period okänd": no recorded agreement period covers the year
]


def _date(value):
    return value.isoformat() if value else None


def portfolio_dict(portfolio, municipality, form=None) -> dict:
    return {
        "municipality": municipality.name,
        "year": portfolio.year,
        "form": form or "all",
        "partnerships": [
            {
                "name": row.name, "form": row.form, "status": row.status,
                "organisations": row.organisations, "participants": row.participants,
                "target_group": row.target_group, "referral": row.referral,
                "value": row.value, "committee_cost": row.committee_cost,
                "activity": row.activity, "start": _date(row.start), "end": _date(row.end),
                "period_known": row.period_known, "basis": row.basis,
                "period": "" if row.period_known else numbers.PERIOD_UNKNOWN,
            }
            for row in portfolio.rows
        ],
        "totals": {
            "partnerships": len(portfolio.rows),
            "value": portfolio.total_value,
            "committee_cost": portfolio.total_committee_cost,
            "partnerships_without_value": portfolio.rows_without_value,
            "partnerships_without_committee_cost": portfolio.rows_without_committee_cost,
        },
    }


def _total(amount: int | None) -> int | str:
    """A total with an unknown part is unknown: the words, never an empty cell or 0."""
    return numbers.UNKNOWN if amount is None else amount


def _cells(row: dict) -> list:
    cells = []
    for key, _label in COLUMNS:
        value = row[key]
        cells.append(", ".join(value) if isinstance(value, list) else value)
    return cells


def portfolio_csv(data: dict) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";")
    writer.writerow([label for _key, label in COLUMNS])
    for row in data["partnerships"]:
        writer.writerow(["" if cell is None else cell for cell in _cells(row)])
    totals = data["totals"]
    writer.writerow(["Totalt", "", "", "", "", "", "", _total(totals["value"]),
                     _total(totals["committee_cost"]), "", "", ""])
    return buffer.getvalue()


def portfolio_xlsx(data: dict) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Portfölj {data['year']}"
    append_row(sheet, [label for _key, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in data["partnerships"]:
        append_row(sheet, _cells(row))
    totals = data["totals"]
    append_row(sheet, ["Totalt", None, None, None, None, None, None, _total(totals["value"]),
                       _total(totals["committee_cost"])])
    sheet[sheet.max_row][0].font = Font(bold=True)
    for column in ("H", "I"):
        for cell in sheet[column][1:]:
            cell.number_format = KRONOR_FORMAT
    for index, width in enumerate([34, 20, 12, 34, 24, 40, 28, 16, 16, 40, 13, 13], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def budget_dict(partnership, statement) -> dict:
    return {
        "partnership": partnership.name,
        "year": statement.year,
        "base_year": statement.base_year,
        "indexation_percent": str(statement.indexation_percent),
        "lines": [
            {
                "description": line.description, "party": line.party, "kind": line.kind,
                "in_kind": line.in_kind,
                "hours_per_year": None if line.hours_per_year is None
                else int(line.hours_per_year),
                "hourly_rate": None if line.hourly_rate is None else int(line.hourly_rate),
                "amount": line.amount, "at_least": line.at_least, "derived": line.derived,
            }
            for line in statement.lines
        ],
        "parties": [
            {"party": party.party, "municipal": party.is_municipal, "amount": party.amount,
             "at_least": party.at_least}
            for party in statement.parties
        ],
        "total": statement.total,
        "municipality": statement.municipality_total,
        "partners": statement.partner_total,
        "municipality_share_percent": None if statement.municipality_share is None
        else str(statement.municipality_share),
        "benchmark_percent": "50",
        "value_per_place": statement.value_per_place,
        "value_per_participant": statement.value_per_participant,
    }
