"""The page layout every generated document shares (follow-up report, portfolio report, memo).

A4, Swedish (sv-SE), margins 2,5 cm left/right and 2 cm top/bottom, a header block like a Swedish
tjänsteskrivelse (municipality, administration, Dnr, date, case officer), page numbers "1 (4)",
tables whose column widths sum to the text width and whose cells wrap, header rows repeated on
every page, headings kept with what follows. PDF with reportlab, DOCX with python-docx; see
README.md, "Dokument", for why reportlab and not WeasyPrint.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from samverka.core import numbers

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
LANGUAGE = "sv-SE"
CM = 72 / 2.54
PAGE_WIDTH, PAGE_HEIGHT = 595.2756, 841.8898  # A4 in points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 2.5 * CM, 2.4 * CM, 2 * CM
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
TABLE_FONT_SIZE = 8.5
CELL_PADDING = 3


@dataclass
class Letterhead:
    """Who sends the document: shown at the top of page 1 and on every page's header line."""

    title: str
    municipality: str = ""
    administration: str = ""
    registry_number: str = ""
    date: str = ""
    officer: str = ""
    kind: str = "Tjänsteskrivelse"
    extra: list[str] = field(default_factory=list)  # further lines, e.g. the committee

    @property
    def author(self) -> str:
        """The document's author metadata: the officer, else the administration/municipality."""
        return self.officer or self.administration or self.municipality or "Samverka"

    def lines(self) -> list[str]:
        """Date, Dnr, officer and the extra lines, as a tjänsteskrivelse's header has them."""
        lines = [self.date, f"Dnr {self.registry_number}" if self.registry_number else "",
                 f"Handläggare: {self.officer}" if self.officer else ""]
        return [line for line in lines + self.extra if line]

    def sender(self) -> str:
        return " – ".join(part for part in (self.municipality, self.administration) if part)


def nbsp(text: str) -> str:
    """Amounts and units never split: the space inside "2 368 800 kr" or "32,0 %" unbreakable."""
    import re

    text = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", numbers.NBSP, text)
    return re.sub(r"(?<=\d) (?=(kr|kronor|%|dagar|personer|platser)\b|%)", numbers.NBSP, text)


def font_file(bold: bool = False) -> str | None:
    """The path of DejaVu Sans (bold), when installed, for Pillow."""
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return str(path) if path.exists() else None


# --- PDF (reportlab) ---------------------------------------------------------------------------

def fonts() -> tuple[str, str]:
    """DejaVu Sans (å ä ö, −, –) when installed, else Helvetica."""
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


def styles() -> dict:
    """Paragraph styles: headings keep with the next flowable (never alone at a page foot)."""
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14, spaceAfter=6)
    return {
        "body": body,
        "para": body,
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=15, leading=19,
                                spaceBefore=6, spaceAfter=10, keepWithNext=1),
        "heading": ParagraphStyle("heading", parent=body, fontName=bold, fontSize=12,
                                  leading=15, spaceBefore=10, spaceAfter=4, keepWithNext=1),
        "minor": ParagraphStyle("minor", parent=body, fontName=bold, keepWithNext=1),
        "caption": ParagraphStyle("caption", parent=body, fontName=bold, fontSize=9.5,
                                  leading=12, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "note": ParagraphStyle("note", parent=body, fontSize=8.5, leading=11),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=2),
        "numbered": ParagraphStyle("numbered", parent=body),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=TABLE_FONT_SIZE,
                               leading=TABLE_FONT_SIZE + 2, wordWrap=None),
        "cell_right": ParagraphStyle("cell_right", fontName=regular, fontSize=TABLE_FONT_SIZE,
                                     leading=TABLE_FONT_SIZE + 2, alignment=2),
        "head": ParagraphStyle("head", fontName=bold, fontSize=TABLE_FONT_SIZE,
                               leading=TABLE_FONT_SIZE + 2),
    }


def paragraph(text: str, style, **kwargs):
    from reportlab.platypus import Paragraph

    return Paragraph(nbsp(escape(text)), style, **kwargs)


