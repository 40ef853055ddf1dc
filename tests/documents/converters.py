"""Turn a seed memo (.txt) into the DOCX and PDF a municipality would actually send.

Shared test helpers (the memo-generation tests may reuse them):

* ``txt_to_docx(text)``: one paragraph per line; runs of tab-separated lines, and markdown
  ``| a | b |`` tables, become Word tables; ``## rubrik`` becomes a heading; ``**`` is dropped.
* ``txt_to_pdf(text)``: A4 pages with a Unicode font (DejaVuSans when installed, else Helvetica,
  whose Latin-1 covers å ä ö); long lines are wrapped; table rows are drawn cell by cell at
  column positions on one baseline, as a table looks in a PDF text layer.
* ``blank_pdf()``: a PDF without any text layer, like a scan.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

SEEDS = Path("/work/shared/seeds")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")


def _strip_markup(line: str) -> str:
    line = re.sub(r"</?b>", "", line)
    return line.replace("**", "")


def _table_cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if "\t" in stripped:
        return [_strip_markup(c).strip() for c in stripped.split("\t")]
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return [_strip_markup(c).strip() for c in stripped[1:-1].split("|")]
    return None


def _items(text: str):
    """("table", rows) and ("line", text) items in document order."""
    rows: list[list[str]] = []
    for raw in text.splitlines():
        if _MD_SEPARATOR.match(raw) and "|" in raw:
            continue
        cells = _table_cells(raw)
        if cells is not None:
            rows.append(cells)
            continue
        if rows:
            yield "table", rows
            rows = []
        yield "line", raw
    if rows:
        yield "table", rows


def txt_to_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for kind, item in _items(text):
        if kind == "table":
            width = max(len(r) for r in item)
            table = document.add_table(rows=len(item), cols=width)
            for r, row in enumerate(item):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            continue
        m = re.match(r"^\s*(#{1,6})\s+(.*)$", item)
        if m:
            document.add_heading(_strip_markup(m[2]).strip(), level=min(len(m[1]), 4))
        else:
            document.add_paragraph(_strip_markup(item).rstrip())
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if DEJAVU.exists():
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
        return "DejaVuSans"
    return "Helvetica"


def txt_to_pdf(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    font = _font()
    width, height = A4
    margin = 50
    size = 10
    leading = 13
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = height - margin

    def need(space: float) -> None:
        nonlocal y
        if y - space < margin:
            c.showPage()
            y = height - margin

    for kind, item in _items(text):
        if kind == "line":
            line = _strip_markup(re.sub(r"^\s*#{1,6}\s+", "", item)).rstrip()
            if not line.strip():
                y -= leading / 2
                continue
            for part in simpleSplit(line.strip(), font, size, width - 2 * margin):
                need(leading)
                c.setFont(font, size)
                c.drawString(margin, y, part)
                y -= leading
            continue
        # A table: every row on one baseline, columns sized to the widest cell, with a gap of
        # three em between columns; the font shrinks until the table fits the page width.
        columns = max(len(r) for r in item)
        cell_size = size
        while cell_size > 2:
            gap = 3 * cell_size
            widths = [
                max(c.stringWidth(r[i], font, cell_size) if i < len(r) else 0 for r in item)
                for i in range(columns)
            ]
            if sum(widths) + gap * (columns - 1) <= width - 2 * margin:
                break
            cell_size -= 0.25
        for row in item:
            need(cell_size * 1.6)
            c.setFont(font, cell_size)
            x = margin
            for i, cell in enumerate(row):
                if cell:
                    c.drawString(x, y, cell)
                x += widths[i] + gap
            y -= cell_size * 1.6
    c.save()
    return buf.getvalue()


def blank_pdf() -> bytes:
    """A PDF page with only a drawn rectangle: what a scan without OCR looks like to pypdf."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.rect(100, 100, 300, 500, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()
