"""Finding the Alt-letters (mnemonics) a person can press in a window, to check each is used once."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMainWindow, QTabWidget, QWidget

_MNEMONIC = re.compile(r"&([^&\s])")


def letter(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def alt_letters(window: QWidget) -> dict[str, list[str]]:
    """Letter -> the texts using it, for everything shown now in `window` (its menu bar included)."""
    used: dict[str, list[str]] = defaultdict(list)

    def note(text: str) -> None:
        key = letter(text)
        if key:
            used[key].append(text)

    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.isVisible():
                note(action.text())
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            note(widget.text())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            note(widget.title())
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                note(widget.tabText(i))
    return used


def clashes(window: QWidget) -> dict[str, list[str]]:
    return {key: texts for key, texts in alt_letters(window).items() if len(texts) > 1}
