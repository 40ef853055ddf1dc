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


def _convert_all(files: dict[str, bytes], suffix: str, target: str, tmp_path) -> dict[str, bytes]:
    """FILES converted by one LibreOffice run (one start-up for all: seconds, not minutes)."""
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (source / f"{name}.{suffix}").write_bytes(data)
    result = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", target, "--outdir", str(out),
         *sorted(str(path) for path in source.iterdir())],
        capture_output=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr.decode()[-500:]
    extension = target.split(":")[0]
    converted = {name: out / f"{name}.{extension}" for name in files}
    missing = [name for name, path in converted.items() if not path.exists()]
    assert not missing, (missing, result.stderr.decode()[-500:])
    return {name: path.read_bytes() for name, path in converted.items()}


@needs_soffice
def test_libreoffice_renders_each_docx_within_the_page(generated, tmp_path):
    pdfs = _convert_all(generated.docx, "docx", "pdf", tmp_path)
    found = [p for name, pdf in sorted(pdfs.items()) for p in problems(pdf, f"{name}.docx")]
    assert len(pdfs) == len(generated.docx) == len(generated.pdf)
    assert not found, "\n".join(found[:30])


@needs_soffice
def test_libreoffice_opens_each_xlsx(generated, tmp_path):
    converted = _convert_all(generated.xlsx, "xlsx", "xlsx:Calc MS Excel 2007 XML", tmp_path)
    for name, data in converted.items():
        # LibreOffice's own XLSX keeps the panes in its view settings, so only the data counts
        check_sheet(load_workbook(io.BytesIO(data)).active, name, frozen=False)


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
    portfolios = {n: d for n, d in generated.csv.items() if n.startswith("portfolj")}
    assert portfolios
    for name, data in portfolios.items():
        assert data.startswith("\ufeff".encode()), name
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        assert rows[1][:3] == ["Partnerskap", "Samverkansform", "Status"], name
        body = rows[2:rows.index([])]
        assert body and not {c.lower() for r in body for c in r} & CODES, name
        assert all(r[8] for r in body), name  # the committee's cost: a number or the words


@needs_soffice
def test_libreoffice_reads_the_participants_export_with_dates_and_numbers(generated, tmp_path):
    """The officer's participants export (CSV) as Calc in Swedish opens it: ';', UTF-8, sv-SE,
    special numbers detected."""
    import datetime as dt

    data = generated.csv["placeringar"]
    assert data.startswith("\ufeff".encode())
    source = tmp_path / "placeringar.csv"
    source.write_bytes(data)
    result = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--infilter=CSV:59,34,76,1,,1053,false,true", "--convert-to", "xlsx", "--outdir",
         str(tmp_path / "out"), str(source)], capture_output=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr.decode()[-500:]
    rows = list(load_workbook(tmp_path / "out" / "placeringar.xlsx").active.iter_rows(
        values_only=True))
    header, body = rows[0], [r for r in rows[1:] if any(v is not None for v in r)]
    assert len(body) > 100
    assert not [h for h in header if "_" in str(h)], header  # no field names
    column = {label: index for index, label in enumerate(header)}
    for row in body:
        assert isinstance(row[column["Startdatum"]], dt.datetime), row
        assert row[column["Slutdatum"]] is None or isinstance(row[column["Slutdatum"]],
                                                              dt.datetime), row
        assert row[column["Timmar per vecka"]] is None or isinstance(
            row[column["Timmar per vecka"]], int | float), row
        cost = row[column["Kostnad för individuellt avtal (kr)"]]
        assert cost is None or isinstance(cost, int | float), row
        # "Man" is the Swedish label of the code "man" (the test's list holds both genders)
        assert not {str(v).strip().lower() for v in row if v is not None} & (CODES - {"man"}), row
