"""Switching store or locking drops everything of the previous person: page data, messages, undo, the title.

Two invented people: Alys (the `filled_store`) and Bryn (made here). A planner opens one after the other.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ipb_desktop import holder
from ipb_desktop.models.store import Store
from ipb_desktop.ui.shell.main_window import PAGES, MainWindow
from tests.conftest import PASSPHRASE

ALYS_WORDS = ("Alys", "Testwood", "Clayworks", "Pottery", "Regain confidence", "Exampleshire", "Jo Assistant")


def _model_texts(model: QAbstractItemModel) -> list[str]:
    texts = []
    root = QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # list models keep columnCount private
        columns = 1
    for row in range(min(model.rowCount(root), 200)):
        for column in range(columns):
            value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
            if value is not None:
                texts.append(str(value))
    return texts


def texts_held(window: QWidget) -> list[str]:
    """Every piece of text the window's widgets hold, shown or not (what a screen reader could reach)."""
    found: list[str] = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if isinstance(widget, (QLabel, QLineEdit)):
            found.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            found.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            found.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found.extend(_model_texts(widget.model()))
        found.append(widget.accessibleName())
        found.append(widget.accessibleDescription())
    return found


def alys_leftovers(window: QWidget) -> list[str]:
    return [t for t in texts_held(window) if any(word in t for word in ALYS_WORDS)]


@pytest.fixture
def bryn_path(tmp_path: Path) -> Path:
    path = tmp_path / "bryn.ipb"
    with Store.create(path, PASSPHRASE) as s2, s2.transaction() as s:
        holder.save_holder(s, holder.HolderDetails(name="Bryn Example"))
    return path


def _visit_every_page_and_log_a_payment(qtbot, win: MainWindow) -> None:
    for row in range(len(PAGES)):
        qtbot.keyClick(win, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    spending = win.page_widgets["spending"]
    quick = spending.quick_add
    qtbot.keyClicks(quick.payee, "Clayworks Studio")
    qtbot.keyClicks(quick.amount, "4.50")
    qtbot.keyClick(quick.amount, Qt.Key.Key_Return)
    assert "Saved: Clayworks Studio" in quick.status.text()
    assert win.ctx.undo_stack.canUndo()


def test_opening_another_store_drops_the_first_persons_data_at_once(
    qtbot, open_window: MainWindow, bryn_path: Path, monkeypatch
) -> None:
    win = open_window
    _visit_every_page_and_log_a_payment(qtbot, win)
    assert alys_leftovers(win)  # the check can see Alys while her store is open
    monkeypatch.setattr(MainWindow, "ask_store_to_open", staticmethod(lambda parent: bryn_path))
    qtbot.keyClick(win, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert win.central.currentWidget() is win.unlock_page
    assert win.ctx.store is None
    assert win.windowTitle() == "ipb-desktop"
    # Ctrl+2 (Outcomes) shows nothing without the passphrase.
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert win.central.currentWidget() is win.unlock_page
    assert not win.undo_action.isEnabled()
    assert alys_leftovers(win) == []

    qtbot.keyClicks(win.unlock_page.passphrase, PASSPHRASE)
    qtbot.keyClick(win.unlock_page.passphrase, Qt.Key.Key_Return)
    assert win.windowTitle() == "Bryn Example — ipb-desktop"
    _visit_every_page = [
        qtbot.keyClick(win, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
        for row in range(len(PAGES))
    ]
    assert alys_leftovers(win) == []
    assert not win.ctx.undo_stack.canUndo()
    assert not win.undo_action.isEnabled()


def test_a_remembered_store_opened_straight_away_shows_nothing_of_the_last_one(
    qtbot, open_window: MainWindow, bryn_path: Path, monkeypatch
) -> None:
    """Without a passphrase page in between (the store is remembered), the quick-add "Saved" line goes too."""
    win = open_window
    _visit_every_page_and_log_a_payment(qtbot, win)
    bryn = Store.open(bryn_path, PASSPHRASE)
    monkeypatch.setattr("ipb_desktop.unlock.open_remembered", lambda path: bryn)
    win.open_path(bryn_path)
    assert win.windowTitle() == "Bryn Example — ipb-desktop"
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert win.page_widgets["spending"].quick_add.status.text() == ""
    for row in range(len(PAGES)):
        qtbot.keyClick(win, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
    assert alys_leftovers(win) == []
    assert not win.undo_action.isEnabled()


def test_locking_empties_every_page_and_the_undo_menu(qtbot, open_window: MainWindow) -> None:
    win = open_window
    _visit_every_page_and_log_a_payment(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert win.ctx.store is None
    assert alys_leftovers(win) == []
    assert not win.undo_action.isEnabled()
    # Ctrl+Z on the lock screen changes nothing and loses nothing: after unlocking, undo still takes the
    # payment away.
    qtbot.keyClick(win.unlock_page.passphrase, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.unlock_page.passphrase, PASSPHRASE)
    qtbot.keyClick(win.unlock_page.passphrase, Qt.Key.Key_Return)
    assert win.undo_action.isEnabled()
    assert win.ctx.undo_stack.undoText() == "Log Clayworks Studio"
