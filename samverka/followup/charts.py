"""Bar charts as inline SVG for the web pages; a data table always stands beside them."""

from html import escape

from samverka.core import numbers


def bar_chart_svg(title: str, bars: list[tuple[str, float | None]], unit: str = "",
                  max_value: float | None = None, width: int = 640, height: int = 220) -> str:
    """An accessible SVG bar chart: role=img with a title; values also in the data table."""
    values = [v for _label, v in bars if _drawn(v)]
    top = max_value or max(values + [1])
    left, bottom, gap = 40, 30, 4
    inner_w, inner_h = width - left - 10, height - bottom - 10
    step = inner_w / max(1, len(bars))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-labelledby="chart-title" class="chart">'
             f'<title id="chart-title">{escape(title)}</title>',
             f'<line x1="{left}" y1="{10 + inner_h}" x2="{width - 10}" y2="{10 + inner_h}" '
             'stroke="#767676"/>',
             f'<text x="{left - 4}" y="16" text-anchor="end" font-size="11">'
             f'{escape(_fmt(top))}{escape(unit)}</text>']
    for index, (label, value) in enumerate(bars):
        x = left + index * step + gap / 2
        h = inner_h * min(value, top) / top if _drawn(value) else 0
        parts.append(f'<rect x="{x:.1f}" y="{10 + inner_h - h:.1f}" width="{step - gap:.1f}" '
                     f'height="{h:.1f}" fill="#00457a"><title>{escape(label)}: '
                     f'{escape(_fmt(value))}{escape(unit)}</title></rect>')
        parts.append(f'<text x="{x + (step - gap) / 2:.1f}" y="{height - 12}" font-size="10" '
                     f'text-anchor="middle">{escape(label[:10])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _drawn(value) -> bool:
    """A bar is drawn for a number; a withheld ("..") or unknown figure draws none."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _fmt(value) -> str:
    if numbers.is_suppressed(value):
        return numbers.SUPPRESSED
    if value is None:
        return numbers.UNKNOWN
    return f"{value:g}".replace(".", ",")
