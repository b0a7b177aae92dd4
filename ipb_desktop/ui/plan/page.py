"""Plan and budget: budget periods, the funding streams that make up the budget, and the plan lines with
planned against actual spending."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ipb_desktop import budget, figures, outcomes, repayments
from ipb_desktop.formatting import date_long, money
from ipb_desktop.i18n import _
from ipb_desktop.models.enums import HeldAs
from ipb_desktop.ui.operations import plan as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.outcomes.page import make_table
from ipb_desktop.ui.plan.dialogs import PeriodDialog, PlanLineDialog, StreamDialog
from ipb_desktop.ui.plan.repayment import RepaymentDialog, contribution_words
from ipb_desktop.ui.widgets import dialogs
from ipb_desktop.ui.widgets.forms import Heading, button_row, plain_label
from ipb_desktop.ui.widgets.page import Page
from ipb_desktop.ui.widgets.table_model import Column, RowsModel
from ipb_desktop.ui.widgets.vocab import FUNDER_KINDS, HELD_AS, SCHEDULES, word


@dataclass(frozen=True)
class LineRow:
    figures: figures.PlanLineFigures
    stream: str
    outcomes: str


@dataclass(frozen=True)
class PlanView:
    periods: list[tuple[int, str]]
    period_id: int | None
    period_words: str
    streams: list[figures.StreamFigures]
    lines: list[LineRow]
    contribution: repayments.Contribution | None = None


def read_plan(session: Session, period_id: int | None, today_: dt.date) -> PlanView:
    periods = budget.periods(session)
    listed = [(p.id, period_name(p.name)) for p in periods]
    if period_id is None or period_id not in {p.id for p in periods}:
        current = budget.period_for(session, today_)
        period_id = current.id if current else None
    if period_id is None:
        return PlanView(listed, None, "", [], [])
    period = budget.get_period(session, period_id)
    as_of = min(max(today_, period.start_date), period.end_date)
    streams = figures.stream_figures(session, period_id, as_of)
    names = {s.stream_id: s.funder_name for s in streams}
    outcome_words = {o.id: o.what_matters for o in outcomes.list_outcomes(session, None)}
    lines = [
        LineRow(
            f,
            names.get(f.stream_id, "") if f.stream_id else "",
            "; ".join(outcome_words.get(i, "") for i in f.outcome_ids),
        )
        for f in figures.planned_vs_actual(session, period_id, as_of)
    ]
    words = _("{start} to {end}, figures up to {day}").format(
        start=date_long(period.start_date), end=date_long(period.end_date), day=date_long(as_of)
    )
    contribution = repayments.contribution(session, period_id, as_of)
    return PlanView(listed, period_id, words, streams, lines, contribution)


_YEARS = re.compile(r"^(\d{4}) to (\d{4})$")


def period_name(name: str) -> str:
    """A period name as shown: one the app made ("2026 to 2027") in the person's language, others as written."""
    found = _YEARS.match(name)
    return _("{first} to {last}").format(first=found[1], last=found[2]) if found else name


def held_words(s: figures.StreamFigures) -> str:
    """How a stream is held; for a mixed one, also how much of this period's budget is paid into the account."""
    if s.held_as != HeldAs.MIXED:
        return word(HELD_AS, s.held_as)
    return _("{how} ({amount} paid into the account)").format(
        how=word(HELD_AS, s.held_as), amount=money(s.paid_in_budget_pence)
    )


def on_track(f: figures.PlanLineFigures) -> str:
    if f.spent_pence > f.planned_pence:
        return _("over the plan")
    if f.ahead_of_plan:
        return _("ahead of plan")
    return _("on track")


class PlanPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: dialogs.FormDialog | None = None
        self.view: PlanView | None = None
        col = QVBoxLayout(self)
        col.addWidget(Heading(_("Plan and budget")))
        col.addWidget(
            plain_label(
                _(
                    "Your budget is all the money from your funders together. Your plan says what it is for. "
                    "Here you can see what was planned and what has been spent."
                )
            )
        )
        top = QHBoxLayout()
        self.period_label = QLabel(_("Budget &period"))
        self.period = QComboBox()
        self.period_label.setBuddy(self.period)
        self.add_period_button = QPushButton(_("Add a &budget period"))
        top.addWidget(self.period_label)
        top.addWidget(self.period, 1)
        top.addWidget(self.add_period_button)
        col.addLayout(top)
        self.period_words = plain_label()
        col.addWidget(self.period_words)

        col.addWidget(Heading(_("Money from your funders"), 2))
        self.streams_model: RowsModel[figures.StreamFigures] = RowsModel(
            [
                Column(_("Funder"), lambda s: s.funder_name + (" " + _("(archived)") if s.archived else "")),
                Column(_("Kind"), lambda s: word(FUNDER_KINDS, s.funder_kind)),
                Column(_("How held"), held_words),
                Column(_("Pays"), lambda s: f"{money(s.amount_pence)} {word(SCHEDULES, s.schedule)}"),
                Column(_("For this period"), lambda s: money(s.period_budget_pence), align_right=True),
                Column(_("Received"), lambda s: money(s.received_pence), align_right=True),
                Column(_("Spent"), lambda s: money(s.spent_pence), align_right=True),
                Column(_("Committed"), lambda s: money(s.committed_pence), align_right=True),
                Column(_("Left"), lambda s: money(s.left_pence), align_right=True),
            ],
            self,
        )
        self.streams_table = make_table(self.streams_model, _("Funding streams"))
        self._fit(self.streams_table, stretch=0)
        col.addWidget(self.streams_table)
        self.add_stream_button = QPushButton(_("Add a funding &stream"))
        self.edit_stream_button = QPushButton(_("Ed&it the funding stream"))
        self.archive_stream_button = QPushButton(_("&Archive the funding stream"))
        self.repay_button = QPushButton(_("Record a &repayment to a funder…"))
        col.addWidget(
            button_row(self.add_stream_button, self.edit_stream_button, self.archive_stream_button, self.repay_button)
        )
        self.total_words = plain_label()
        col.addWidget(self.total_words)
        self.contribution_words = plain_label()
        col.addWidget(self.contribution_words)

        col.addWidget(Heading(_("Your plan: planned and spent"), 2))
        self.lines_model: RowsModel[LineRow] = RowsModel(
            [
                Column(
                    _("Support"),
                    lambda r: r.figures.description + (" " + _("(archived)") if r.figures.archived else ""),
                ),
                Column(_("Paid for by"), lambda r: r.stream),
                Column(_("Helps with"), lambda r: r.outcomes),
                Column(_("Planned"), lambda r: money(r.figures.planned_pence), align_right=True),
                Column(_("Spent"), lambda r: money(r.figures.spent_pence), align_right=True),
                Column(_("Committed"), lambda r: money(r.figures.committed_pence), align_right=True),
                Column(_("Left"), lambda r: money(r.figures.left_pence), align_right=True),
                Column(_("How it is going"), lambda r: on_track(r.figures)),
            ],
            self,
        )
        self.lines_table = make_table(self.lines_model, _("Plan lines"), max_rows=14)
        self._fit(self.lines_table, stretch=0)
        col.addWidget(self.lines_table)
        self.add_line_button = QPushButton(_("Add a plan &line"))
        self.edit_line_button = QPushButton(_("E&dit the plan line"))
        self.archive_line_button = QPushButton(_("Archi&ve the plan line"))
        col.addWidget(button_row(self.add_line_button, self.edit_line_button, self.archive_line_button))
        self.plan_total_words = plain_label()
        col.addWidget(self.plan_total_words)
        col.addStretch(1)

        self.period.currentIndexChanged.connect(self._period_chosen)
        self.add_period_button.clicked.connect(self.add_period)
        self.add_stream_button.clicked.connect(self.add_stream)
        self.edit_stream_button.clicked.connect(self.edit_stream)
        self.archive_stream_button.clicked.connect(self.archive_stream)
        self.repay_button.clicked.connect(self.record_repayment)
        self.streams_table.doubleClicked.connect(self.edit_stream)
        self.add_line_button.clicked.connect(self.add_line)
        self.edit_line_button.clicked.connect(self.edit_line)
        self.archive_line_button.clicked.connect(self.archive_line)
        self.lines_table.doubleClicked.connect(self.edit_line)
        self._filling = False

    @staticmethod
    def _fit(table: QTableView, stretch: int) -> None:
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    # -- reading ----------------------------------------------------------------------------------------------

    def period_id(self) -> int | None:
        value = self.period.currentData()
        return int(value) if value is not None else None

    def _period_chosen(self) -> None:
        if not self._filling:
            self.refresh()

    def refresh(self) -> None:
        chosen = self.period_id()
        self.view = self.ctx.read(lambda s: read_plan(s, chosen, self.ctx.today()), None)
        view = self.view
        self._filling = True
        self.period.clear()
        if view is not None:
            for pid, name in view.periods:
                self.period.addItem(name, pid)
            self.period.setCurrentIndex(max(0, self.period.findData(view.period_id)))
        self._filling = False
        has_period = view is not None and view.period_id is not None
        for b in (self.add_stream_button, self.add_line_button):
            b.setEnabled(has_period)
        self.repay_button.setEnabled(view is not None and any(not s.archived for s in view.streams))
        self.contribution_words.setText(contribution_words(view.contribution) if view else "")
        self.streams_model.set_rows(view.streams if view else [])
        self.lines_model.set_rows(view.lines if view else [])
        if view is None or view.period_id is None:
            self.period_words.setText(_("There is no budget period yet. Start by adding one.") if view else "")
            self.total_words.clear()
            self.plan_total_words.clear()
            return
        self.period_words.setText(view.period_words)
        self.total_words.setText(
            _("From all funders this period: {budget}. Received so far: {received}. Spent so far: {spent}.").format(
                budget=money(sum(s.period_budget_pence for s in view.streams if not s.archived)),
                received=money(sum(s.received_pence for s in view.streams)),
                spent=money(sum(s.spent_pence for s in view.streams)),
            )
        )
        planned = sum(r.figures.planned_pence for r in view.lines if not r.figures.archived)
        spent = sum(r.figures.spent_pence for r in view.lines)
        self.plan_total_words.setText(
            _("Planned in total: {planned}. Spent on the plan so far: {spent}. Left: {left}.").format(
                planned=money(planned), spent=money(spent), left=money(planned - spent)
            )
        )

    def chosen_stream(self) -> figures.StreamFigures | None:
        return self.streams_model.row_at(self.streams_table.currentIndex())

    def chosen_line(self) -> LineRow | None:
        return self.lines_model.row_at(self.lines_table.currentIndex())

    # -- changing ---------------------------------------------------------------------------------------------

    def _open(self, dialog: dialogs.FormDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def add_period(self) -> None:
        dialog = PeriodDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self._select_period(dialog.new_id))
        self._open(dialog)

    def _select_period(self, period_id: int | None) -> None:
        index = self.period.findData(period_id)
        if index >= 0:
            self.period.setCurrentIndex(index)

    def add_stream(self) -> None:
        period_id = self.period_id()
        if period_id is not None:
            self._open(StreamDialog(self.ctx, period_id, None, self))

    def edit_stream(self) -> None:
        row, period_id = self.chosen_stream(), self.period_id()
        if row is not None and period_id is not None:
            self._open(StreamDialog(self.ctx, period_id, row.stream_id, self))

    def record_repayment(self) -> None:
        if self.view is None:
            return
        streams = [(s.stream_id, s.funder_name) for s in self.view.streams if not s.archived]
        chosen = self.chosen_stream()
        self._open(RepaymentDialog(self.ctx, streams, chosen.stream_id if chosen else None, self))

    def archive_stream(self) -> None:
        row = self.chosen_stream()
        if row is None:
            return
        stream_id, now = row.stream_id, not row.archived
        question = _(
            "Archive the funding stream from {name}? Payments linked to it keep their link. You can undo this."
        ).format(name=row.funder_name)
        if now and not dialogs.confirm(self, question, _("Archive it")):
            return
        ops.set_stream_archived(self.ctx, stream_id, now)

    def add_line(self) -> None:
        period_id = self.period_id()
        if period_id is not None:
            self._open(PlanLineDialog(self.ctx, period_id, None, self))

    def edit_line(self) -> None:
        row, period_id = self.chosen_line(), self.period_id()
        if row is not None and period_id is not None:
            self._open(PlanLineDialog(self.ctx, period_id, row.figures.plan_line_id, self))

    def archive_line(self) -> None:
        row = self.chosen_line()
        if row is None:
            return
        line_id, now = row.figures.plan_line_id, not row.figures.archived
        question = _(
            "Archive the plan line '{what}'? Payments linked to it keep their link. You can undo this."
        ).format(what=row.figures.description)
        if now and not dialogs.confirm(self, question, _("Archive it")):
            return
        ops.set_plan_line_archived(self.ctx, line_id, now)
