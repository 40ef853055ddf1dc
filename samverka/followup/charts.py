"""Horizontal bar charts, drawn once as shapes and output as SVG (web), reportlab (PDF) or PNG
(DOCX). A data table always stands beside them.

Horizontal bars so that no label is cut: labels wrap in their own column. Each value is written
beside its bar in Swedish format with its unit ("32,0 %", "12"). A withheld figure (".." in
published data) and an unknown one (None) get no bar, only their symbol; a chart with no bar at
all is not drawn: `empty_reason` says why instead.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from html import escape

from samverka.core import numbers

BAR_COLOUR = "#00457a"
TEXT_COLOUR = "#1a1a1a"
AXIS_COLOUR = "#767676"
FONT_SIZE = 11
ROW_HEIGHT = 22
CHAR_WIDTH = 0.6  # of the font size: DejaVu Sans' average, rounded up
MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass
class Shape:
    kind: str  # "rect" or "text"
    x: float
    y: float  # from the top
    width: float = 0
    height: float = 0
    text: str = ""
    anchor: str = "start"
    bold: bool = False


def month_label(month: str) -> str:
    """ "2024-03" -> "mar 2024"."""
    year, _sep, number = month.partition("-")
    return f"{MONTHS[int(number) - 1]} {year}" if number.isdigit() else month


def value_text(value, kind: str = "count") -> str:
    return numbers.format_published(value, kind)


def drawable(value) -> bool:
    return value is not None and not numbers.is_suppressed(value)


def empty_reason(bars: list) -> str | None:
    """Why a chart of BARS says nothing (and is not drawn), or None when it has a bar."""
    if not bars:
        return "Diagrammet visas inte: det finns inga uppgifter för perioden."
    values = [value for _label, value in bars]
    if any(drawable(v) and v != 0 for v in values):
        return None
    if any(numbers.is_suppressed(v) for v in values):
        return ("Diagrammet visas inte: värdena redovisas inte (..) för att ingen enskild ska "
                "kunna identifieras, eller är noll eller okända. Se tabellen.")
    if all(v is None for v in values):
        return f"Diagrammet visas inte: alla värden saknas ({numbers.UNKNOWN})."
    return "Diagrammet visas inte: alla värden är noll eller okända. Se tabellen."


def layout(bars: list, kind: str = "count", max_value=None,
           width: int = 640) -> tuple[list[Shape], int]:
    """The shapes of a horizontal bar chart WIDTH wide, and its height."""
    label_chars = max(8, min(26, max((len(label) for label, _v in bars), default=8)))
    label_width = label_chars * FONT_SIZE * CHAR_WIDTH + 8
    value_width = 9 * FONT_SIZE * CHAR_WIDTH
    bar_space = width - label_width - value_width - 8
    values = [float(v) for _l, v in bars if drawable(v)]
    top = float(max_value or max(values + [1]))
    shapes: list[Shape] = []
    y = 4
    for label, value in bars:
        lines = textwrap.wrap(label, label_chars) or [""]
        height = max(ROW_HEIGHT, len(lines) * (FONT_SIZE + 3) + 6)
        for index, line in enumerate(lines):
            baseline = y + 4 + FONT_SIZE + index * (FONT_SIZE + 3)
            shapes.append(Shape("text", label_width - 6, baseline, text=line, anchor="end"))
        length = bar_space * min(float(value), top) / top if drawable(value) else 0
        if length:
            shapes.append(Shape("rect", label_width, y + 3, length, height - 8))
        shapes.append(Shape("text", label_width + length + 4, y + 4 + FONT_SIZE,
                            text=value_text(value, kind), bold=True))
        y += height
    shapes.append(Shape("rect", label_width - 1, 2, 1, y - 2))  # the axis
    return shapes, int(y + 4)


def bar_chart_svg(title: str, bars: list, unit: str = "", max_value=None, width: int = 640,
                  kind: str | None = None) -> str:
    """An accessible SVG chart (role=img, title); the values also stand in the data table."""
    kind = kind or ("percent" if "%" in unit else "count")
    reason = empty_reason(bars)
    if reason:
        return f'<p class="chart-empty">{escape(reason)}</p>'
    shapes, height = layout(bars, kind, max_value, width)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{escape(title)}" class="chart">'
             f'<title>{escape(title)}</title>']
    for s in shapes:
        if s.kind == "rect":
            fill = AXIS_COLOUR if s.width <= 1 else BAR_COLOUR
            parts.append(f'<rect x="{s.x:.1f}" y="{s.y:.1f}" width="{s.width:.1f}" '
                         f'height="{s.height:.1f}" fill="{fill}"/>')
        else:
            weight = ' font-weight="bold"' if s.bold else ""
            parts.append(f'<text x="{s.x:.1f}" y="{s.y:.1f}" font-size="{FONT_SIZE}" '
                         f'text-anchor="{s.anchor}"{weight}>{escape(s.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def reportlab_drawing(title: str, bars: list, kind: str = "count", max_value=None,
                      width: float = 453, font: str = "Helvetica", bold: str = "Helvetica-Bold"):
    """The chart as a reportlab Drawing WIDTH points wide (vector in the PDF), title on top."""
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors

    shapes, height = layout(bars, kind, max_value, int(width))
    total = height + 20
    drawing = Drawing(width, total)
    drawing.add(String(0, total - 12, title, fontName=bold, fontSize=10))
    for s in shapes:
        if s.kind == "rect":
            fill = colors.HexColor(AXIS_COLOUR if s.width <= 1 else BAR_COLOUR)
            drawing.add(Rect(s.x, height - s.y - s.height, s.width, s.height, fillColor=fill,
                             strokeColor=None))
        else:
            drawing.add(String(s.x, height - s.y, s.text, textAnchor=s.anchor,
                               fontName=bold if s.bold else font, fontSize=FONT_SIZE - 2,
                               fillColor=colors.HexColor(TEXT_COLOUR)))
    return drawing


def png(title: str, bars: list, kind: str = "count", max_value=None, width: int = 640,
        font_path: str | None = None, bold_path: str | None = None, scale: int = 2) -> bytes:
    """The chart as a PNG (Pillow) for the DOCX, SCALE times the layout size."""
    from PIL import Image, ImageDraw, ImageFont

    shapes, height = layout(bars, kind, max_value, width)

    def font(path, size):
        return ImageFont.truetype(path, size) if path else ImageFont.load_default()

    regular = font(font_path, (FONT_SIZE - 1) * scale)
    heavy = font(bold_path or font_path, (FONT_SIZE - 1) * scale)
    image = Image.new("RGB", (width * scale, (height + 24) * scale), "white")
    draw = ImageDraw.Draw(image)
    draw.text((0, 2 * scale), title, fill=TEXT_COLOUR, font=heavy)
    offset = 24
    for s in shapes:
        if s.kind == "rect":
            fill = AXIS_COLOUR if s.width <= 1 else BAR_COLOUR
            draw.rectangle((s.x * scale, (s.y + offset) * scale, (s.x + s.width) * scale,
                            (s.y + offset + s.height) * scale), fill=fill)
        else:
            face = heavy if s.bold else regular
            draw.text((s.x * scale, (s.y + offset) * scale), s.text, fill=TEXT_COLOUR, font=face,
                      anchor="rs" if s.anchor == "end" else "ls")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
