"""The progression chart as inline SVG: every dimension of a participant in one line chart; a
data table always stands beside."""

from html import escape

SERIES_COLOURS = ["#00457a", "#a4001d", "#1c5e20", "#7a3e00", "#5b2a86", "#4a4a4a"]
SERIES_DASHES = ["", "6 3", "2 3", "8 3 2 3", "", "4 4"]
SERIES_MARKERS = ["circle", "square", "triangle", "diamond", "circle-open", "square-open"]


def marker(shape: str, x: float, y: float, colour: str, title: str) -> str:
    tip = f"<title>{escape(title)}</title>"
    fill = "#fff" if shape.endswith("-open") else colour
    if shape.startswith("square"):
        return (f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{fill}" '
                f'stroke="{colour}" stroke-width="2">{tip}</rect>')
    if shape == "triangle":
        return (f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},'
                f'{y + 4:.1f}" fill="{fill}" stroke="{colour}">{tip}</polygon>')
    if shape == "diamond":
        return (f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
                f'{x - 5:.1f},{y:.1f}" fill="{fill}" stroke="{colour}">{tip}</polygon>')
    return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{fill}" stroke="{colour}" '
            f'stroke-width="2">{tip}</circle>')


def legend_symbol(index: int) -> str:
    """The series' marker and line as a small SVG for the HTML legend (decorative)."""
    colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
    dash = SERIES_DASHES[index % len(SERIES_DASHES)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="28" height="12" viewBox="0 0 28 12" '
            f'aria-hidden="true" focusable="false"><line x1="0" y1="6" x2="28" y2="6" '
            f'stroke="{colour}" stroke-width="2"{dash_attr}/>'
            + marker(SERIES_MARKERS[index % len(SERIES_MARKERS)], 14, 6, colour, "")
            .replace("<title></title>", "") + "</svg>")


def progression_svg(chart_id: str, title: str, dates: list[str],
                    series: list[tuple[str, dict[int, int]]], low: int, high: int,
                    width: int = 480, height: int = 200) -> str:
    """All SERIES (name, {date index: value}) over DATES in one line chart (role=img)."""
    left, right, top, bottom = 30, 40, 12, 30  # room for the last date's label
    inner_w, inner_h = width - left - right, height - top - bottom
    span = max(1, high - low)

    def y(value):
        return top + inner_h * (high - value) / span

    def x(index, number=None):  # series side by side (3 px apart) where their values meet
        shift = 0 if number is None else (number - (len(series) - 1) / 2) * 3
        return left + shift + (index * inner_w / (len(dates) - 1) if len(dates) > 1
                               else inner_w / 2)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-labelledby="{chart_id}-title" class="chart progression-chart">'
             f'<title id="{chart_id}-title">{escape(title)}</title>']
    for value in range(low, high + 1):
        parts.append(f'<line x1="{left}" y1="{y(value):.1f}" x2="{width - right}" '
                     f'y2="{y(value):.1f}" stroke="#d0d0d0"/>'
                     f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
                     f'font-size="11">{value}</text>')
    shown = range(len(dates)) if len(dates) <= 6 else sorted({0, len(dates) - 1,
                                                               *range(0, len(dates), 3)})
    for index in shown:
        parts.append(f'<text x="{x(index):.1f}" y="{height - 10}" font-size="10" '
                     f'text-anchor="middle">{escape(dates[index])}</text>')
    for number, (name, values) in enumerate(series):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        dash = SERIES_DASHES[number % len(SERIES_DASHES)]
        points = sorted(values.items())
        if len(points) > 1:
            path = " ".join(f"{x(i, number):.1f},{y(v):.1f}" for i, v in points)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                         f'stroke-width="2"{dash_attr}/>')
        for i, v in points:
            parts.append(marker(SERIES_MARKERS[number % len(SERIES_MARKERS)], x(i, number), y(v),
                                colour, f"{name}, {dates[i]}: {v}"))
    parts.append("</svg>")
    return "".join(parts)
