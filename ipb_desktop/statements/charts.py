"""Ratings over time as a chart that reads in black and white: each series has its own marker shape and line
style (solid, dashed, dotted), points are labelled with their scores (all of them, unless they are too close
together to read), and both axes are labelled. Colour is never needed to tell series apart.

The chart is one small flowable drawn straight onto the page: one line per series, markers as plain paths and
labels as plain text. It draws what reportlab's LinePlot with Label and Marker widgets drew before (the same
axes, ticks, grid, labels, markers and dashes, in the same places and the same order), without building and
checking a tree of thousands of shapes for years of ratings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from math import cos, pi, sin

from babel.dates import format_date
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import Flowable

from ipb_desktop import formatting
from ipb_desktop.statements.drawn_text import DrawnText
from ipb_desktop.statements.layout import FONT, FONT_BOLD, register_fonts

# (marker, dash pattern) for the 1st, 2nd, 3rd ... series. The fourth marker is a circle like the first (it was
# reportlab's outlined "Circle" marker, filled black all the same); its dash-dot line tells it apart.
_STYLES: tuple[tuple[str, tuple[float, ...] | None], ...] = (
    ("circle", None),
    ("square", (4, 2)),
    ("triangle", (1, 2)),
    ("circle", (6, 2, 1, 2)),
)
_LINE_WIDTH = 1.4
_MARKER_STROKE = 0.1  # the thin black edge reportlab gives a marker
_GRID = ".8 .8 .8 RG .25 w 0 J 0 j [1 2] 0 d"  # light grey dotted lines across the plot at each score
_AXIS = "0 0 0 RG 1 w 0 J 0 j [] 0 d"
_TICK = 5  # length of a tick mark outside the axis
_LABEL_NUDGE = 10  # how far above a point its score is lifted, before the label's own offset
_BASELINE = 1 / 1.2  # where a label's text sits in its line: reportlab's Label without ascent and descent


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[tuple[dt.date, int], ...]


_widths: dict[tuple[str, str, float], float] = {}


def _width(text: str, font: str, size: float) -> float:
    """`stringWidth`, remembered: the same scores, months and scale numbers are measured again and again."""
    key = (text, font, size)
    found = _widths.get(key)
    if found is None:
        if len(_widths) > 4096:
            _widths.clear()
        found = _widths[key] = stringWidth(text, font, size)
    return found


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
        x, half = day.toordinal() * per_day, _width(str(score), FONT_BOLD, font_size) / 2
        if last is None or last[0] - x >= last[1] + half + font_size * 0.3:
            shown[index], last = str(score), (x, half)
    return shown


def _y_ticks(low: int, high: int, step: int) -> list[int]:
    """Every multiple of `step` from `low` to `high`."""
    return [i * step for i in range(-(-low // step), high // step + 1)]


def _circle(r: float) -> list[tuple[float, float]]:
    """A circle of radius `r` about (0, 0) as reportlab draws one: four Bézier curves, anticlockwise from the
    right, as (x, y) offsets: the start, then three for each curve."""
    kappa = abs(4.0 / 3.0 * (1.0 - cos(pi / 4)) / sin(pi / 4))
    offsets = [(r, 0.0)]
    for quarter in range(4):
        a0, a1 = quarter * pi / 2, (quarter + 1) * pi / 2
        offsets += [
            (r * (cos(a0) - kappa * sin(a0)), r * (sin(a0) + kappa * cos(a0))),
            (r * (cos(a1) + kappa * sin(a1)), r * (sin(a1) - kappa * cos(a1))),
            (r * cos(a1), r * sin(a1)),
        ]
    return offsets


def _marker_paths(kind: str, size: float, points: Sequence[tuple[float, float]]) -> list[str]:
    """Each point's marker as a filled and outlined path, as reportlab's filled markers draw."""
    r = size / 2.0
    if kind == "square":
        return [f"n {fp_str(x - r, y - r, 2 * r, 2 * r)} re B*" for x, y in points]
    if kind == "triangle":
        s, c = sin(pi / 6) * r, cos(pi / 6) * r
        return [f"n {fp_str(x, y + r)} m {fp_str(x - c, y - s)} l {fp_str(x + c, y - s)} l h B*" for x, y in points]
    start, *curves = _circle(r)
    paths = []
    for x, y in points:
        code = [f"n {fp_str(x + start[0], y + start[1])} m"]
        for i in range(0, 12, 3):
            (ax, ay), (bx, by), (cx, cy) = curves[i : i + 3]
            code.append(f"{fp_str(x + ax, y + ay, x + bx, y + by, x + cx, y + cy)} c")
        paths.append("\n".join([*code, "B*"]))
    return paths


def _dash(dash: tuple[float, ...] | None) -> str:
    return f"[{fp_str(*dash)}] 0 d" if dash else "[] 0 d"


class RatingsChart(Flowable):  # type: ignore[misc]
    """A line chart of scores (from `low` to `high`) against the day they were given, `width` by `height`."""

    def __init__(
        self,
        series: Sequence[Series],
        low: int,
        high: int,
        *,
        width: float,
        height: float,
        y_title: str,
        x_title: str,
        font_size: float = 8,
    ) -> None:
        super().__init__()
        self.series = list(series)
        self.low, self.high = low, high
        self.width, self.height = width, height
        self.y_title, self.x_title = y_title, x_title
        self.font_size = font_size
        self.hAlign = "LEFT"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        register_fonts()
        canv: Canvas = self.canv
        code: list[str] = canv._code
        series, fs = self.series, self.font_size
        legend_h = fs * 1.8 if len(series) > 1 else 0
        left, bottom = fs * 4.5, fs * 4.2
        plot_w = self.width - left - fs * 2
        plot_h = self.height - bottom - fs * 1.5 - legend_h
        days = [day.toordinal() for s in series for day, _score in s.points]
        first, last = (min(days), max(days)) if days else (dt.date.today().toordinal(),) * 2
        pad = max(7, (last - first) // 20)
        x_min, x_max = first - pad, last + pad
        x_scale = plot_w / float(x_max - x_min)
        y_scale = plot_h / float(self.high - self.low)

        def at_x(day: float) -> float:
            return left + x_scale * (day - x_min)

        def at_y(score: float) -> float:
            return bottom + y_scale * (score - self.low)

        code.append("0 0 0 rg")
        # The x axis along the bottom, a tick under each month shown, and its name under the tick.
        most = max(2, min(7, int(self.width // (fs * 7.5))))  # month labels ("Sept 2026") never run together
        ticks = [t.toordinal() for t in _month_ticks(dt.date.fromordinal(x_min), dt.date.fromordinal(x_max), most)]
        code.append(_AXIS)
        code.append(f"n {fp_str(left, bottom)} m {fp_str(left + plot_w, bottom)} l S")
        code += [f"n {fp_str(at_x(t), bottom)} m {fp_str(at_x(t), bottom - _TICK)} l S" for t in ticks]
        baseline = fs * 1.2 * _BASELINE  # from the top of a label's line to its text's baseline
        months = [(at_x(t), _month_label(t)) for t in ticks]
        self._text(FONT, [((x, bottom - fs * 0.4), (-_width(m, FONT, fs) * 0.5, -baseline), m) for x, m in months])
        # The y axis up the left, a tick at each score shown, and the score beside it.
        scores = _y_ticks(self.low, self.high, 1 if self.high - self.low <= 6 else 2)
        code.append(_AXIS)
        code.append(f"n {fp_str(left, bottom)} m {fp_str(left, bottom + plot_h)} l S")
        code += [f"n {fp_str(left, at_y(v))} m {fp_str(left - _TICK, at_y(v))} l S" for v in scores]
        middle = fs * 1.2 * 0.5 - baseline  # a label's baseline, from the middle of its line
        numbers = [(at_y(v), f"{v:.0f}") for v in scores]
        self._text(FONT, [((left - _TICK, y), (-_width(n, FONT, fs), middle), n) for y, n in numbers])
        for v in scores:
            y = at_y(v)
            if y != bottom:  # no grid line over the x axis
                code += [_GRID, f"n {fp_str(left, y)} m {fp_str(left + plot_w, y)} l S"]
        # Each series: its line, its markers, then its scores.
        per_day = plot_w / max(1, last - first + 2 * pad)
        for index, s in enumerate(series):
            kind, dash = _STYLES[index % len(_STYLES)]
            points = [(at_x(day.toordinal()), at_y(score)) for day, score in s.points]
            line = " ".join(f"{fp_str(x, y)} {'l' if i else 'm'}" for i, (x, y) in enumerate(points))
            code.append(f"0 0 0 RG {fp_str(_LINE_WIDTH)} w 0 J 1 j {_dash(dash)}")
            code.append(f"n {line}\nS")
            code.append(f"0 0 0 RG {fp_str(_MARKER_STROKE)} w 0 J 0 j [] 0 d")
            code += _marker_paths(kind, fs * 0.8, points)
            scores_shown = _labels(s.points, per_day, fs)
            self._text(
                FONT_BOLD,
                [
                    (
                        (x, y + (_LABEL_NUDGE if y > 0 else -_LABEL_NUDGE) + fs * 0.7),
                        (-_width(t, FONT_BOLD, fs) * 0.5, middle),
                        t,
                    )
                    for (x, y), t in zip(points, scores_shown, strict=True)
                    if t
                ],
            )
        # The axes' names: the y axis's turned to read upwards.
        code.append(f"q 0 1 -1 0 {fp_str(fs * 1.1, bottom + plot_h / 2)} cm")
        self._text(FONT, [((-_width(self.y_title, FONT, fs) * 0.5, 0), (0, 0), self.y_title)])
        code.append("Q")
        x_title_at = left + plot_w / 2 - _width(self.x_title, FONT, fs) * 0.5
        self._text(FONT, [((x_title_at, fs * 0.4), (0, 0), self.x_title)])
        if len(series) > 1:
            self._key(left, self.height - fs * 1.2)

    def _key(self, x: float, y: float) -> None:
        """Which line is whose, above the plot: a piece of each line with its marker, and its name."""
        code: list[str] = self.canv._code
        fs = self.font_size
        for index, s in enumerate(self.series):
            kind, dash = _STYLES[index % len(_STYLES)]
            mid = y + fs * 0.3
            code.append(f"0 0 0 RG {fp_str(_LINE_WIDTH)} w 0 J 0 j {_dash(dash)}")
            code.append(f"n {fp_str(x, mid)} m {fp_str(x + 24, mid)} l S")
            code.append(f"0 0 0 RG {fp_str(_MARKER_STROKE)} w 0 J 0 j [] 0 d")
            code += _marker_paths(kind, fs * 0.8, [(x + 12, mid)])
            self._text(FONT, [((x + 30, y), (0, 0), s.label)])
            x += 40 + len(s.label) * fs * 0.55

    def _text(self, font: str, lines: Sequence[tuple[tuple[float, float], tuple[float, float], str]]) -> None:
        """Black text in `font` at the chart's size. Each line is a point, where the left end of the text's
        baseline is from that point, and the words: written as reportlab wrote a label, a move to its point
        and the text at its offset, so every reader finds the text exactly where it was."""
        text = DrawnText(self.canv, font, self.font_size, self.font_size * 1.2)
        code: list[str] = self.canv._code
        for (x, y), (dx, dy), words in lines:
            shown = text.shown(words)  # each label names its font again, inside its own BT ... ET
            if dx or dy:
                code.append(f"q 1 0 0 1 {fp_str(x, y)} cm BT 1 0 0 1 {fp_str(dx, dy)} Tm {shown} T* ET Q")
            else:
                code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {shown} T* ET")
