"""The portfolio and budgets as JSON-ready dicts, CSV and XLSX (amounts as real numbers)."""

import datetime as dt
import io

from django.utils import timezone
from openpyxl import Workbook

from samverka.core import numbers, spreadsheet

# (key, label, number format or None for text)
COLUMNS = [
    ("name", "Partnerskap", None), ("form_label", "Samverkansform", None),
    ("status_label", "Status", None), ("organisations", "Organisation", None),
    ("participants", "Antal deltagare", None), ("target_group", "Målgrupp", None),
    ("referral", "Anvisning", None), ("value", "Värde/år (kr)", spreadsheet.KRONOR_FORMAT),
    ("committee_cost", "Nämndens kostnad/år (kr)", spreadsheet.KRONOR_FORMAT),
    ("activity", "Aktivitet", None), ("start", "Från och med", spreadsheet.DATE_FORMAT),
    ("end", "Till och med", spreadsheet.DATE_FORMAT),
    ("period", "Avtalsperiod", None),  # "period okänd": no agreement period covers the year
]
KRONOR_FORMAT = spreadsheet.KRONOR_FORMAT
UNKNOWN_KEYS = {"value", "committee_cost", "start", "end"}


def _date(value):
    return value.isoformat() if value else None


def portfolio_dict(portfolio, municipality, form=None) -> dict:
    return {
        "municipality": municipality.name,
        "year": portfolio.year,
        "form": form or "all",
        "partnerships": [
            {
                "name": row.name, "form": row.form, "form_label": row.form_label,
                "status": row.status, "status_label": row.status_label,
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


def _cells(row: dict, dates_as_text: bool = False) -> list:
    """A partnership's cells: labels, not codes; real dates; unknown as "uppgift saknas"."""
    cells = []
    for key, _label, fmt in COLUMNS:
        value = row.get(key)
        if isinstance(value, list):
            value = ", ".join(value)
        elif fmt == spreadsheet.DATE_FORMAT and value and not dates_as_text:
            value = dt.date.fromisoformat(value)
        if value is None and key in UNKNOWN_KEYS:
            value = numbers.UNKNOWN
        cells.append("" if value is None else value)
    return cells


def _rows(data: dict, dates_as_text: bool = False) -> list[list]:
    totals = data["totals"]
    total = ["Totalt"] + [""] * (len(COLUMNS) - 1)
    total[7], total[8] = _total(totals["value"]), _total(totals["committee_cost"])
    return [_cells(row, dates_as_text) for row in data["partnerships"]] + [total]


def _title(data: dict) -> str:
    return spreadsheet.title_text("Partnerskapen", data["year"], data["municipality"],
                                  timezone.localdate())


def portfolio_csv(data: dict) -> str:
    """UTF-8 with BOM, ";" as Excel in Swedish expects; dates YYYY-MM-DD, amounts whole kronor."""
    return spreadsheet.csv_text(_title(data), [label for _k, label, _f in COLUMNS],
                                _rows(data, dates_as_text=True))


def portfolio_xlsx(data: dict) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Portfölj {data['year']}"
    spreadsheet.write_sheet(sheet, _title(data), [label for _k, label, _f in COLUMNS],
                            _rows(data), [fmt for _k, _l, fmt in COLUMNS])
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
