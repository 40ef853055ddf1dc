"""Spreadsheet cells that cannot become formulas (CSV and XLSX injection, OWASP's rule).

A text cell starting with "=", "+", "-", "@", a tab or a carriage return is read by Excel and
LibreOffice as a formula (=HYPERLINK(…), =cmd|…). Such text is written with a single quote in
front, in CSV and XLSX alike, so it is shown as text and never run. Numbers, dates and empty cells
are written as they are: a negative amount stays a number. Every CSV and XLSX export writes its
rows through csv_writer or safe_row; tests/hardening checks that none writes them another way.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """VALUE, with a quote in front if it is text a spreadsheet would take for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]


class SafeCsvWriter:
    """csv.writer whose rows pass through safe_row."""

    def __init__(self, file, **kwargs):
        self._writer = csv.writer(file, **kwargs)

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **kwargs) -> SafeCsvWriter:
    return SafeCsvWriter(file, **kwargs)


def append_row(sheet, values) -> None:
    """Append VALUES to an openpyxl SHEET as safe cells; text is always stored as text."""
    sheet.append(safe_row(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


# --- Layout of an export people open in Excel or LibreOffice -----------------------------------

CSV_BOM = "\ufeff"  # Excel on Windows reads UTF-8 (å ä ö) only with it
CSV_DELIMITER = ";"  # Excel in Swedish: the comma is the decimal sign
KRONOR_FORMAT = '#,##0 "kr"'
PERCENT_FORMAT = '0.0 "%"'
DATE_FORMAT = "yyyy-mm-dd"
COUNT_FORMAT = "#,##0"


def title_text(what: str, year, municipality: str, extracted) -> str:
    """The title row: what, year, municipality and the date of extraction."""
    return f"{what} {year}, {municipality}. Uttaget {extracted.isoformat()}."


def legend_lines() -> list[str]:
    from samverka.core import numbers

    return ["Teckenförklaring:"] + [f"{symbol}  {meaning}" for symbol, meaning in numbers.LEGEND]


def write_sheet(sheet, title: str, header: list[str], rows: list[list], formats: list,
                notes: list[str] = ()) -> None:
    """TITLE on row 1, HEADER on row 2 (frozen, with an autofilter over the rows), ROWS with
    FORMATS per column (None: text), then NOTES and the legend of symbols; columns as wide as
    their content (long text wraps)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    append_row(sheet, [title])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(sheet, header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        append_row(sheet, row)
        for cell, fmt in zip(sheet[sheet.max_row], formats, strict=False):
            if fmt and not isinstance(cell.value, str):
                cell.number_format = fmt
            elif fmt and isinstance(cell.value, str):
                cell.alignment = Alignment(horizontal="right")
    last = sheet.max_row
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(header))}{max(last, 3)}"
    append_row(sheet, [])
    for line in [*notes, *legend_lines()]:
        append_row(sheet, [line])
    for index, label in enumerate(header, start=1):
        values = [label] + [r[index - 1] for r in rows if index - 1 < len(r)]
        longest = max(len(_shown(v)) for v in values)
        width = min(50, max(10, longest + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
        if longest > 50:
            for (cell,) in sheet.iter_rows(min_row=3, max_row=last, min_col=index,
                                           max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float):
        return f"{value:,.0f} kr"  # the widest of the formats: grouped with a unit
    return str(value)


def csv_text(title: str, header: list[str], rows: list[list], notes: list[str] = ()) -> str:
    """A CSV Excel in Swedish opens as it is: UTF-8 with BOM, ";" between cells, the title row
    first, then the header, ROWS, NOTES and the legend of symbols."""
    import io

    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=CSV_DELIMITER)
    writer.writerow([title])
    writer.writerow(header)
    writer.writerows(rows)
    writer.writerow([])
    for line in [*notes, *legend_lines()]:
        writer.writerow([line])
    return CSV_BOM + buffer.getvalue()
