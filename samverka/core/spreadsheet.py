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