def _looks_numeric(text: str) -> bool:
    core = text.replace(numbers.NBSP, "").replace(" ", "").replace("kr", "").replace("%", "")
    core = core.replace(",", "").replace("−", "").replace("/", "")
    symbols = (numbers.SUPPRESSED, numbers.ZERO, numbers.UNKNOWN)
    return text in symbols or (bool(core) and core.isdigit())


def column_widths(header: list[str], rows: list[list[str]], width: float = TEXT_WIDTH,
                  font_size: float = TABLE_FONT_SIZE) -> list[float]:
    """Widths summing to WIDTH: each column its natural width (longest word for the minimum,
    longest cell for the wish), the rest shared in proportion to what each column wishes."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    regular, bold = fonts()
    pad = 2 * CELL_PADDING + 1
    minimum, wish = [], []
    for index, title in enumerate(header):
        cells = [str(row[index]) for row in rows if index < len(row)]
        # split at ordinary spaces only: "1 658 160 kr" is one unbreakable word
        words = [w for text in [title, *cells] for w in nbsp(text).split(" ")]
        minimum.append(max([stringWidth(w, bold, font_size) for w in words] + [12]) + pad)
        wish.append(max([stringWidth(nbsp(c), regular, font_size) for c in cells]
                        + [stringWidth(title, bold, font_size) * 0.6, 12]) + pad)
    spare = width - sum(minimum)
    if spare <= 0:  # even the longest words do not fit: scale (the caller should split/landscape)
        return [w * width / sum(minimum) for w in minimum]
    extra = [max(0.0, w - m) for w, m in zip(wish, minimum, strict=True)]
    if sum(extra) <= spare:
        widths = [m + e for m, e in zip(minimum, extra, strict=True)]
        widths[0] += width - sum(widths)  # the rest to the first column: the row's name
        return widths
    return [m + spare * e / sum(extra) for m, e in zip(minimum, extra, strict=True)]


def pdf_table(header: list[str], rows: list[list[str]], width: float = TEXT_WIDTH):
    """A table as wide as the text: wrapping Paragraph cells, numbers right-aligned, the header
    row repeated on every page."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    style = styles()
    widths = column_widths(header, rows, width)
    numeric = [all(_looks_numeric(str(r[i])) for r in rows if i < len(r) and str(r[i]))
               and any(str(r[i]) for r in rows) for i in range(len(header))]
    data = [[paragraph(text, style["head"]) for text in header]]
    for row in rows:
        data.append([paragraph(str(text), style["cell_right"] if numeric[i] else style["cell"])
                     for i, text in enumerate(row)])
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8a8a8a")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]))
    return table


def letterhead_flowables(head: Letterhead) -> list:
    """The block at the top of page 1, one item a line (so that text extraction, screen readers
    and the registry read it in order): sender, document kind, date, Dnr, officer."""
    from reportlab.platypus import Spacer

    style = styles()
    flowables = [paragraph(head.municipality, style["minor"])] if head.municipality else []
    if head.administration:
        flowables.append(paragraph(head.administration, style["note"]))
    flowables.append(paragraph(head.kind.upper(), style["note"]))
    flowables += [paragraph(line, style["note"]) for line in head.lines()]
    return flowables + [Spacer(1, 8)]


