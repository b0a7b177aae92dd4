"""Driving widgets the way a keyboard user does (no mouse, no setting values directly), shared by the GUI tests."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget


def choose(qtbot: Any, combo: QComboBox, value: object) -> None:
    """Focus `combo` and press Up or Down until the item whose data is `value` is current."""
    combo.setFocus()
    target = combo.findData(value)
    assert target >= 0
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)


def type_over(qtbot: Any, edit: QLineEdit, text: str) -> None:
    """Focus `edit`, select what is there and type `text` over it."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def press(qtbot: Any, button: QWidget) -> None:
    """Focus `button` and press Space."""
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
