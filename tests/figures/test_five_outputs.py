"""Issue #12, item 3: for one period and the committee role, the web page, the CLI JSON, the XLSX,
the DOCX and the PDF carry the same figures with the same symbols ('..' withheld, '–' zero,
'uppgift saknas' unknown) for every partnership of the demo."""

import io
import json
import re

import pdfplumber
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from samverka.core import numbers
from samverka.followup.periods import year_period
from samverka.followup.report import build
from samverka.partnerships.models import Partnership

pytestmark = pytest.mark.django_db
YEAR = 2024
# (row label in the page's and the reports' flow table, key in the JSON, the XLSX column or None)
FIGURES = [("Anvisade", "referred", "Anvisade"), ("varav antagna", "accepted", None),
           ("varav avböjda", "declined", None), ("varav väntande", "waiting", None),
           ("Aktiva vid periodens början", "active_at_start", None),
           ("Påbörjade", "started", "Påbörjade"), ("Avslutade", "ended", "Avslutade"),
           ("Aktiva vid periodens slut", "active_at_end", None),
           ("Deltagare under perioden", "participants", "Deltagare")]


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("\u00a0", " ").strip()


def _page_cells(html: str) -> dict:
    found = {}
    for label, _key, _column in FIGURES:
        match = re.search(rf'<th scope="row">{label}</th><td class="num">(.*?)</td>', html)
        found[label] = _plain(match.group(1))
    return found


def _docx_cells(content: bytes) -> dict:
    rows = {row.cells[0].text: row.cells[-1].text for table in Document(io.BytesIO(content)).tables
            if table.rows[0].cells[0].text == "Uppgift" for row in table.rows}
    return {label: rows[label].replace("\u00a0", " ") for label, _key, _column in FIGURES}


def _pdf_cells(content: bytes) -> dict:
    """The flow table's rows as pdfplumber reads the PDF's drawn table."""
    rows = {}
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                if table and table[0] and table[0][0] == "Uppgift":
                    rows.update({row[0]: (row[-1] or "").replace("\u00a0", " ")
                                 for row in table})
    return {label: rows.get(label) for label, _key, _column in FIGURES}


def test_page_json_xlsx_docx_and_pdf_agree(demo, client, capsys):
    client.force_login(get_user_model().objects.get(username="namnd"))
    xlsx = client.get(reverse("followup:dashboard_xlsx"), {"period": str(YEAR)})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [cell.value for cell in sheet[2]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}
    symbols = set()
    for item in Partnership.objects.filter(municipality=demo, name__in=rows):
        call_command("followup", item.name, "--year", str(YEAR), "--format", "json")
        data = json.loads(capsys.readouterr().out)
        expected = {label: numbers.format_published(data["flow"][key]).replace("\u00a0", " ")
                    for label, key, _column in FIGURES}
        symbols |= {value for value in expected.values() if not value[0].isdigit()}
        page = client.get(reverse("followup:partnership", args=[item.pk]), {"period": str(YEAR)})
        assert _page_cells(page.content.decode()) == expected, item.name
        for _label, key, column in FIGURES:  # the XLSX: the number itself, or the symbol
            if column is None:
                continue
            cell = rows[item.name][header.index(column)]
            raw = data["flow"][key]
            assert cell == (numbers.UNKNOWN if raw is None else raw), (item.name, column)
        period = year_period(YEAR)
        assert _docx_cells(build(item, demo, period, "docx")) == expected, item.name
        assert _pdf_cells(build(item, demo, period, "pdf")) == expected, item.name
    # the demo year shows withheld cells and zeros, so the symbols themselves are compared
    assert {numbers.SUPPRESSED, numbers.ZERO} <= symbols, symbols
