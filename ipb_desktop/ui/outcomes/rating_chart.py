"""A small chart of an outcome's 0-10 ratings over time, drawn with QPainter.

Readable in black and white and by colour-blind people: one solid line, round markers, and every score written
beside its point; the same points are in the accessible description for screen readers.
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ipb_desktop.formatting import date_short
from ipb_desktop.i18n import _


class RatingChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[dt.date, int]] = []
        self.low, self.high = 0, 10
        self.setAccessibleName(_("Chart of ratings over time"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_points(self, points: list[tuple[dt.date, int]]) -> None:
        self.points = sorted(points)
        if self.points:
            summary = "; ".join(
                _("{score} on {date}").format(score=score, date=date_short(day)) for day, score in self.points
            )
        else:
            summary = _("No ratings yet.")
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)
        self.update()

    def sizeHint(self) -> QSize:
        line = QFontMetrics(self.font()).height()
        return QSize(line * 24, line * 14)

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
        area = QRectF(left, line, self.width() - left - line * 2, self.height() - line * 3.5)
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
        painter.setBrush(ink)
        for point, (_day, score) in zip(where, self.points, strict=True):
            painter.drawEllipse(point, radius, radius)
            painter.drawText(QPointF(point.x() + radius + 2, point.y() - radius - 2), str(score))
        painter.setPen(QPen(ink))
        below = area.bottom() + line * 1.2
        painter.drawText(QPointF(area.left(), below), date_short(first))
        if len(self.points) > 1:
            text = date_short(last)
            painter.drawText(QPointF(area.right() - metrics.horizontalAdvance(text), below), text)
