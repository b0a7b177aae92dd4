"""The one date field: a typed date is exactly what was typed, or it is refused with a message.

Qt's QDateEdit edits one section at a time, so typing a whole date went wrong: Tab in and type 02/11/2026 gave
02/12/2026 (the "/" jumped a section too far), select all and type 15/11/2026 gave 01/11/2026. Tab also stopped
at each section. Here, typing digits and "/" collects the whole date as typed and reads it once it is complete
(or when the person leaves the field or presses Enter); the field is a single Tab stop. The arrow keys, the
mouse wheel (with focus) and the calendar still work as before.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QWidget

from ipb_desktop.i18n import _
from ipb_desktop.ui import messages
from ipb_desktop.ui.widgets.accessible import announce

_TYPED = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_DATE_KEYS = set("0123456789/.-")


class DateField(QDateEdit):
    def __init__(self, date: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if date is not None:
            self.setDate(date)
        self.setDisplayFormat("dd/MM/yyyy")
        self._typed: str | None = None  # what has been typed since the field was entered, None when not typing

    # -- typing a whole date -----------------------------------------------------------------------------------

    def _show_typed(self) -> None:
        edit = self.lineEdit()
        edit.blockSignals(True)  # the spin box must not read half a date
        edit.setText(self._typed or "")
        edit.setCursorPosition(len(self._typed or ""))
        edit.blockSignals(False)

    def _commit(self) -> bool:
        """Read what was typed; True when it was a date (now shown), False when refused (the old date stays)."""
        typed, self._typed = self._typed, None
        if typed is None:
            return True
        if not typed:  # typed and then rubbed out: the date stays as it was
            self.lineEdit().setText(self.textFromDateTime(self.dateTime()))
            return True
        found = _TYPED.match(typed)
        day = QDate(int(found[3]), int(found[2]), int(found[1])) if found else QDate()
        if day.isValid() and self.minimumDate() <= day <= self.maximumDate():
            self.setDate(day)
            self.lineEdit().setText(self.textFromDateTime(self.dateTime()))
            return True
        self.setDate(self.date())
        self.lineEdit().setText(self.textFromDateTime(self.dateTime()))
        text = _("'{typed}' is not a date this field can take. Type the day, month and year, for example {example}.")
        said = text.format(typed=typed, example=QDate.currentDate().toString("dd/MM/yyyy"))
        messages.error(said)
        announce(self, said, urgent=True)
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if plain and len(text) == 1 and text in _DATE_KEYS:
            self._typed = (self._typed or "") + text
            self._show_typed()
            if _TYPED.match(self._typed):  # the year has its four digits: the date is complete
                self._commit()
                self.selectAll()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Backspace and self._typed is not None:
            self._typed = self._typed[:-1]
            self._show_typed()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._typed is not None:
            self._commit()
        elif event.key() == Qt.Key.Key_Escape and self._typed is not None:
            self._typed = None
            self.setDate(self.date())
            self.lineEdit().setText(self.textFromDateTime(self.dateTime()))
            event.accept()
            return
        elif self._typed is not None:
            self._commit()
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._typed = None
        super().focusInEvent(event)
        self.selectAll()  # typing replaces the whole date

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._commit()
        super().focusOutEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # One Tab stop: Tab leaves the field instead of walking through day, month and year.
        self._commit()
        return QAbstractSpinBox.focusNextPrevChild(self, next)


__all__ = ["DateField"]
