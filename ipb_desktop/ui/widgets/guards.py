"""Guards for the whole app against changes nobody meant to make.

Scrolling never changes a value: a spin box, date field or drop-down list takes the mouse wheel only when it has
the keyboard focus. Otherwise the wheel goes on to the page under it, which scrolls, as the person intended.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

_VALUE_CONTROLS = (QAbstractSpinBox, QComboBox)


def _value_control(widget: QWidget) -> QWidget | None:
    """The spin box or combo box `widget` is, or is part of (the line edit inside a spin box)."""
    for candidate in (widget, widget.parentWidget()):
        if isinstance(candidate, _VALUE_CONTROLS):
            return candidate
    return None


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget):
            control = _value_control(watched)
            if control is not None and not control.hasFocus():
                event.ignore()  # handled here, not accepted: Qt passes it on to the parent (the page scrolls)
                return True
        return False


_guard: WheelGuard | None = None


def install_wheel_guard() -> None:
    """Once per app (calling again does nothing)."""
    global _guard
    app = QApplication.instance()
    if _guard is None and app is not None:
        _guard = WheelGuard(app)
        app.installEventFilter(_guard)
