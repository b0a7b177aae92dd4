"""A small chart of an outcome's 0-10 ratings over time, drawn with QPainter.

Readable in black and white and by colour-blind people: one solid line, round markers, and every score written
beside its point; the same points are in the accessible description for screen readers. A rating a peer support
planner recorded is an open square instead of a filled circle (named in a key under the chart), and the
description names the planner.
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ipb_desktop.formatting import date_short
from ipb_desktop.i18n import _


class RatingChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[dt.date, int]] = []
        self.planners: list[str] = []
        self.low, self.high = 0, 10
        self.setAccessibleName(_("Chart of ratings over time"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_points(self, points: list[tuple[dt.date, int]], planners: list[str] | None = None) -> None:
        """The ratings to draw; `planners[i]` names the planner who recorded point i ("" for the person's own)."""
        who = planners if planners is not None else [""] * len(points)
        ordered = sorted(zip(points, who, strict=True))
        self.points = [point for point, _name in ordered]
        self.planners = [name for _point, name in ordered]
        if self.points:
            summary = "; ".join(
                (_("{score} on {date}, recorded by {name} (planner)") if name else _("{score} on {date}")).format(
                    score=score, date=date_short(day), name=name
                )
                for (day, score), name in zip(self.points, self.planners, strict=True)
            )
        else:
            summary = _("No ratings yet.")
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)
        self.update()

    def sizeHint(self) -> QSize:
        line = QFontMetrics(self.font()).height()
        return QSize(line * 24, line * 15)

    def minimumSizeHint(self) -> QSize:
        line = QFontMetrics(self.font()).height()
        return QSize(line * 12, line * 10)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.palette().windowText().color()
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        left = metrics.horizontalAdvance("10") + line
        area = QRectF(left, line, self.width() - left - line * 2, self.height() - line * 4.5)
        if area.width() <= 0 or area.height() <= 0:
            return
        span = self.high - self.low

        def y_of(score: int) -> float:
            return area.bottom() - (score - self.low) / span * area.height()

        faint = QPen(ink, 1, Qt.PenStyle.DotLine)
        for score in range(self.low, self.high + 1, 2):
            y = y_of(score)
            painter.setPen(faint)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(QPen(ink))
            painter.drawText(
                QRectF(0, y - line / 2, left - line / 3, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(score),
            )
        painter.setPen(QPen(ink, 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        if not self.points:
            painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter), _("No ratings yet"))
            return
        first, last = self.points[0][0], self.points[-1][0]
        days = max((last - first).days, 1)

        def x_of(day: dt.date) -> float:
            if len(self.points) == 1:
                return area.center().x()
            return area.left() + (day - first).days / days * area.width()

        where = [QPointF(x_of(day), y_of(score)) for day, score in self.points]
        painter.setPen(QPen(ink, 2))
        for a, b in itertools.pairwise(where):
            painter.drawLine(a, b)
        radius = max(3.0, line / 4)
        for point, (_day, score), planner in zip(where, self.points, self.planners, strict=True):
            _marker(painter, point, radius, ink, planner)
            painter.drawText(QPointF(point.x() + radius + 2, point.y() - radius - 2), str(score))
        painter.setPen(QPen(ink))
        below = area.bottom() + line * 1.2
        if any(self.planners):
            key_y = below + line * 1.1
            _marker(painter, QPointF(area.left() + radius, key_y - line / 3), radius, ink, "")
            mine = _("my own rating")
            painter.drawText(QPointF(area.left() + radius * 3, key_y), mine)
            x = area.left() + radius * 6 + metrics.horizontalAdvance(mine) + line
            _marker(painter, QPointF(x, key_y - line / 3), radius, ink, "planner")
            painter.setPen(QPen(ink))
            painter.drawText(QPointF(x + radius * 2, key_y), _("recorded by a planner"))
        painter.drawText(QPointF(area.left(), below), date_short(first))
        if len(self.points) > 1:
            text = date_short(last)
            painter.drawText(QPointF(area.right() - metrics.horizontalAdvance(text), below), text)


def _marker(painter: QPainter, point: QPointF, radius: float, ink: QColor, planner: str) -> None:
    """A filled circle for the person's own rating, an open square for a planner's."""
    painter.setPen(QPen(ink, 2 if planner else 1))
    if planner:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(point.x() - radius, point.y() - radius, radius * 2, radius * 2))
    else:
        painter.setBrush(ink)
        painter.drawEllipse(point, radius, radius)
    painter.setPen(QPen(ink))
