"""Edit > Undo and Redo for the whole window.

They work only while a store is open and its pages are shown (never on the lock screen, where Ctrl+Z must not
drop a step), say what they undid ("Undone: Log Clayworks Studio") through the message bar, and Ctrl+Z in a text
box that has nothing of its own to undo undoes the last change in the app, as Edit > Undo does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from ipb_desktop.i18n import _
from ipb_desktop.ui import messages
from ipb_desktop.ui.operations.context import AppContext


def own_undo(widget: QWidget | None, redo: bool = False) -> bool | None:
    """Whether the text box `widget` has typing of its own to undo (redo); None when it is not a text box."""
    if isinstance(widget, QAbstractSpinBox):
        widget = widget.findChild(QLineEdit)
    if isinstance(widget, QLineEdit):
        if widget.isReadOnly():
            return False
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        if widget.isReadOnly():
            return False
        document = widget.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return None


class UndoActions(QObject):
    """The Undo and Redo actions of `window`, over `ctx.undo_stack`; `usable()` says whether the store's pages
    are what the person sees now."""

    def __init__(self, window: QWidget, ctx: AppContext, usable: Callable[[], bool]) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._usable = usable
        self.undo_action = QAction(_("&Undo"), window)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(lambda _checked=False: self.undo())
        self.redo_action = QAction(_("&Redo"), window)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(lambda _checked=False: self.redo())
        stack = ctx.undo_stack
        for signal in (stack.canUndoChanged, stack.canRedoChanged, stack.undoTextChanged, stack.redoTextChanged):
            signal.connect(self._stack_changed)
        ctx.changed.connect(self.update)
        self.update()

    def _stack_changed(self, *_args: object) -> None:
        self.update()

    def update(self) -> None:
        stack, usable = self._ctx.undo_stack, self._usable()
        can_undo, can_redo = usable and stack.canUndo(), usable and stack.canRedo()
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.undo_action.setText(_("&Undo: {what}").format(what=stack.undoText()) if can_undo else _("&Undo"))
        self.redo_action.setText(_("&Redo: {what}").format(what=stack.redoText()) if can_redo else _("&Redo"))

    def undo(self) -> bool:
        stack = self._ctx.undo_stack
        if not (self._usable() and stack.canUndo()):
            return False
        what = stack.undoText()
        stack.undo()
        messages.info(_("Undone: {what}. To do it again, choose Redo (Ctrl+Y).").format(what=what))
        return True

    def redo(self) -> bool:
        stack = self._ctx.undo_stack
        if not (self._usable() and stack.canRedo()):
            return False
        what = stack.redoText()
        stack.redo()
        messages.info(_("Done again: {what}.").format(what=what))
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Z (Ctrl+Y) in a text box of this window with nothing of its own to undo undoes the app's last
        change. Installed on the application; every other key goes on as usual."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        is_undo = event.matches(QKeySequence.StandardKey.Undo)
        is_redo = event.matches(QKeySequence.StandardKey.Redo) or (
            event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        )
        if not (is_undo or is_redo):
            return False
        focus = QApplication.focusWidget()
        if focus is None or focus is not watched or focus.window() is not self._window:
            return False
        if own_undo(focus, redo=is_redo) is not False:
            return False  # not a text box, or the box undoes its own typing first
        return self.redo() if is_redo else self.undo()
