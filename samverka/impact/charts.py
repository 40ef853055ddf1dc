"""Line charts as inline SVG for a participant's journey; a data table always stands beside."""

from html import escape


def journey_svg(chart_id: str, title: str, points: list[tuple[str, int]], low: int, high: int,
                width: int = 420, height: int = 180) -> str:
    """An accessible SVG line chart of scores over time (role=img with a title)."""
    left, right, top, bottom = 36, 12, 12, 34
    inner_w, inner_h = width - left - right, height - top - bottom
    span = max(1, high - low)

    def y(value):
        return top + inner_h * (high - value) / span

    step = inner_w / max(1, len(points) - 1)
    coordinates = [(left + (index * step if len(points) > 1 else inner_w / 2), y(value))
                   for index, (_label, value) in enumerate(points)]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-labelledby="{chart_id}-title" class="chart">'
             f'<title id="{chart_id}-title">{escape(title)}</title>']
    for value in range(low, high + 1):
        parts.append(f'<line x1="{left}" y1="{y(value):.1f}" x2="{width - right}" '
                     f'y2="{y(value):.1f}" stroke="#d0d0d0"/>'
                     f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
                     f'font-size="11">{value}</text>')
    if len(coordinates) > 1:
        path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in coordinates)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#00457a" '
                     'stroke-width="2"/>')
    for (label, value), (x, yy) in zip(points, coordinates, strict=True):
        parts.append(f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="4" fill="#00457a">'
                     f'<title>{escape(label)}: {value}</title></circle>'
                     f'<text x="{x:.1f}" y="{height - 12}" font-size="10" '
                     f'text-anchor="middle">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
