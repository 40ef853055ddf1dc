"""Layout checks of a generated PDF (pdfplumber's character and table positions).

A page's text area is the A4 page less the margins of samverka/core/layout.py; only the running
header line (sender and "N (M)") may stand in the top margin, above the text area.
"""

import functools
import io
import re

from samverka.core import layout

TOLERANCE = 1.5  # points: rounding of glyph boxes
HEADER_BAND = (0.9 * layout.CM, layout.MARGIN_TOP)  # from the page's top


def problems(pdf: bytes, name: str = "") -> list[str]:
    """Every character outside the text area, table wider than the text, page without "N (M)"."""
    return [f"{name} {problem}" for problem in analyse(pdf)[0]]


def text(pdf: bytes) -> str:
    """The PDF's text, page after page (read in the same pass as the layout check)."""
    return analyse(pdf)[1]


@functools.lru_cache(maxsize=512)
def analyse(pdf: bytes) -> tuple[tuple[str, ...], str]:
    """The layout problems of PDF and its text: one pdfplumber pass for both checks (the demo's
    documents are read once per test run, not once per check)."""
    import pdfplumber

    found, texts = [], []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        total = len(document.pages)
        for number, page in enumerate(document.pages, start=1):
            where = f"sida {number}"
            if abs(page.width - layout.PAGE_WIDTH) > 2 or abs(page.height - layout.PAGE_HEIGHT) > 2:
                found.append(f"{where}: inte A4 ({page.width:.0f} × {page.height:.0f})")
            left = layout.MARGIN_X - TOLERANCE
            right = page.width - layout.MARGIN_X + TOLERANCE
            bottom = page.height - layout.MARGIN_BOTTOM + TOLERANCE
            outside = [c for c in page.chars if c["text"].strip() and (
                c["x0"] < left or c["x1"] > right or c["bottom"] > bottom
                or c["top"] < HEADER_BAND[0]
                or (HEADER_BAND[1] - 6 > c["top"] > HEADER_BAND[0] + 16))]
            if outside:
                text = "".join(c["text"] for c in outside[:40])
                found.append(f"{where}: {len(outside)} tecken utanför textytan: {text!r}")
            for table in page.find_tables():
                x0, _top, x1, _bottom = table.bbox
                if x0 < left or x1 > right:
                    found.append(f"{where}: tabell {x0:.0f}–{x1:.0f} pt utanför textbredden "
                                 f"{layout.MARGIN_X:.0f}–{page.width - layout.MARGIN_X:.0f}")
            page_text = page.extract_text() or ""
            texts.append(page_text)
            if not re.search(rf"(?<!\d){number} \({total}\)", page_text):
                found.append(f"{where}: saknar sidnumret \"{number} ({total})\"")
    return tuple(found), "\n".join(texts)
