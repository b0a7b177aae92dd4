"""The Qt binding the app runs on must not leak references to None.

PySide6 6.12.0 dropped one reference to None on every setter call; on Python 3.11 (where None is an ordinary
object) the app then aborted with "none_dealloc" after a few thousand calls, e.g. while showing a 10,000-line
bank statement. pyproject.toml excludes that release; this guards the one installed.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QPushButton


def test_qt_setters_leave_none_alone(qtbot) -> None:
    label, button = QLabel(), QPushButton()
    qtbot.addWidget(label)
    qtbot.addWidget(button)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("Pottery class")
        button.setEnabled(True)
    assert abs(sys.getrefcount(None) - before) < 50
