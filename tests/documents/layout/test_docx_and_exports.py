"""Items 1 and 5 of issue 14: the DOCX are A4, Swedish, with repeated header rows and a real
author; LibreOffice opens every DOCX (its PDF passes the same layout check) and every export
(dates are dates, numbers numbers, no code in a cell)."""

import csv
import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl import load_workbook

from samverka.core import numbers
from tests.documents.pagecheck import problems

pytestmark = pytest.mark.django_db
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) saknas")
# Codes that must never stand in an export's cell (the labels are Swedish words).
CODES = {"iop", "decided", "active", "signed", "draft", "ended", "expired", "procurement",
         "grant", "met", "not_met", "work", "studies", "man", "woman", "all"}


def test_every_docx_is_a4_swedish_with_repeating_header_rows(generated):
    assert generated.docx
    for name, data in generated.docx.items():
        document = Document(io.BytesIO(data))
        section = document.sections[0]
        assert abs(section.page_width - Cm(21)) < Cm(0.05), name
        assert abs(section.page_height - Cm(29.7)) < Cm(0.05), name
        props = document.core_properties
        assert props.author and props.author != "python-docx", name
        assert props.language == "sv-SE" and props.title, name
        defaults = document.styles.element.find(qn("w:docDefaults"))
        assert defaults.find(".//" + qn("w:lang")).get(qn("w:val")) == "sv-SE", name
        assert document.styles["Normal"].element.find(".//" + qn("w:lang")).get(
            qn("w:val")) == "sv-SE", name
        header = "".join(p._p.xml for p in section.header.paragraphs)
        assert "NUMPAGES" in header and "PAGE" in header, name
        for table in document.tables:
            first = table.rows[0]._tr.trPr
            assert first is not None and first.find(qn("w:tblHeader")) is not None, name


def test_reports_name_their_officer_as_author(generated):
    document = Document(io.BytesIO(generated.docx["portfolio-2024"]))
    assert document.core_properties.author == "Hanna Handläggare"
    texts = [p.text for p in document.paragraphs[:8]]
    assert "Handläggare: Hanna Handläggare" in texts and "Linköpings kommun" in texts


def _convert(data: bytes, suffix: str, target: str, tmp_path) -> bytes:
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = tmp_path / f"in.{suffix}"
    source.write_bytes(data)
    result = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", target, "--outdir", str(tmp_path / "out"), str(source)],
        capture_output=True, timeout=180, check=False)
    output = tmp_path / "out" / f"in.{target.split(':')[0]}"
    assert result.returncode == 0 and output.exists(), result.stderr.decode()[-500:]
    return output.read_bytes()


@needs_soffice
def test_libreoffice_renders_each_docx_within_the_page(generated, tmp_path):
    found = []
    names = sorted(generated.docx)
    # one of each kind and year is enough for the converter; all of them would take minutes
    chosen = [n for n in names if n.startswith(("memo", "portfolio"))] + [
        n for n in names if n.startswith("uppfoljning") and n.endswith("2024")]
    for name in chosen:
        found += problems(_convert(generated.docx[name], "docx", "pdf", tmp_path / name), name)
    assert not found, "\n".join(found[:30])


@needs_soffice
def test_libreoffice_opens_each_xlsx(generated, tmp_path):
    for name, data in generated.xlsx.items():
        converted = _convert(data, "xlsx", "xlsx:Calc MS Excel 2007 XML", tmp_path / name)
        # LibreOffice's own XLSX keeps the panes in its view settings, so only the data counts
        check_sheet(load_workbook(io.BytesIO(converted)).active, name, frozen=False)


def check_sheet(sheet, name, frozen=True):
    """Dates are dates, figures numbers (or the symbols), no code, a title and a legend."""
    import datetime as dt

    rows = list(sheet.iter_rows(values_only=True))
    assert " Uttaget " in rows[0][0], name
    header = rows[1]
    body = rows[2:rows.index((None,) * len(header))]
    assert body, name
    for row in body:
        for label, value in zip(header, row, strict=False):
            assert not (isinstance(value, str) and value.strip().lower() in CODES), (name, value)
            if label in ("Från och med", "Till och med") and value not in (None, ""):
                assert isinstance(value, dt.datetime | dt.date) or value == numbers.UNKNOWN, \
                    (name, label, value)
            if label and "(kr)" in label and value not in (None, ""):
                assert isinstance(value, int | float) or value in (
                    numbers.UNKNOWN, numbers.SUPPRESSED), (name, label, value)
    legend = [r[0] for r in rows[len(body) + 2:]]
    assert "Teckenförklaring:" in legend, name
    if frozen:
        assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref, name


def test_each_xlsx_as_written(generated):
    for name, data in generated.xlsx.items():
        check_sheet(load_workbook(io.BytesIO(data)).active, name)


def test_each_csv_opens_in_swedish_excel(generated):
    for name, data in generated.csv.items():
        assert data.startswith("\ufeff".encode()), name
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        assert rows[1][:3] == ["Partnerskap", "Samverkansform", "Status"], name
        body = rows[2:rows.index([])]
        assert body and not {c.lower() for r in body for c in r} & CODES, name
        assert all(r[8] for r in body), name  # the committee's cost: a number or the words
