"""Ratings over time as a reportlab drawing that reads in black and white: each series has its own marker
shape and line style (solid, dashed, dotted), points are labelled with their scores (all of them, unless they
are too close together to read), and both axes are labelled. Colour is never needed to tell series apart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from babel.dates import format_date
from reportlab import rl_config

# reportlab checks every attribute set on every shape, a help while writing a drawing; ten years of ratings spend
# 40% of the chart's time on it. The setting is read when reportlab.graphics is first imported, which is here.
rl_config.shapeChecking = 0
from reportlab.graphics.charts.lineplots import LinePlot  # noqa: E402
from reportlab.graphics.shapes import Drawing, Group, Line, String  # noqa: E402
from reportlab.graphics.widgets.markers import Marker, makeMarker  # noqa: E402
from reportlab.lib import colors  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402

from ipb_desktop import formatting  # noqa: E402
from ipb_desktop.statements.layout import FONT, FONT_BOLD, register_fonts  # noqa: E402

# (marker, dash pattern) for the 1st, 2nd, 3rd ... series.
_STYLES: tuple[tuple[str, tuple[float, ...] | None], ...] = (
    ("FilledCircle", None),
    ("FilledSquare", (4, 2)),
    ("FilledTriangle", (1, 2)),
    ("Circle", (6, 2, 1, 2)),
)


class _Stamp:
    """A series' marker drawn as plain shapes at each point: what reportlab draws for a marker widget (a copy of
    it at the point, turned into shapes when the page is drawn), without making and expanding a widget for
    every one of years of ratings."""

    def __init__(self, marker: Marker) -> None:
        self._marker = marker

    def __call__(self, x: float, y: float, _size: float, _color: object) -> Group:
        marker = self._marker
        marker.x, marker.y = x, y
        drawn: Group = marker.draw()
        return drawn


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[tuple[dt.date, int], ...]


def _month_ticks(first: dt.date, last: dt.date, most: int) -> list[dt.date]:
    """First days of months from `first` to `last`, every month or every few, at most `most` of them."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = max(1, -(-months // most))
    ticks: list[dt.date] = []
    year, month = first.year, first.month
    for _ in range(0, months, step):
        day = dt.date(year, month, 1)
        if first - dt.timedelta(days=20) <= day <= last:
            ticks.append(day)
        year, month = divmod(year * 12 + month - 1 + step, 12)
        month += 1
    return ticks or [first]


def _month_label(value: float) -> str:
    """ "Feb 2026", in the chosen language."""
    day = dt.date.fromordinal(int(value))
    return str(format_date(day, format="MMM y", locale=formatting.babel_locale()))


def _labels(points: Sequence[tuple[dt.date, int]], per_day: float, font_size: float) -> list[str]:
    """The score to print by each point, or "" where it would touch the next printed score: the latest score
    is always printed. Years of ratings would otherwise print hundreds of overlapping numbers, which nobody can
    read and which take most of the time to lay out."""
    shown = [""] * len(points)
    last: tuple[float, float] | None = None  # where the last printed score is centred, and half its width
    for index in range(len(points) - 1, -1, -1):
        day, score = points[index]
        x, half = day.toordinal() * per_day, stringWidth(str(score), FONT_BOLD, font_size) / 2
        if last is None or last[0] - x >= last[1] + half + font_size * 0.3:
            shown[index], last = str(score), (x, half)
    return shown


def ratings_chart(
    series: Sequence[Series],
    low: int,
    high: int,
    *,
    width: float,
    height: float,
    y_title: str,
    x_title: str,
    font_size: float = 8,
) -> Drawing:
    """A line chart of scores (from `low` to `high`) against the day they were given."""
    register_fonts()
    drawing = Drawing(width, height)
    legend_h = font_size * 1.8 if len(series) > 1 else 0
    left, bottom = font_size * 4.5, font_size * 4.2
    plot = LinePlot()
    plot.x, plot.y = left, bottom
    plot.width = width - left - font_size * 2
    plot.height = height - bottom - font_size * 1.5 - legend_h
    days = [day.toordinal() for s in series for day, _score in s.points]
    first, last = (min(days), max(days)) if days else (dt.date.today().toordinal(),) * 2
    pad = max(7, (last - first) // 20)
    plot.data = [[(day.toordinal(), score) for day, score in s.points] for s in series]
    plot.joinedLines = 1
    plot.lineLabelFormat = "values"
    per_day = plot.width / max(1, last - first + 2 * pad)
    plot.lineLabelArray = [_labels(s.points, per_day, font_size) for s in series]
    plot.lineLabels.fontName = FONT_BOLD
    plot.lineLabels.fontSize = font_size
    plot.lineLabels.dy = font_size * 0.7
    for index in range(len(series)):
        marker, dash = _STYLES[index % len(_STYLES)]
        line = plot.lines[index]
        line.strokeColor = colors.black
        line.strokeWidth = 1.4
        line.strokeDashArray = dash
        line.symbol = _Stamp(makeMarker(marker, size=font_size * 0.8, fillColor=colors.black, strokeColor=colors.black))
    x_axis, y_axis = plot.xValueAxis, plot.yValueAxis
    x_axis.valueMin, x_axis.valueMax = first - pad, last + pad
    most = max(2, min(7, int(width // (font_size * 7.5))))  # month labels ("Sept 2026") never run together
    ticks = _month_ticks(dt.date.fromordinal(first - pad), dt.date.fromordinal(last + pad), most)
    x_axis.valueSteps = [day.toordinal() for day in ticks]
    x_axis.labelTextFormat = _month_label
    x_axis.labels.fontName, x_axis.labels.fontSize = FONT, font_size
    x_axis.labels.dy = -font_size * 0.4
    y_axis.valueMin, y_axis.valueMax = low, high
    y_axis.valueStep = 1 if high - low <= 6 else 2
    y_axis.labels.fontName, y_axis.labels.fontSize = FONT, font_size
    y_axis.visibleGrid = 1
    y_axis.gridStrokeColor = colors.Color(0.8, 0.8, 0.8)
    y_axis.gridStrokeDashArray = (1, 2)
    drawing.add(plot)
    y_label = Group(String(0, 0, y_title, fontName=FONT, fontSize=font_size, textAnchor="middle"))
    y_label.transform = (0, 1, -1, 0, font_size * 1.1, bottom + plot.height / 2)  # turned to read upwards
    drawing.add(y_label)
    drawing.add(
        String(left + plot.width / 2, font_size * 0.4, x_title, fontName=FONT, fontSize=font_size, textAnchor="middle")
    )
    if len(series) > 1:
        x = left
        y = height - font_size * 1.2
        for index, s in enumerate(series):
            marker, dash = _STYLES[index % len(_STYLES)]
            drawing.add(
                Line(
                    x,
                    y + font_size * 0.3,
                    x + 24,
                    y + font_size * 0.3,
                    strokeColor=colors.black,
                    strokeWidth=1.4,
                    strokeDashArray=dash,
                )
            )
            symbol = makeMarker(marker, size=font_size * 0.8, fillColor=colors.black, strokeColor=colors.black)
            symbol.x, symbol.y = x + 12, y + font_size * 0.3
            drawing.add(symbol)
            drawing.add(String(x + 30, y, s.label, fontName=FONT, fontSize=font_size))
            x += 40 + len(s.label) * font_size * 0.55
    return drawing
