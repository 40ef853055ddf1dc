"""The memo's text as lines, blocks (paragraphs, table rows, headings) and sections.

The input is plain text as it comes out of a .txt, .docx or .pdf (see loaders.py): lines wrapped
anywhere (even inside "118 \\n440 kronor"), page numbers ("3 (4)") between them, sometimes light
markdown ("## **Rubrik**", "| a | b |" tables, "<b>…</b>"). Table rows are lines whose cells are
separated by tabs.

Paragraph text is the lines joined with single spaces, so a passage quoted from a paragraph is the
source text with its line breaks and markup removed; every block remembers its source line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Section headings of a Linköping tjänsteskrivelse (compared case-insensitively, without ":").
HEADING_PATTERNS = [
    r"förslag till (?:\w+ )?beslut",
    r"ärende",
    r"beslutsunderlag",
    r"bakgrund",
    r"ekonomiska konsekvenser",
    r"kommunala mål",
    r"jämställdhet",
    r"samråd",
    r"uppföljning och utvärdering",
    r"information eller förhandling enligt lag.*",
    r"medbestämmande i arbetslivet",
    r"idéburet offentligt partnerskap",
    r"översikt iop.*",
    r"övriga samverkansprojekt",
    r"centrala styrdokument",
    r"beslutet skickas till",
    r"länk till kommunfullmäktiges övergripande mål",
]
_HEADING_RE = re.compile(r"^(?:" + "|".join(HEADING_PATTERNS) + r")\s*:?$", re.IGNORECASE)
_PAGE_NUMBER_RE = re.compile(r"^\s*\d+\s*\(\s*\d+\s*\)\s*$")
_RULE_RE = re.compile(r"^\s*(?:[-_*=]\s*){3,}$")
_BULLET_RE = re.compile(r"^\s*(?:[•\-*–·▪]|\d+\.)\s+")
_MD_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TAG_RE = re.compile(r"</?(?:b|i|u|strong|em|br|span)[^>]*>", re.IGNORECASE)
_MD_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")


@dataclass
class Block:
    kind: str  # "heading", "para", "row"
    text: str
    first_line: int  # 1-based line numbers in the loaded text
    last_line: int
    cells: list[str] = field(default_factory=list)
    markdown_heading: bool = False
    line_offsets: list[tuple[int, int]] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        """The source line number of the character at `offset` in `text`."""
        line = self.first_line
        for start, number in self.line_offsets:
            if start > offset:
                break
            line = number
        return line

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


@dataclass
class Section:
    heading: str  # "" for the part before the first heading
    heading_block: Block | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "para"]

    @property
    def text(self) -> str:
        return " ".join(b.text for b in self.blocks if b.kind != "heading")


def clean_line(line: str) -> tuple[str, bool]:
    """Strip markdown/HTML emphasis; returns (text, was_markdown_heading)."""
    md_heading = bool(re.match(r"^\s*#{1,6}\s", line))
    line = re.sub(r"^\s*#{1,6}\s+", "", line)
    line = _TAG_RE.sub("", line)
    line = _MD_LINK_RE.sub(r"\1", line)
    line = line.replace("**", "").replace("__", "")
    line = re.sub(r"(?<!\w)\*(\S[^*]*?)\*(?!\w)", r"\1", line)  # *kursiv*
    return line.replace("\u00ad", "").rstrip(), md_heading


def _md_table_cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return [c.strip() for c in stripped[1:-1].split("|")]
    return None


def is_heading_text(text: str) -> bool:
    return bool(_HEADING_RE.match(text.strip()))


@dataclass
class Document:
    text: str
    lines: list[str]
    blocks: list[Block]
    sections: list[Section]

    def section(self, *names: str) -> Section | None:
        for name in names:
            for s in self.sections:
                if s.heading.lower().rstrip(":").startswith(name.lower()):
                    return s
        return None

    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "para"]

    def rows(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "row"]


def parse_document(text: str) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    raw_lines = text.split("\n")
    blocks: list[Block] = []
    para: list[tuple[int, str]] = []

    def flush() -> None:
        if para:
            joined = ""
            offsets: list[tuple[int, int]] = []
            for number, t in para:
                if joined:
                    joined += " "
                offsets.append((len(joined), number))
                joined += t
            if joined:
                blocks.append(Block("para", joined, para[0][0], para[-1][0], line_offsets=offsets))
            para.clear()

    for number, raw in enumerate(raw_lines, start=1):
        line, md_heading = clean_line(raw)
        if _MD_TABLE_SEP_RE.match(line) and "|" in line:
            continue
        cells = _md_table_cells(line)
        if cells is None and "\t" in line.strip():
            cells = [c.strip() for c in line.strip().split("\t")]
        if cells is not None:
            flush()
            cells = [re.sub(r"\s+", " ", c) for c in cells]
            blocks.append(Block("row", "\t".join(cells), number, number, cells=cells))
            continue
        stripped = re.sub(r"\s+", " ", line).strip()
        if not stripped or _PAGE_NUMBER_RE.match(stripped) or _RULE_RE.match(stripped):
            flush()
            continue
        if stripped.startswith("http://") or stripped.startswith("https://"):
            flush()
            continue
        if md_heading or is_heading_text(stripped):
            flush()
            # A heading wrapped over two lines ("… enligt lag (1976:580) om" + "medbestämmande
            # i arbetslivet") becomes one heading block.
            if (
                blocks
                and blocks[-1].is_heading
                and blocks[-1].last_line == number - 1
                and stripped.lower().startswith("medbestämmande")
            ):
                blocks[-1].text += " " + stripped
                blocks[-1].last_line = number
                continue
            blocks.append(
                Block("heading", stripped.rstrip(":"), number, number, markdown_heading=md_heading)
            )
            continue
        if _BULLET_RE.match(stripped):
            flush()
        para.append((number, stripped))
    flush()

    sections: list[Section] = [Section("", None)]
    for b in blocks:
        if b.is_heading:
            sections.append(Section(b.text, b))
        else:
            sections[-1].blocks.append(b)
    return Document(text=text, lines=raw_lines, blocks=blocks, sections=sections)


_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"”])")


def sentences(text: str) -> list[tuple[int, str]]:
    """Split paragraph text into sentences; returns (offset, sentence) pairs."""
    out = []
    pos = 0
    for part in _SENTENCE_SPLIT_RE.split(text):
        start = text.index(part, pos)
        out.append((start, part))
        pos = start + len(part)
    return out
