"""Render a memo: the text template to blocks, the blocks to DOCX (python-docx) or PDF (reportlab).

The template's light markup (documented in samverka/documents/README.md):

    # Rubrik            the memo's title
    ## Rubrik           a section heading (Heading 1 in Word)
    ### Rubrik          a minor heading (bold line), e.g. "Beslutet skickas till:"
    > text              a line of the signature block (kept together, set off from the text)
    1. text             a numbered decision point (the number is kept as text)
    - text              a bullet
    ---                 a horizontal rule
    blank line          ends a paragraph; other line breaks inside a paragraph become spaces
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

TEMPLATE = "documents/memo/tjansteskrivelse.txt"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FORMATS = ("docx", "pdf")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
_NUMBERED = re.compile(r"^(\d+)\.\s+")
_AMOUNT_SPACES = re.compile(r"(?<=\d) (?=\d{3}(?!\d))|(?<=\d) (?=kronor\b|kr\b|%)")


@dataclass
class Block:
    kind: str  # title, heading, minor, numbered, bullet, rule, para, table, signature
    text: str = ""
    rows: list | None = None  # table: the cells of each row, the first row the header


def render_text(context: dict, template: str = TEMPLATE) -> str:
    """The memo as marked-up text, from the (municipality's) template file."""
    return render_to_string(template, context)


def parse(text: str) -> list[Block]:
    """Marked-up text to blocks."""
    blocks: list[Block] = []
    para: list[str] = []

    def flush():
        if para:
            blocks.append(Block("para", " ".join(para)))
            para.clear()

    for raw in text.splitlines():
        line = re.sub(r"\s+", " ", raw).strip()
        if not line:
            flush()
            continue
        if line.startswith("|") and line.endswith("|"):
            flush()
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if not blocks or blocks[-1].kind != "table":
                blocks.append(Block("table", rows=[]))
            blocks[-1].rows.append(cells)
            continue
        for prefix, kind in (("### ", "minor"), ("## ", "heading"), ("# ", "title"),
                             ("- ", "bullet"), ("> ", "signature")):
            if line.startswith(prefix):
                flush()
                blocks.append(Block(kind, line[len(prefix):].strip()))
                break
        else:
            if re.fullmatch(r"-{3,}|_{3,}", line):
                flush()
                blocks.append(Block("rule"))
            elif _NUMBERED.match(line):
                flush()
                blocks.append(Block("numbered", line))
            else:
                para.append(line)
    flush()
    return blocks


def logo_path() -> Path | None:
    """The optional logo: setting SAMVERKA_MEMO_LOGO or the environment variable of that name."""
    value = getattr(settings, "SAMVERKA_MEMO_LOGO", None) or os.environ.get("SAMVERKA_MEMO_LOGO")
    if value and Path(value).is_file():
        return Path(value)
    return None


# --- DOCX ------------------------------------------------------------------------------------

def to_docx(blocks: list[Block], *, title: str = "") -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.language = "sv-SE"
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    logo = logo_path()
    if logo:
        document.add_picture(str(logo), width=Cm(4))
    previous = ""
    for block in blocks:
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=1)
        elif block.kind == "minor":
            document.add_paragraph().add_run(block.text).bold = True
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "table":
            _docx_table(document, block.rows)
            document.add_paragraph()
        elif block.kind == "signature":
            paragraph = document.add_paragraph(block.text)
            paragraph.paragraph_format.keep_with_next = True
            if previous != "signature":
                paragraph.paragraph_format.space_before = Pt(24)
        elif block.kind == "rule":
            paragraph = document.add_paragraph("_" * 10)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        else:
            document.add_paragraph(block.text)
        previous = block.kind
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_table(document, rows: list[list[str]]) -> None:
    """A two-column resource table (seed 004): header row bold and repeated, amounts right."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    for index, cells in enumerate(rows):
        row = table.add_row()
        for cell, text in zip(row.cells, cells, strict=False):
            run = cell.paragraphs[0].add_run(text)
            run.bold = index == 0 or index == len(rows) - 1
        row.cells[-1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if index == 0:
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(header)


# --- PDF -------------------------------------------------------------------------------------

def _fonts() -> tuple[str, str]:
    """DejaVuSans (å ä ö and every other glyph) when installed, else Helvetica (Latin-1)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not regular.exists():
        return "Helvetica", "Helvetica-Bold"
    registered = pdfmetrics.getRegisteredFontNames()
    if "DejaVuSans" not in registered:
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
    if bold.exists() and "DejaVuSans-Bold" not in registered:
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
    return "DejaVuSans", "DejaVuSans-Bold" if bold.exists() else "DejaVuSans"


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Keep "2 368 800 kronor" on one line: no-break spaces inside amounts.
    return _AMOUNT_SPACES.sub("\u00a0", text)


