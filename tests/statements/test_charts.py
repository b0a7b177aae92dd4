"""The ratings charts, drawn on a page and read back: every rating has a marker, every series its own kind of
line and marker, scores that would touch are thinned (the latest always shown), both axes are labelled, and a
chart of one rating still draws."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ipb_desktop.statements.charts import RatingsChart, Series
from ipb_desktop.statements.layout import FONT_BOLD

SIZE = 9


@dataclass(frozen=True)
class Word:
    text: str
    x: float
    y: float
    bold: bool


@dataclass(frozen=True)
class Drawn:
    words: list[Word]
    lines: list[tuple[float, list[float]]]  # each stroked line: (width, dash)
    markers: list[str]  # the shape of each filled marker: "circle", "square" or "triangle"


def _draw(tmp_path: Path, series: list[Series], low: int = 0, high: int = 10, width: float = 480) -> Drawn:
    """The chart on a page of its own, read back from the PDF."""
    out = tmp_path / "chart.pdf"
    canvas = Canvas(str(out))
    chart = RatingsChart(
        series, low, high, width=width, height=180, y_title="Own words", x_title="Date of the rating", font_size=SIZE
    )
    assert chart.wrapOn(canvas, width, 800) == (width, 180)
    chart.drawOn(canvas, 40, 300)
    canvas.showPage()
    canvas.save()
    page = PdfReader(out).pages[0]
    resources: Any = page["/Resources"]
    fonts = resources["/Font"]
    words: list[Word] = []
    lines: list[tuple[float, list[float]]] = []
    markers: list[str] = []
    width_now, dash_now, path, bold, at = 1.0, [], [], False, (0.0, 0.0)
    moves: list[tuple[float, ...]] = [(1, 0, 0, 1, 0, 0)]  # where the page's drawing is moved and turned to
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"q":
            moves.append(moves[-1])
        elif operator == b"Q":
            moves.pop()
        elif operator == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            A, B, C, D, E, F = moves[-1]
            moves[-1] = (
                a * A + b * C,
                a * B + b * D,
                c * A + d * C,
                c * B + d * D,
                e * A + f * C + E,
                e * B + f * D + F,
            )
        elif operator == b"Tf":
            bold = "Bold" in str(fonts[operands[0]]["/BaseFont"])
        elif operator == b"Tm":
            x, y = float(operands[4]), float(operands[5])
            A, B, C, D, E, F = moves[-1]
            at = (x * A + y * C + E, x * B + y * D + F)
        elif operator == b"Tj":
            # Plain ASCII is written as itself in the embedded font's first subset.
            words.append(Word(operands[0].original_bytes.decode("ascii"), *at, bold))
        elif operator == b"w":
            width_now = float(operands[0])
        elif operator == b"d":
            dash_now = [float(v) for v in operands[0]]
        elif operator in (b"m", b"l", b"c", b"re", b"h"):
            path.append(operator)
        elif operator == b"S":
            if b"l" in path:
                lines.append((width_now, dash_now))
            path = []
        elif operator == b"B*":
            last = path[-2] if path[-1] == b"h" else path[-1]  # a triangle is closed after its last line
            markers.append({b"c": "circle", b"re": "square", b"l": "triangle"}[last])
            path = []
        elif operator == b"n":
            path = []
    return Drawn(words, lines, markers)


def _days(start: dt.date, scores: list[int], every: int) -> tuple[tuple[dt.date, int], ...]:
    return tuple((start + dt.timedelta(days=every * i), score) for i, score in enumerate(scores))


def test_every_rating_has_a_marker_and_every_series_its_own_line_and_marker(tmp_path: Path) -> None:
    series = [
        Series("My own rating", _days(dt.date(2026, 1, 5), [2, 4, 5, 7], 20)),
        Series("Rated by Sam Example (planner)", _days(dt.date(2026, 1, 12), [3, 3, 6], 25)),
        Series("Rated by Cai Example (planner)", _days(dt.date(2026, 2, 1), [1, 9], 30)),
    ]
    drawn = _draw(tmp_path, series)
    # One marker for each rating, then one in the key beside each name.
    assert drawn.markers == ["circle"] * 4 + ["square"] * 3 + ["triangle"] * 2 + ["circle", "square", "triangle"]
    dashes = [dash for width, dash in drawn.lines if width == 1.4]
    assert dashes == [[], [4, 2], [1, 2]] * 2  # solid, dashed, dotted (then the same in the key): no colour needed
    names = [w.text for w in drawn.words if not w.bold]
    for name in ("My own rating", "Rated by Sam Example (planner)", "Rated by Cai Example (planner)"):
        assert name in names
    scores = sorted(w.text for w in drawn.words if w.bold)
    assert scores == sorted(["2", "4", "5", "7", "3", "3", "6", "1", "9"])  # far apart: every score is printed


def test_scores_too_close_to_read_are_left_out_but_the_latest_is_always_printed(tmp_path: Path) -> None:
    scores = [(day * 7) % 11 for day in range(400)]
    drawn = _draw(tmp_path, [Series("My own rating", _days(dt.date(2025, 1, 1), scores, 2))])
    printed = sorted((w for w in drawn.words if w.bold), key=lambda w: w.x)
    assert len(drawn.markers) == 400  # every rating is still drawn ...
    assert 20 < len(printed) < 100  # ... but only the scores that have room are printed
    assert printed[-1].text == str(scores[-1])  # the latest score, by the last point
    for before, after in itertools.pairwise(printed):
        gap = after.x - (before.x + stringWidth(before.text, FONT_BOLD, SIZE))
        assert gap >= SIZE * 0.3 - 0.01  # printed scores never touch


def test_a_chart_of_one_rating_has_its_score_axes_and_month(tmp_path: Path) -> None:
    drawn = _draw(tmp_path, [Series("My own rating", ((dt.date(2026, 6, 1), 7),))])
    assert drawn.markers == ["circle"]  # one point, and no key for a single series
    texts = [w.text for w in drawn.words]
    assert "7" in [w.text for w in drawn.words if w.bold]
    assert "Jun 2026" in texts and "Own words" in texts and "Date of the rating" in texts
    assert "My own rating" not in texts
    assert [t for t in texts if t.isdigit() and not any(w.bold and w.text == t for w in drawn.words)] == [
        "0",
        "2",
        "4",
        "6",
        "8",
        "10",
    ]


def test_goal_attainment_scores_below_zero_are_on_the_scale(tmp_path: Path) -> None:
    drawn = _draw(tmp_path, [Series("My own rating", _days(dt.date(2026, 3, 2), [-2, -1, 0, 2], 14))], -2, 2)
    scale = [w for w in drawn.words if not w.bold and w.text.lstrip("-").isdigit()]
    assert [w.text for w in sorted(scale, key=lambda w: w.y)] == ["-2", "-1", "0", "1", "2"]
    printed = {w.text: w.y for w in drawn.words if w.bold}
    assert printed["-2"] < printed["-1"] < printed["0"] < printed["2"]  # each score drawn at its height
