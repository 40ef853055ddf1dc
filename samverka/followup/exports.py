"""The follow-up dashboard as XLSX: real numbers (counts, kronor, percent) and dates, the symbols
of published statistics for what is not shown (".." withheld, "uppgift saknas" unknown)."""

import datetime as dt
import io

from django.utils import timezone
from openpyxl import Workbook

from samverka.core import numbers, spreadsheet

WITHOUT_PLACES = ("Beläggningsgrad och kostnad per plats för hela portföljen avser partnerskapen "
                  "med känt antal platser. Utan känt antal platser: ")
KRONOR, PERCENT, COUNT = (spreadsheet.KRONOR_FORMAT, spreadsheet.PERCENT_FORMAT,
                          spreadsheet.COUNT_FORMAT)
COLUMNS = [
    ("Partnerskap", lambda i: i["partnership"], None),
    ("Status", lambda i: _status(i), None),
    ("Till och med", lambda i: _day(i.get("period_end")), spreadsheet.DATE_FORMAT),
    ("Platser", lambda i: i["occupancy"]["places"], COUNT),
    ("Beläggningsgrad (%)", lambda i: i["occupancy"]["rate_percent"], PERCENT),
    ("Deltagare", lambda i: i["flow"]["participants"], COUNT),
    ("Anvisade", lambda i: i["flow"]["referred"], COUNT),
    ("Påbörjade", lambda i: i["flow"]["started"], COUNT),
    ("Avslutade", lambda i: i["flow"]["ended"], COUNT),
    ("Till arbete eller studier", lambda i: i["outcomes"]["to_work_or_studies"], COUNT),
    ("Värde (kr)", lambda i: i["economics"]["value"], KRONOR),
    ("Nämndens kostnad (kr)", lambda i: i["economics"]["committee_cost"], KRONOR),
    ("Kostnad per plats (kr)", lambda i: i["economics"]["committee_cost_per_place"], KRONOR),
    ("Kostnad per deltagare (kr)",
     lambda i: i["economics"]["committee_cost_per_participant"], KRONOR),
]


def _status(item: dict) -> str:
    """The agreement status in words (never its code)."""
    from samverka.partnerships.models import AgreementVersion

    labels = dict(AgreementVersion.Status.choices)
    key = item.get("status_key") or item.get("status") or ""
    return str(labels.get(key, item.get("status_label") or item.get("status") or ""))


def _day(value):
    if isinstance(value, str) and value:
        return dt.date.fromisoformat(value)
    return value


def _published(value, fmt):
    """A figure cell: the number itself, ".." when withheld, "uppgift saknas" when unknown."""
    if fmt is None or fmt == spreadsheet.DATE_FORMAT and value:
        return value if value is not None else ""
    if numbers.is_suppressed(value):
        return numbers.SUPPRESSED
    if value is None:
        return numbers.UNKNOWN
    return float(value) if fmt == PERCENT else value


def dashboard_xlsx(data: dict, period, municipality: str = "") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Uppföljning {period.label}"[:31]
    items = [*data["partnerships"], {**data["total"], "partnership": "Hela portföljen"}]
    rows = [[_published(get(item), fmt) for _label, get, fmt in COLUMNS] for item in items]
    municipality = municipality or data.get("municipality") or ""
    title = spreadsheet.title_text("Uppföljning av partnerskapen", period.label, municipality,
                                   timezone.localdate())
    without = data["total"]["occupancy"].get("partnerships_without_places")
    notes = [WITHOUT_PLACES + ", ".join(without)] if without else []
    spreadsheet.write_sheet(sheet, title, [label for label, _g, _f in COLUMNS], rows,
                            [fmt for _l, _g, fmt in COLUMNS], notes)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