def to_pdf(blocks: list[Block], *, title: str = "") -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14, spaceAfter=6)
    styles = {
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=15, leading=19,
                                spaceBefore=6, spaceAfter=10),
        "heading": ParagraphStyle("heading", parent=body, fontName=bold, fontSize=12,
                                  leading=15, spaceBefore=10, spaceAfter=4),
        "minor": ParagraphStyle("minor", parent=body, fontName=bold, keepWithNext=1),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=2),
        "numbered": ParagraphStyle("numbered", parent=body, leftIndent=0),
        "para": body,
        "rule": body,
    }

    def story():
        flowables = []
        logo = logo_path()
        if logo:
            flowables.append(Image(str(logo), width=4 * cm, height=2 * cm, kind="proportional"))
        signature: list = []
        for block in blocks:
            if block.kind != "signature" and signature:
                flowables.append(KeepTogether([Spacer(1, 18), *signature]))
                signature = []
            if block.kind == "signature":
                signature.append(Paragraph(_escape(block.text), body))
            elif block.kind == "table":
                flowables += [_pdf_table(block.rows, body, styles["minor"]), Spacer(1, 8)]
            elif block.kind == "rule":
                flowables.append(Paragraph("_" * 10, body))
            elif block.kind == "bullet":
                flowables.append(Paragraph(_escape(block.text), styles["bullet"],
                                           bulletText="•"))
            else:
                flowables.append(Paragraph(_escape(block.text), styles[block.kind]))
        if signature:
            flowables.append(KeepTogether([Spacer(1, 18), *signature]))
        flowables.append(Spacer(1, 1))
        return flowables

    def build(total_pages: int | None) -> tuple[bytes, int]:
        buffer = io.BytesIO()
        pages = {"count": 0}

        def on_page(canvas, doc):
            pages["count"] += 1
            canvas.saveState()
            canvas.setFont(regular, 9)
            label = f"{doc.page} ({total_pages})" if total_pages else f"{doc.page}"
            canvas.drawRightString(A4[0] - 2 * cm, A4[1] - 1.2 * cm, label)
            canvas.restoreState()

        doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm,
                                topMargin=2 * cm, bottomMargin=2 * cm, title=title,
                                lang="sv-SE")
        doc.build(story(), onFirstPage=on_page, onLaterPages=on_page)
        return buffer.getvalue(), pages["count"]

    _, count = build(None)
    data, _ = build(count)
    return data


def _pdf_table(rows, body, bold):
    """The resource table within the text width: the label column wraps, amounts stay whole."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Table, TableStyle

    right = ParagraphStyle("right", parent=body, alignment=2, spaceAfter=0)
    right_bold = ParagraphStyle("right_bold", parent=bold, alignment=2, spaceAfter=0)
    last = len(rows) - 1
    data = []
    for index, cells in enumerate(rows):
        strong = index in (0, last)
        data.append([Paragraph(_escape(cells[0]), bold if strong else body),
                     Paragraph(_escape(cells[-1]), right_bold if strong else right)])
    table = Table(data, colWidths=[12 * cm, 4 * cm], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def render(context: dict, fmt: str, template: str = TEMPLATE) -> bytes:
    """The memo for CONTEXT as FMT ("docx" or "pdf")."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown memo format {fmt!r}")
    blocks = parse(render_text(context, template))
    title = context.get("title", "")
    return to_docx(blocks, title=title) if fmt == "docx" else to_pdf(blocks, title=title)
