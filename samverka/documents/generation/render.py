"""Render a memo: the text template to blocks, the blocks to DOCX (python-docx) or PDF (reportlab).

The template's light markup (documented in samverka/documents/README.md):

    # Rubrik            the memo's title
    ## Rubrik           a section heading (Heading 1 in Word)
    ### Rubrik          a minor heading (bold line), e.g. "Beslutet skickas till:"
    > text              a line of the signature block (kept together, set off from the text)
    1. text             a numbered decision point (the number is kept as text)
    - text              a bullet
    ---                 a horizontal rule
    | a | b |           a table row (the first row of consecutive rows is the header row)
    blank line          ends a paragraph; other line breaks inside a paragraph become spaces
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from samverka.core import layout

TEMPLATE = "documents/memo/tjansteskrivelse.txt"
FORMATS = ("docx", "pdf")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
_NUMBERED = re.compile(r"^(\d+)\.\s+")


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
            if all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells):
                continue  # a Markdown separator row under the header
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


def letterhead(context: dict, blocks: list[Block]) -> tuple[layout.Letterhead, list[Block]]:
    """The memo's letterhead and its body. The lines above the template's "# title" (date, Dnr,
    committee …) go into the letterhead's right column, not the body."""
    first_title = next((i for i, b in enumerate(blocks) if b.kind == "title"), 0)
    top, body = blocks[:first_title], blocks[first_title:]
    municipality = context.get("municipality", "")
    administration = context.get("administration", "")
    head = layout.Letterhead(
        title=context.get("title", ""), municipality=municipality,
        administration=administration, registry_number=context.get("registry_number", ""),
        date=str(context.get("memo_date") or ""), officer=context.get("officer", "") or "")
    known = {municipality, administration, head.date, f"Dnr {head.registry_number}"}
    head.extra = [b.text for b in top if b.text and b.text not in known]
    return head, body


# --- DOCX ------------------------------------------------------------------------------------

def to_docx(blocks: list[Block], head: layout.Letterhead) -> bytes:
    from docx.shared import Cm, Pt

    document = layout.new_docx(head)
    logo = logo_path()
    if logo:
        document.add_picture(str(logo), width=Cm(4))
    previous = ""
    for block in blocks:
        text = layout.nbsp(block.text)
        if block.kind == "title":
            layout.keep_with_next(document.add_heading(text, level=0))
        elif block.kind == "heading":
            layout.keep_with_next(document.add_heading(text, level=1))
        elif block.kind == "minor":
            paragraph = document.add_paragraph()
            paragraph.add_run(text).bold = True
            layout.keep_with_next(paragraph)
        elif block.kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif block.kind == "table":
            header, *rows = block.rows
            layout.docx_table(document, header, rows)
        elif block.kind == "signature":
            paragraph = document.add_paragraph(text)
            layout.keep_with_next(paragraph)
            if previous != "signature":
                paragraph.paragraph_format.space_before = Pt(24)
        elif block.kind == "rule":
            document.add_paragraph("_" * 10)
        else:
            document.add_paragraph(text)
        previous = block.kind
    return layout.docx_bytes(document)


# --- PDF -------------------------------------------------------------------------------------

def to_pdf(blocks: list[Block], head: layout.Letterhead) -> bytes:
    from reportlab.lib.units import cm
    from reportlab.platypus import Image, KeepTogether, Spacer

    style = layout.styles()

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
                signature.append(layout.paragraph(block.text, style["body"]))
            elif block.kind == "rule":
                flowables.append(layout.paragraph("_" * 10, style["body"]))
            elif block.kind == "bullet":
                flowables.append(layout.paragraph(block.text, style["bullet"], bulletText="•"))
            elif block.kind == "table":
                header, *rows = block.rows
                flowables += [layout.pdf_table(header, rows), Spacer(1, 6)]
            else:
                flowables.append(layout.paragraph(block.text, style[block.kind]))
        if signature:
            flowables.append(KeepTogether([Spacer(1, 18), *signature]))
        return flowables

    return layout.build_pdf(head, story)


def render(context: dict, fmt: str, template: str = TEMPLATE) -> bytes:
    """The memo for CONTEXT as FMT ("docx" or "pdf")."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown memo format {fmt!r}")
    head, blocks = letterhead(context, parse(render_text(context, template)))
    return to_docx(blocks, head) if fmt == "docx" else to_pdf(blocks, head)
