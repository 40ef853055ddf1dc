"""The follow-up dashboard as XLSX with real numbers (counts, kronor, percent), not text."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from samverka.core import numbers
from samverka.core.spreadsheet import append_row

KRONOR = '#,##0 "kr"'
PERCENT = '0.0 "%"'
LEGEND = ("Tom cell: uppgift saknas (ett belopp är okänt, och då även varje summa det ingår i). "
          f"{numbers.SUPPRESSED}: uppgiften visas inte (för få personer, eller den skulle röja "
          "ett sådant antal).")
WITHOUT_PLACES = ("Beläggningsgrad och kostnad per plats för hela portföljen avser partnerskapen "
                  "med känt antal platser. Utan känt antal platser: ")
COLUMNS = [
    ("Partnerskap", lambda i: i["partnership"], None),
    ("Status", lambda i: i.get("status", ""), None),
    ("Till och med", lambda i: i.get("period_end"), "yyyy-mm-dd"),
    ("Platser", lambda i: i["occupancy"]["places"], "0"),
    ("Beläggningsgrad (%)", lambda i: i["occupancy"]["rate_percent"], PERCENT),
    ("Deltagare", lambda i: i["flow"]["participants"], "0"),
    ("Anvisade", lambda i: i["flow"]["referred"], "0"),
    ("Påbörjade", lambda i: i["flow"]["started"], "0"),
    ("Avslutade", lambda i: i["flow"]["ended"], "0"),
    ("Till arbete eller studier", lambda i: i["outcomes"]["to_work_or_studies"], "0"),
    ("Värde (kr)", lambda i: i["economics"]["value"], KRONOR),
    ("Nämndens kostnad (kr)", lambda i: i["economics"]["committee_cost"], KRONOR),
    ("Kostnad per plats (kr)", lambda i: i["economics"]["committee_cost_per_place"], KRONOR),
    ("Kostnad per deltagare (kr)",
     lambda i: i["economics"]["committee_cost_per_participant"], KRONOR),
]


def dashboard_xlsx(data: dict, period) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Uppföljning {period.label}"[:31]
    append_row(sheet, [label for label, _get, _fmt in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in [*data["partnerships"], {**data["total"], "partnership": "Hela portföljen"}]:
        # A withheld figure is written ".." (text), an unknown one (None) is left empty.
        append_row(sheet, [get(item) for _label, get, _fmt in COLUMNS])
        for cell, (_label, _get, fmt) in zip(sheet[sheet.max_row], COLUMNS, strict=True):
            if fmt:
                cell.number_format = fmt
    sheet[sheet.max_row][0].font = Font(bold=True)
    append_row(sheet, [])
    append_row(sheet, [LEGEND])
    without = data["total"]["occupancy"].get("partnerships_without_places")
    if without:
        append_row(sheet, [WITHOUT_PLACES + ", ".join(without)])
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
