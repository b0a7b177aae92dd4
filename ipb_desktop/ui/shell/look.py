"""The app's look for people who need it clear: field borders, selections, bars and focus marks that stand out
(WCAG 2.2 AA, see `appearance.accessible_palette`), and check boxes and radio buttons that grow with the text."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QStyleOptionComplex, QWidget

from ipb_desktop.ui.shell.appearance import accessible_palette, border_colour

_INDICATORS = (
    QStyle.PixelMetric.PM_IndicatorWidth,
    QStyle.PixelMetric.PM_IndicatorHeight,
    QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
    QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
)


def _outline(painter: QPainter, rect: QRect, palette: QPalette) -> None:
    painter.save()
    painter.setPen(QPen(border_colour(palette), 1))
    painter.setBrush(QPalette().brush(QPalette.ColorRole.NoRole))
    painter.drawRect(rect.adjusted(0, 0, -1, -1))
    painter.restore()


class AccessibleStyle(QProxyStyle):
    def drawPrimitive(
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            # A focus mark seen on any background: a dark 2-pixel ring with a light ring inside it. Items in lists
            # are made 6 pixels taller (below), so the rings sit around the words, not over them.
            painter.save()
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Text), 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Base), 1))
            painter.drawRect(option.rect.adjusted(2, 2, -3, -3))
            painter.restore()
            return
        super().drawPrimitive(element, option, painter, widget)
        framed = getattr(option, "lineWidth", 0) > 0  # not the frameless edit inside a spin box or combo
        if element == QStyle.PrimitiveElement.PE_PanelLineEdit and framed:
            _outline(painter, option.rect, option.palette)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox):
            _outline(painter, option.rect, option.palette)

    def sizeFromContents(
        self, kind: QStyle.ContentsType, option: QStyleOption, size: QSize, widget: QWidget | None = None
    ) -> QSize:
        made = super().sizeFromContents(kind, option, size, widget)  # type: ignore[arg-type]  # None is allowed
        if kind == QStyle.ContentsType.CT_ItemViewItem:
            made = made + QSize(0, 6)  # room for the focus rings around an item's words
        return made

    def pixelMetric(
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> int:
        size = super().pixelMetric(metric, option, widget)
        if metric in _INDICATORS:
            # Check boxes and radio buttons as tall as a line of text, so 200 % text doubles them too.
            return max(size, QFontMetrics(QApplication.font()).height())
        return size


def apply_accessible_look(app: QApplication) -> None:
    """Once, at start: the clearer style over the platform's own, and the palette brought up to AA contrast."""
    if isinstance(app.style(), AccessibleStyle):
        return
    app.setStyle(AccessibleStyle(app.style().name()))
    app.setPalette(accessible_palette(app.palette()))
