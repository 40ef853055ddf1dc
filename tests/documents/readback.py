"""Read a generated memo back (python-docx, pypdf) as its title and sections, independently of
the extraction package."""

from __future__ import annotations

import io
import re

SECTIONS = [
    "Förslag till arbetsmarknadsnämndens beslut",
    "Ärende",
    "Beslutsunderlag:",
    "Bakgrund",
    "Idéburet Offentligt Partnerskap",
    "Ekonomiska konsekvenser",
    "Kommunala mål",
    "Jämställdhet",
    "Samråd",
    "Uppföljning och utvärdering",
    "Information eller förhandling enligt lag (1976:580) om medbestämmande i arbetslivet",
]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def docx_sections(data: bytes) -> tuple[str, list[tuple[str, str]]]:
    """(title, [(heading, text)]) from the Title and Heading 1 paragraphs of a DOCX."""
    import docx

    document = docx.Document(io.BytesIO(data))
    title = ""
    sections: list[tuple[str, list[str]]] = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name
        if style == "Title":
            title = paragraph.text
        elif style == "Heading 1":
            sections.append((paragraph.text, []))
        elif sections:
            sections[-1][1].append(paragraph.text)
    return title, [(h, normalise(" ".join(body))) for h, body in sections]


def pdf_text(data: bytes) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def text_sections(text: str, headings=SECTIONS) -> list[tuple[str, str]]:
    """Split plain text at lines that are a known heading (also when wrapped over two lines)."""
    lines = [normalise(line) for line in text.splitlines()]
    sections: list[tuple[str, list[str]]] = []
    skip = False
    for i, line in enumerate(lines):
        if skip:
            skip = False
            continue
        two = f"{line} {lines[i + 1]}" if i + 1 < len(lines) else ""
        if line in headings:
            sections.append((line, []))
        elif two in headings:
            sections.append((two, []))
            skip = True
        elif sections:
            sections[-1][1].append(line)
    return [(h, normalise(" ".join(body))) for h, body in sections]
