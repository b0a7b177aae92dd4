"""Scrolling over Settings or Reports never changes a value; only a control with the keyboard focus takes the
wheel (before, scrolling the page changed the text size, language, auto-lock and report dates)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QWidget

from ipb_desktop.ui.shell.main_window import MainWindow


def wheel(widget: QWidget, steps: int = -1) -> None:
    target = widget
    if isinstance(widget, QDateEdit):
        target = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
    centre = QPointF(target.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(target.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(target, event)


def test_wheel_over_settings_changes_nothing_until_the_control_has_focus(qtbot, open_window: MainWindow) -> None:
    open_window.show_page("settings")
    page = open_window.page_widgets["settings"]
    combos: dict[str, QComboBox] = page.combos
    open_window.nav.setFocus()
    before = {key: box.currentIndex() for key, box in combos.items()}
    for box in combos.values():
        wheel(box)
    assert {key: box.currentIndex() for key, box in combos.items()} == before
    size = combos["text_scale_percent"]
    size.setFocus()
    wheel(size)
    assert size.currentIndex() != before["text_scale_percent"]  # with the focus, the wheel still works


def test_wheel_over_report_dates_changes_nothing(qtbot, open_window: MainWindow) -> None:
    open_window.show_page("reports")
    page = open_window.page_widgets["reports"]
    open_window.nav.setFocus()
    edits = page.findChildren(QDateEdit)
    boxes = page.findChildren(QComboBox)
    assert edits and boxes
    before = [e.date() for e in edits] + [b.currentIndex() for b in boxes]
    for control in [*edits, *boxes]:
        wheel(control)
    assert [e.date() for e in edits] + [b.currentIndex() for b in boxes] == before
