"""Small building blocks for forms: labelled rows with a place for a problem right under the field, headings
that grow with the text size, and a calm message bar.

Every input made here has a visible QLabel buddy, so screen readers and the accessibility test find its name.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop.errors import FieldProblem
from ipb_desktop.i18n import _


def sentence(text: str) -> str:
    """Capitalise a service's reason ("choose at least ...") and end it with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


class Heading(QLabel):
    """A heading whose size follows the app's text size (so 200% text makes headings bigger too)."""

    def __init__(self, text: str, level: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._scale = {1: 1.6, 2: 1.3, 3: 1.1}.get(level, 1.0)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(text)
        self._apply()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        super().setText(text)
        self.setAccessibleName(text)

    def _apply(self) -> None:
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() * self._scale)
        font.setBold(True)
        self.setFont(font)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.ApplicationFontChange:
            self._apply()
        super().changeEvent(event)


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class Form:
    """Rows of label + field in a QFormLayout, each with a hidden problem line under the field.

    `show_problems` (used by `AppContext.perform(form=...)`) puts each service problem under its own field,
    moves the keyboard focus to the first one and returns the problems it could not place.
    """

    def __init__(self, layout: QFormLayout | None = None) -> None:
        self.layout = layout or QFormLayout()
        self.layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def row(self, label_text: str, widget: QWidget, fields: tuple[str, ...] = (), hint: str | None = None) -> QLabel:
        """Add a labelled row; `fields` are the service field names whose problems belong under this input."""
        label = QLabel(label_text)
        label.setWordWrap(True)
        label.setBuddy(widget)
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(widget)
        if hint:
            hint_label = plain_label(hint)
            hint_label.setObjectName("hint")
            inner.addWidget(hint_label)
            widget.setAccessibleDescription(hint)
        problem = plain_label()
        problem.setObjectName("problem")
        problem.setStyleSheet("font-weight: bold")
        problem.hide()
        inner.addWidget(problem)
        self.layout.addRow(label, box)
        for name in fields:
            self._fields[name] = (widget, problem)
        return label

    def add_field(self, name: str, widget: QWidget, problem: QLabel) -> None:
        self._fields[name] = (widget, problem)

    def show_problems(self, problems: tuple[FieldProblem, ...]) -> list[FieldProblem]:
        left: list[FieldProblem] = []
        first: QWidget | None = None
        for p in problems:
            found = self._fields.get(p.field) or self._fields.get(p.field.split()[-1])
            if found is None:
                left.append(p)
                continue
            widget, label = found
            label.setText(_("Please check this: {reason}").format(reason=sentence(p.reason)))
            label.show()
            widget.setAccessibleDescription(label.text())
            first = first or widget
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return left

    def clear_problems(self) -> None:
        for widget, label in self._fields.values():
            if label.isVisible() or label.text():
                label.clear()
                label.hide()
                widget.setAccessibleDescription("")

    def problem_text(self, field: str) -> str:
        found = self._fields.get(field)
        return found[1].text() if found else ""


class MessageBar(QWidget):
    """A calm strip at the top of the window for messages from anywhere in the app; Dismiss hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        self.kind = QLabel()
        self.kind.setStyleSheet("font-weight: bold")
        self.text = plain_label()
        self.text.setAccessibleName(_("Message"))
        self.dismiss = QPushButton(_("&Dismiss"))
        self.dismiss.clicked.connect(self.hide)
        layout.addWidget(self.kind)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.dismiss)
        self.setAutoFillBackground(True)
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(_("Please note:"), text)

    def show_info(self, text: str) -> None:
        self._show(_("Done:"), text)

    def _show(self, kind: str, text: str) -> None:
        self.kind.setText(kind)
        self.text.setText(text)
        self.setAccessibleDescription(f"{kind} {text}")
        self.show()
