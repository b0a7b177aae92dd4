"""The one field a passphrase is typed into (create, unlock, re-lock, remember, change).

Qt's QLineEdit in Password mode still tells assistive technology every character typed: each key press sends an
AT-SPI `object:text-changed:insert` event carrying the character, and a screen reader may speak it aloud (the
weakness KeePassXC users met with Orca). So this field is not a QLineEdit at all: it keeps the characters in
Python, paints one dot per character, and offers assistive technology an interface of its own that says "a
password field named <its label>" and nothing more: no text, no caret position, no change events.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QFocusEvent,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QAccessibleWidget,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionFrame,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop.ui.widgets.accessible import register
from ipb_desktop.ui.widgets.forms import without_mnemonic

DOT = "\u25cf"


class SecretField(QWidget):
    """A single-line passphrase field that shows dots and exposes nothing of what is typed.

    It offers the parts of QLineEdit's interface the pages use: `text`, `setText`, `clear`, `selectAll`,
    `setPlaceholderText`, and the `textChanged` and `returnPressed` signals. Copy and cut are refused; paste
    works (people paste from password managers). Enter is passed on so a dialog's default button still works.
    """

    textChanged = Signal(str)
    returnPressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _install_accessibility()
        self._chars: list[str] = []
        self._cursor = 0
        self._all_selected = False
        self._placeholder = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.setCursor(Qt.CursorShape.IBeamCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setBackgroundRole(QPalette.ColorRole.Base)

    # -- the QLineEdit-like interface ---------------------------------------------------------------------------

    def text(self) -> str:
        return "".join(self._chars)

    def setText(self, text: str) -> None:
        self._replace(list(text.splitlines()[0] if text else ""), len(text))

    def clear(self) -> None:
        self._replace([], 0)

    def isEmpty(self) -> bool:
        return not self._chars

    def selectAll(self) -> None:
        self._all_selected = bool(self._chars)
        self.update()

    def setPlaceholderText(self, text: str) -> None:
        self._placeholder = text
        self.setAccessibleDescription(text)
        self.update()

    def placeholderText(self) -> str:
        return self._placeholder

    # -- editing --------------------------------------------------------------------------------------------------

    def _replace(self, chars: list[str], cursor: int) -> None:
        changed = chars != self._chars
        self._chars = chars
        self._cursor = max(0, min(cursor, len(chars)))
        self._all_selected = False
        self.update()
        if changed:
            self.textChanged.emit(self.text())

    def _insert(self, text: str) -> None:
        text = "".join(c for c in text if c.isprintable())
        if not text:
            return
        if self._all_selected:
            self._replace(list(text), len(text))
            return
        chars = self._chars[: self._cursor] + list(text) + self._chars[self._cursor :]
        self._replace(chars, self._cursor + len(text))

    def _delete(self, start: int, end: int) -> None:
        if self._all_selected:
            self._replace([], 0)
        elif 0 <= start < end <= len(self._chars):
            self._replace(self._chars[:start] + self._chars[end:], start)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.returnPressed.emit()
            event.ignore()  # a dialog's default button still answers Enter, as with QLineEdit
            return
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.selectAll()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self._insert((QGuiApplication.clipboard().text() or "").split("\n")[0])
        elif event.matches(QKeySequence.StandardKey.Copy) or event.matches(QKeySequence.StandardKey.Cut):
            pass  # a passphrase never leaves the field through the clipboard
        elif key == Qt.Key.Key_Backspace:
            self._delete(0 if ctrl else self._cursor - 1, self._cursor)
        elif key == Qt.Key.Key_Delete:
            self._delete(self._cursor, len(self._chars) if ctrl else self._cursor + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End):
            moves = {
                Qt.Key.Key_Left: self._cursor - 1,
                Qt.Key.Key_Right: self._cursor + 1,
                Qt.Key.Key_Home: 0,
                Qt.Key.Key_End: len(self._chars),
            }
            self._cursor = max(0, min(moves[key], len(self._chars)))
            self._all_selected = False
            self.update()
        elif (
            event.text()
            and event.text().isprintable()
            and not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self._insert(event.text())
        else:
            event.ignore()  # shortcuts, Escape, Alt-letters: for the window
            return
        event.accept()

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        # Dead keys and compose sequences arrive here; the half-typed (pre-edit) part is never painted.
        self._insert(event.commitString())
        event.accept()

    def inputMethodQuery(self, query: Qt.InputMethodQuery) -> Any:
        if query == Qt.InputMethodQuery.ImEnabled:
            return True
        if query == Qt.InputMethodQuery.ImHints:
            return int(self.inputMethodHints().value)
        if query in (Qt.InputMethodQuery.ImSurroundingText, Qt.InputMethodQuery.ImCurrentSelection):
            return ""
        if query == Qt.InputMethodQuery.ImCursorRectangle:
            return self._caret_rect()
        return super().inputMethodQuery(query)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.selectAll()  # as a line edit does: typing replaces what was there
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._all_selected = False
        self.update()
        super().focusOutEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._all_selected = False
        self._cursor = len(self._chars)
        self.update()
        event.accept()

    # -- drawing --------------------------------------------------------------------------------------------------

    def _frame_option(self) -> QStyleOptionFrame:
        option = QStyleOptionFrame()
        option.initFrom(self)
        option.rect = self.rect()
        option.lineWidth = self.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, option, self)
        option.midLineWidth = 0
        option.state |= QStyle.StateFlag.State_Sunken
        return option

    def _contents(self) -> QRect:
        option = self._frame_option()
        rect = self.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
        return rect.adjusted(2, 1, -2, -1)

    def _caret_rect(self) -> QRect:
        area = self._contents()
        x = area.x() + self.fontMetrics().horizontalAdvance(DOT * self._cursor)
        return QRect(QPoint(min(x, area.right()), area.y()), QSize(1, area.height()))

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        height = max(metrics.height(), 14) + 4
        width = metrics.horizontalAdvance("x") * 17 + 4
        option = self._frame_option()
        return self.style().sizeFromContents(QStyle.ContentsType.CT_LineEdit, option, QSize(width, height), self)

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("x") * 8, hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        option = self._frame_option()
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelLineEdit, option, painter, self)
        area = self._contents()
        painter.setClipRect(area)
        palette = self.palette()
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if not self._chars:
            if self._placeholder and not self.hasFocus():
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(area, align, self._placeholder)
        else:
            dots = DOT * len(self._chars)
            if self._all_selected and self.hasFocus():
                width = self.fontMetrics().horizontalAdvance(dots)
                painter.fillRect(QRect(area.x(), area.y(), width, area.height()), palette.highlight())
                painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
            else:
                painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(area, align, dots)
        if self.hasFocus() and not self._all_selected:
            painter.fillRect(self._caret_rect(), palette.text())
        painter.end()


class _SecretAccessible(QAccessibleWidget):
    """What assistive technology learns about a SecretField: a password field, its name (from its label), its
    states. No text interface, so there is no text, no caret and no text-changed events to read."""

    def __init__(self, field: SecretField) -> None:
        super().__init__(field, QAccessible.Role.EditableText)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.passwordEdit = True
        state.editable = True
        state.focusable = True
        state.selectableText = False
        return state

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Value:
            return ""
        said = super().text(kind)
        if kind == QAccessible.Text.Name and not said:
            field = self.widget()
            for label in field.window().findChildren(QLabel):
                if label.buddy() is field:
                    return without_mnemonic(label.text())
        return said


def _install_accessibility() -> None:
    register(SecretField, lambda field: _SecretAccessible(field))  # type: ignore[arg-type]


def ask_secret(parent: QWidget, title: str, label_text: str) -> tuple[str, bool]:
    """QInputDialog.getText for a passphrase, with a SecretField: (what was typed, True) or ("", False)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    column = QVBoxLayout(dialog)
    label = QLabel(label_text)
    label.setWordWrap(True)
    field = SecretField()
    label.setBuddy(field)
    field.setAccessibleName(without_mnemonic(label_text))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    column.addWidget(label)
    column.addWidget(field)
    column.addWidget(buttons)
    field.setFocus()
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    typed = field.text() if accepted else ""
    field.clear()
    dialog.deleteLater()
    return typed, accepted


__all__ = ["DOT", "SecretField", "ask_secret"]
