"""Small building blocks for forms: labelled rows with a place for a problem right under the field, headings
that grow with the text size, and a calm message bar.

Every input made here has a visible QLabel buddy, so screen readers and the accessibility test find its name.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop.errors import FieldProblem
from ipb_desktop.i18n import _
from ipb_desktop.ui.widgets.accessible import HeadingAccessible, announce, register


def sentence(text: str) -> str:
    """Capitalise a service's reason ("choose at least ...") and end it with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def without_mnemonic(text: str) -> str:
    """ "&Save it in" -> "Save it in" (a doubled && stays as one &)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class Heading(QLabel):
    """A heading whose size follows the app's text size (so 200% text makes headings bigger too)."""

    def __init__(self, text: str, level: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        register(Heading, HeadingAccessible)
        self.level = level
        self._scale = {1: 1.6, 2: 1.3, 3: 1.1}.get(level, 1.0)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._apply()

    def _apply(self) -> None:
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() * self._scale)
        font.setBold(True)
        self.setFont(font)

    def rescale_font(self) -> None:
        """Called by `appearance.apply_text_scale` when the text size changes."""
        self._apply()


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class Form:
    """Rows of label + field in a QFormLayout, each with a hidden problem line under the field.

    `show_problems` (used by the operations, through the `form` they are given) puts each service problem under
    its own field,
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
        label.setBuddy(widget)
        if not widget.accessibleName():
            # Qt finds a buddy label only beside its field; here the field sits in a box with its problem line,
            # so screen readers would hear a nameless field. Say the label's words (without the Alt-letter mark).
            widget.setAccessibleName(without_mnemonic(label_text))
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
        self.dismiss = QPushButton()
        self.retranslate()
        self.dismiss.clicked.connect(self.hide)
        layout.addWidget(self.kind)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.dismiss)
        self.setAutoFillBackground(True)
        self.hide()

    def retranslate(self) -> None:
        # The message's own words are what a screen reader reads (an accessible name would replace them).
        self.setAccessibleName(_("Message"))
        self.dismiss.setText(_("&Dismiss"))

    def show_error(self, text: str) -> None:
        self._show(_("Please note:"), text)

    def show_info(self, text: str) -> None:
        self._show(_("Done:"), text)

    def _show(self, kind: str, text: str) -> None:
        self.kind.setText(kind)
        self.text.setText(text)
        self.setAccessibleDescription(f"{kind} {text}")
        self.show()
        announce(self, f"{kind} {text}", urgent=kind == _("Please note:"))


class FlowLayout(QLayout):
    """Lays buttons out left to right and wraps them onto the next line when the window (or big text) needs it,
    so a row of buttons never forces the page wider than the window."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, move: bool) -> int:
        x, y, row_height = rect.x(), rect.y(), 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and row_height > 0:
                x, y = rect.x(), y + row_height + self._gap
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y()


def button_row(*buttons: QWidget) -> QWidget:
    """A row of buttons that wraps when space runs out."""
    box = QWidget()
    flow = FlowLayout(box)
    for b in buttons:
        flow.addWidget(b)
    return box
