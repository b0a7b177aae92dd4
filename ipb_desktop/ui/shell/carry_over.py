"""What a person had half-typed on a page, carried over to the same page built again (in a new language).

Carried: the text boxes they changed since the page last filled them, and what every list box, date and number
field shows (a filter, a report's dates, a chosen period; by position, so the words may change). Fields are
matched by their place among the page's fields of the same kind, and only when the new page has the same fields
in the same order (the same page in another language does), so nothing can land in the wrong box. Passphrases
are never read. Kept in memory only, for the moment the page is rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

_TEXT_KINDS = (QLineEdit, QPlainTextEdit, QTextEdit)


def _fields(page: QWidget) -> list[QWidget]:
    """The page's text boxes (not the ones inside date and number fields, which keep their own value)."""
    return [
        w
        for w in page.findChildren(QWidget)
        if isinstance(w, _TEXT_KINDS) and not isinstance(w.parentWidget(), QAbstractSpinBox)
    ]


_CHOICE_KINDS = (QComboBox, QDateEdit, QSpinBox, QDoubleSpinBox)


def _choices(page: QWidget) -> list[QWidget]:
    return [w for w in page.findChildren(QWidget) if isinstance(w, _CHOICE_KINDS)]


def _shown(widget: QWidget) -> object:
    if isinstance(widget, QComboBox):
        return (widget.count(), widget.currentIndex())
    if isinstance(widget, QDateEdit):
        return widget.date()
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    return None


def _show(widget: QWidget, value: object) -> None:
    """Put `value` back if the rebuilt field shows something else (a list box only if it has the same items)."""
    if _shown(widget) == value:
        return
    if isinstance(widget, QComboBox) and isinstance(value, tuple) and value[0] == widget.count():
        widget.setCurrentIndex(value[1])
    elif isinstance(widget, QDateEdit):
        widget.setDate(value)  # type: ignore[arg-type]  # a QDate, as read from the same kind of field
    elif isinstance(widget, QSpinBox | QDoubleSpinBox):
        widget.setValue(value)  # type: ignore[arg-type]


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
    choice_kinds: list[str] = field(default_factory=list)
    choices: list[object] = field(default_factory=list)

    @classmethod
    def of(cls, page: QWidget, focused: QWidget | None) -> HalfTyped:
        fields = _fields(page)
        typed = {i: text for i, w in enumerate(fields) if (text := _typed(w)) is not None}
        stops = _focus_stops(page)
        focus = stops.index(focused) if focused in stops else None
        choices = _choices(page)
        return cls(
            [type(w).__name__ for w in fields],
            typed,
            [type(w).__name__ for w in stops] if focus is not None else [],
            focus,
            [type(w).__name__ for w in choices],
            [_shown(w) for w in choices],
        )

    def note_choices(self, page: QWidget) -> None:
        """What `page`'s list boxes and date and number fields show now (after it has read the store again, so
        nothing stale is carried over a change made meanwhile, such as Undo)."""
        choices = _choices(page)
        self.choice_kinds = [type(w).__name__ for w in choices]
        self.choices = [_shown(w) for w in choices]

    def put_back(self, page: QWidget) -> bool:
        """Fill the rebuilt `page` and move the focus back; False (nothing typed put) when its fields differ."""
        choices = _choices(page)
        if [type(w).__name__ for w in choices] == self.choice_kinds:
            for widget, value in zip(choices, self.choices, strict=True):
                _show(widget, value)  # in the order they were made: a preset before the dates it sets
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
