"""The person's own words on the Reports page: why there is a surplus or shortfall (printed on the statement) and
the answers to the review questions (printed in the review pack). Saving them is an operation (operations.reports)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ipb_desktop.i18n import _
from ipb_desktop.statements.review_answers import QUESTION_LABELS, Question
from ipb_desktop.ui.widgets.forms import plain_label


def _text_box(name: str, lines: int, parent: QWidget) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(parent.fontMetrics().height() * lines)
    return edit


class ExplanationBox(QGroupBox):
    """Why there is a surplus or shortfall for the chosen dates, in the person's own words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Why is there a surplus or shortfall? In my own words"), parent)
        box = QVBoxLayout(self)
        self.hint = plain_label(
            _(
                "This is printed on the statement for these dates. For example: a tax bill is due, holiday pay, "
                "a new assistant starts next month."
            )
        )
        box.addWidget(self.hint)
        self.edit = _text_box(_("My explanation for these dates"), 4, self)
        box.addWidget(self.edit)
        self.save_button = QPushButton(_("Save my e&xplanation"))
        box.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)


class AnswersBox(QGroupBox):
    """The review questions, each with a box for the person's answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Before my review: my answers"), parent)
        column = QVBoxLayout(self)
        column.addWidget(plain_label(_("These are printed in the review pack in your own words.")))
        self.answers: dict[Question, QPlainTextEdit] = {}
        for question, label in QUESTION_LABELS.items():
            edit = _text_box(_(label), 3, self)
            title = QLabel(_(label))
            title.setBuddy(edit)
            column.addWidget(title)
            column.addWidget(edit)
            self.answers[question] = edit
        self.save_button = QPushButton(_("Save my &answers"))
        column.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
