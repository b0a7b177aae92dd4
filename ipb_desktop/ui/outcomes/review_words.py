"""The answers written for the next review, shown on the Outcomes page with who wrote them: answers a peer
support planner recorded say "Written with Sam Example, peer support planner", as in the review pack. They are
written and changed on the Reports page; here they are read only."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from ipb_desktop.i18n import _
from ipb_desktop.statements import review_answers
from ipb_desktop.statements.review_answers import QUESTION_LABELS, Question
from ipb_desktop.ui.widgets.forms import Heading, plain_label

Answers = tuple[dict[Question, str], dict[Question, str]]


def read_answers(session: Session) -> Answers:
    """Each question's answer, and who wrote each answer."""
    return review_answers.answers(session), review_answers.authors(session)


class ReviewAnswersBox(QGroupBox):
    """Read-only: each answered question, its answer and, for a planner's words, who wrote them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("My answers for my review"), parent)
        column = QVBoxLayout(self)
        column.addWidget(plain_label(_("You write these on the Reports page. They are printed in the review pack.")))
        self.titles: dict[Question, Heading] = {}
        self.answers: dict[Question, QLabel] = {}
        self.written_with: dict[Question, QLabel] = {}
        for question, label in QUESTION_LABELS.items():
            self.titles[question] = Heading(_(label), 3)
            self.answers[question] = plain_label()
            self.written_with[question] = plain_label()
            for widget in (self.titles[question], self.written_with[question], self.answers[question]):
                column.addWidget(widget)

    def show_answers(self, found: Answers) -> None:
        """Show what is written (the box hides when nothing is)."""
        answers, authors = found
        for question in QUESTION_LABELS:
            text = answers.get(question, "")
            who = review_answers.written_with(authors.get(question, "holder")) if text else ""
            self.titles[question].setVisible(bool(text))
            self.answers[question].setText(text)
            self.answers[question].setVisible(bool(text))
            self.written_with[question].setText(who)
            self.written_with[question].setVisible(bool(who))
        self.setVisible(any(answers.values()))
