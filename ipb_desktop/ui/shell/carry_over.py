"""What a person had half-typed on a page, carried over to the same page built again (in a new language).

Only what they typed themselves is carried: text boxes they changed since the page last filled them. Fields are
matched by their place among the page's fields of the same kind, and only when the new page has the same fields
in the same order (the same page in another language does), so nothing can land in the wrong box. Passphrases
are never read. Kept in memory only, for the moment the page is rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

_TEXT_KINDS = (QLineEdit, QPlainTextEdit, QTextEdit)


def _fields(page: QWidget) -> list[QWidget]:
    """The page's text boxes (not the ones inside date and number fields, which keep their own value)."""
    return [
        w
        for w in page.findChildren(QWidget)
        if isinstance(w, _TEXT_KINDS) and not isinstance(w.parentWidget(), QAbstractSpinBox)
    ]


def _focus_stops(page: QWidget) -> list[QWidget]:
    return [w for w in page.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]


def _typed(widget: QWidget) -> str | None:
    """The text `widget` holds if the person changed it, else None."""
    if isinstance(widget, QLineEdit):
        if widget.echoMode() != QLineEdit.EchoMode.Normal or widget.isReadOnly() or not widget.isModified():
            return None
        return widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        if widget.isReadOnly() or not widget.document().isModified():
            return None
        return widget.toPlainText()
    return None


def _put(widget: QWidget, text: str) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(text)
        widget.setModified(True)
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.setPlainText(text)
        widget.document().setModified(True)


@dataclass
class HalfTyped:
    """The typed text of one page (by field place) and which of its Tab stops had the focus."""

    kinds: list[str] = field(default_factory=list)
    typed: dict[int, str] = field(default_factory=dict)
    focus_kinds: list[str] = field(default_factory=list)
    focus: int | None = None

    @classmethod
    def of(cls, page: QWidget, focused: QWidget | None) -> HalfTyped:
        fields = _fields(page)
        typed = {i: text for i, w in enumerate(fields) if (text := _typed(w)) is not None}
        stops = _focus_stops(page)
        focus = stops.index(focused) if focused in stops else None
        return cls(
            [type(w).__name__ for w in fields],
            typed,
            [type(w).__name__ for w in stops] if focus is not None else [],
            focus,
        )

    def put_back(self, page: QWidget) -> bool:
        """Fill the rebuilt `page` and move the focus back; False (nothing put) when its fields differ."""
        fields = _fields(page)
        if self.typed and [type(w).__name__ for w in fields] == self.kinds:
            for index, text in self.typed.items():
                _put(fields[index], text)
        elif self.typed:
            return False
        if self.focus is not None:
            stops = _focus_stops(page)
            if [type(w).__name__ for w in stops] == self.focus_kinds:
                stops[self.focus].setFocus(Qt.FocusReason.OtherFocusReason)
        return True
