"""Bar charts as server-side SVG: no CDN, no script, no style attributes (CSP), a title
and description for screen readers; the page puts the same numbers in a table beside."""

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

COLOURS = ["#1f6feb", "#d97706", "#15803d"]
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 260, 56, 40, 28


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def bar_chart(title: str, labels: list[str], series: list[tuple[str, list]]) -> SafeString:
    values = [float(v or 0) for _name, vals in series for v in vals]
    top = _nice_max(max(values, default=0))
    plot_w, plot_h = WIDTH - LEFT - 10, HEIGHT - BOTTOM - TOP
    group_w = plot_w / max(len(labels), 1)
    bar_w = max(2.0, group_w * 0.8 / max(len(series), 1))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'class="chart" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for i in range(5):  # grid lines and the scale
        y = TOP + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - 10}" y2="{y:.1f}" '
                     f'stroke="#ddd" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
                     f'fill="#555">{escape(number_format(top * i / 4, 0, force_grouping=True))}'
                     f"</text>")
    for g, label in enumerate(labels):
        x0 = LEFT + g * group_w + group_w * 0.1
        for k, (name, vals) in enumerate(series):
            value = float(vals[g] or 0)
            h = plot_h * value / top
            x = x0 + k * bar_w
            parts.append(f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w:.1f}" '
                         f'height="{h:.1f}" fill="{COLOURS[k % len(COLOURS)]}">'
                         f"<title>{escape(name)} {escape(label)}: "
                         f"{escape(_fmt(vals[g]))}</title></rect>")
        if len(labels) <= 12 or g % 3 == 0:
            parts.append(f'<text x="{LEFT + g * group_w + group_w / 2:.1f}" '
                         f'y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11" '
                         f'fill="#333">{escape(label)}</text>')
    for k, (name, _vals) in enumerate(series):  # legend
        x = LEFT + k * 180
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" '
                     f'fill="{COLOURS[k % len(COLOURS)]}"/>'
                     f'<text x="{x + 16}" y="16" font-size="12" fill="#333">{escape(name)}'
                     f"</text>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _fmt(value) -> str:
    if isinstance(value, Decimal):
        return number_format(value, 2 if value != value.to_integral() else 0,
                             force_grouping=True)
    return number_format(value or 0, 0, force_grouping=True)


def monthly_charts(table) -> list[dict]:
    """The three charts people would rather look at than read, from the monthly table."""
    labels = [row[0][:2] if len(table.rows) <= 12 else row[0] for row in table.rows]
    column = {name: [row[i] for row in table.rows] for i, name in enumerate(table.columns)}
    c = table.columns
    return [
        {"title": c[1], "svg": bar_chart(c[1], labels, [(c[1], column[c[1]])])},
        {"title": f"{c[2]} / {c[3]}",
         "svg": bar_chart(f"{c[2]} / {c[3]}", labels,
                          [(c[2], column[c[2]]), (c[3], column[c[3]])])},
        {"title": c[5], "svg": bar_chart(c[5], labels, [(c[5], column[c[5]])])},
    ]