def build_pdf(head: Letterhead, story_factory) -> bytes:
    """The PDF of the flowables STORY_FACTORY() returns, with the letterhead on page 1 and
    "N (M)" on every page. Built twice: the first pass counts the pages."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    regular, _bold = fonts()

    def run(total: int | None) -> tuple[bytes, int]:
        buffer, count = io.BytesIO(), {"pages": 0}

        def on_page(canvas, doc):
            count["pages"] += 1
            canvas.saveState()
            canvas.setFont(regular, 8.5)
            top = PAGE_HEIGHT - 1.3 * CM
            canvas.drawRightString(PAGE_WIDTH - MARGIN_X, top, f"{doc.page} ({total or '?'})")
            canvas.restoreState()

        doc = BaseDocTemplate(
            buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_X,
            rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
            title=head.title, author=head.author, subject=head.kind, creator="Samverka",
            lang=LANGUAGE)
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, TEXT_WIDTH, PAGE_HEIGHT - MARGIN_TOP
                      - MARGIN_BOTTOM, leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0)  # the text area is exactly the page less the margins
        doc.addPageTemplates([PageTemplate("page", [frame], onPage=on_page)])
        doc.build(letterhead_flowables(head) + story_factory())
        return buffer.getvalue(), count["pages"]

    _data, pages = run(None)
    data, _pages = run(pages)
    return data


# --- DOCX (python-docx) ------------------------------------------------------------------------

def _language_of(rpr) -> None:
    """w:lang sv-SE (also for East Asian and complex scripts) in the run properties RPR."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), LANGUAGE)


def _set_language(element) -> None:
    _language_of(element.get_or_add_rPr())


def _default_language(document) -> None:
    """w:lang sv-SE in the document defaults (docDefaults/rPrDefault/rPr)."""
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    _language_of(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))


def new_docx(head: Letterhead):
    """A python-docx Document: A4, margins as the PDF, every style sv-SE, real metadata, the
    header line with the sender and "N (M)" page numbers, and the letterhead on page 1."""
    import docx
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2)
    section.header_distance = Cm(1.0)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10.5)
    for style in document.styles:
        if hasattr(style.element, "get_or_add_rPr"):
            _set_language(style.element)
    _default_language(document)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = head.title, head.author, head.author
    props.language, props.subject = LANGUAGE, head.kind
    props.comments = ""
    _page_header(section, head)
    _letterhead(document, head)
    return document


def _field(run, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, instruction), ("separate", None),
                       (None, None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = "1"
        run._r.append(element)


def _page_header(section, head: Letterhead) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph_ = section.header.paragraphs[0]
    paragraph_.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for instruction, tail in (("PAGE", " ("), ("NUMPAGES", ")")):
        run = paragraph_.add_run()
        run.font.size = Pt(8.5)
        _field(run, instruction)
        paragraph_.add_run(tail).font.size = Pt(8.5)


def _letterhead(document, head: Letterhead) -> None:
    from docx.shared import Pt

    lines = [(head.municipality, True, 10.5), (head.administration, False, 9),
             (head.kind.upper(), False, 8.5)] + [(line, False, 9) for line in head.lines()]
    for text, bold, size in lines:
        if text:
            paragraph_ = document.add_paragraph()
            paragraph_.paragraph_format.space_after = Pt(0)
            run = paragraph_.add_run(text)
            run.bold, run.font.size = bold, Pt(size)
    document.add_paragraph()


def docx_table(document, header: list[str], rows: list[list[str]], width_cm: float = 16.0):
    """A table as wide as the text, header row repeated on every page (w:tblHeader), rows not
    split across pages, column widths in proportion to the PDF's."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    widths = column_widths(header, rows, width_cm * CM)
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for index, text in enumerate(header):
        cell = table.rows[0].cells[index]
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(8.5)
    for row in rows:
        cells = table.add_row().cells
        for index, text in enumerate(row):
            run = cells[index].paragraphs[0].add_run(nbsp(str(text)))
            run.font.size = Pt(8.5)
            if _looks_numeric(str(text)):
                cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    indent = OxmlElement("w:tblInd")  # borders on the margin, not 0,19 cm beyond it
    indent.set(qn("w:w"), "108")
    indent.set(qn("w:type"), "dxa")
    table._tbl.tblPr.append(indent)
    for position, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        for tag in (("w:tblHeader",) if position == 0 else ()) + ("w:cantSplit",):
            element = OxmlElement(tag)
            element.set(qn("w:val"), "true")
            trpr.append(element)
        for index, cell in enumerate(row.cells):
            cell.width = Cm(widths[index] / CM)
    return table


def keep_with_next(paragraph_) -> None:
    paragraph_.paragraph_format.keep_with_next = True


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
