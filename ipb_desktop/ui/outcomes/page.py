"""Outcomes: what matters to the person, in their own words; progress ratings over time; the spending linked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ipb_desktop import budget, holder, ledger_query, outcomes, overview, plan
from ipb_desktop.formatting import date_short, money
from ipb_desktop.i18n import N_, _
from ipb_desktop.models.enums import OutcomeStatus, RatingScale
from ipb_desktop.models.schema import BudgetPeriod
from ipb_desktop.seed import shown_name
from ipb_desktop.ui.operations import outcomes as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.outcomes.dialogs import OutcomeDialog, RatingDialog, recorder_words
from ipb_desktop.ui.outcomes.rating_chart import RatingChart
from ipb_desktop.ui.outcomes.review_words import ReviewAnswersBox, read_answers
from ipb_desktop.ui.widgets import dialogs
from ipb_desktop.ui.widgets.forms import Heading, button_row, plain_label
from ipb_desktop.ui.widgets.page import Page
from ipb_desktop.ui.widgets.table_model import Column, CompactTable, RowsModel

STATUS_WORDS = {
    OutcomeStatus.ACTIVE: N_("Working on it"),
    OutcomeStatus.ACHIEVED: N_("Achieved"),
    OutcomeStatus.SET_ASIDE: N_("Set aside for now"),
}
SCALE_WORDS = {
    RatingScale.OWN_WORDS: N_("0 to 10"),
    RatingScale.GOAL_ATTAINMENT: N_("goal attainment"),
    RatingScale.EXTERNAL: N_("questionnaire"),
}


def who_words(recorded_by: str) -> str:
    if recorded_by.startswith("planner:"):
        return _("{name} (planner)").format(name=recorded_by.split(":", 1)[1])
    return _("Budget holder")


@dataclass(frozen=True)
class RatingRow:
    id: int
    rated_on: dt.date
    scale: str
    score: int
    instrument: str | None
    note: str | None
    recorded_by: str


@dataclass(frozen=True)
class OutcomeDetail:
    outcome_id: int
    what_matters: str
    how_ill_know: str | None
    status: str
    ratings: list[RatingRow]
    plan_lines: list[str]
    spent_pence: int
    payments: list[ledger_query.LedgerRow]


def read_detail(session: Session, outcome_id: int) -> OutcomeDetail:
    o = outcomes.get_outcome(session, outcome_id)
    ratings = [RatingRow(r.id, r.rated_on, r.scale, r.score, r.instrument, r.note, r.recorded_by) for r in o.ratings]
    lines = [
        line.description
        for period_lines in (plan.plan_lines(session, p.id) for p in _periods(session))
        for line in period_lines
        if any(x.id == outcome_id for x in line.outcomes)
    ]
    flt = ledger_query.LedgerFilter(outcome_id=outcome_id, direction="out")
    totals = ledger_query.totals(session, flt)
    ids = ledger_query.page_ids(session, flt, limit=200)
    found = ledger_query.rows(session, ids)
    return OutcomeDetail(
        o.id,
        o.what_matters,
        o.how_ill_know,
        o.status,
        ratings,
        lines,
        totals.out_pence,
        [found[i] for i in ids if i in found],
    )


def _periods(session: Session) -> list[BudgetPeriod]:
    return budget.periods(session)


def make_table(model: RowsModel[Any], name: str, max_rows: int = 8) -> QTableView:
    view = CompactTable(max_rows)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(True)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.verticalHeader().hide()
    model.modelReset.connect(view.updateGeometry)
    return view


class OutcomesPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: dialogs.FormDialog | None = None
        col = QVBoxLayout(self)
        col.addWidget(Heading(_("What matters to you")))
        col.addWidget(
            plain_label(
                _(
                    "Your outcomes are the things you want your budget to help with, in your own words. "
                    "Rate how each is going from time to time; the chart shows how it has moved."
                )
            )
        )
        top = QHBoxLayout()
        self.show_label = QLabel(_("Sh&ow"))
        self.status_filter = QComboBox()
        self.status_filter.addItem(_("Outcomes I am working on"), OutcomeStatus.ACTIVE.value)
        self.status_filter.addItem(_("Achieved"), OutcomeStatus.ACHIEVED.value)
        self.status_filter.addItem(_("Set aside"), OutcomeStatus.SET_ASIDE.value)
        self.status_filter.addItem(_("All outcomes"), None)
        self.show_label.setBuddy(self.status_filter)
        top.addWidget(self.show_label)
        top.addWidget(self.status_filter)
        top.addStretch(1)
        col.addLayout(top)

        self.model: RowsModel[overview.OutcomeProgress] = RowsModel(
            [
                Column(_("What matters to me"), lambda o: o.what_matters),
                Column(_("Life area"), lambda o: shown_name(o.life_area) if o.life_area else ""),
                Column(_("Status"), lambda o: _(STATUS_WORDS.get(OutcomeStatus(o.status), o.status))),
                Column(_("Latest rating"), lambda o: "" if o.latest is None else _("{n} out of 10").format(n=o.latest)),
                Column(_("How it has moved"), lambda o: o.trend),
            ],
            self,
        )
        self.table = make_table(self.model, _("Outcomes"))
        # Every column shares the width and wraps (headings too), so at 200 % text or in Welsh the names are
        # shown in full on more lines and the table never scrolls sideways.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        col.addWidget(self.table)

        self.add_button = QPushButton(_("&Add an outcome"))
        self.edit_button = QPushButton(_("Ed&it"))
        self.rate_button = QPushButton(_("&Rate progress"))
        self.achieved_button = QPushButton(_("Mark a&chieved"))
        self.aside_button = QPushButton(_("Set a&side"))
        self.active_button = QPushButton(_("&Work on it again"))
        col.addWidget(
            button_row(
                self.add_button,
                self.edit_button,
                self.rate_button,
                self.achieved_button,
                self.aside_button,
                self.active_button,
            )
        )

        self.detail_box = QGroupBox(_("About this outcome"))
        detail = QVBoxLayout(self.detail_box)
        self.detail_what = Heading("", 2)
        self.detail_how = plain_label()
        self.chart = RatingChart()
        detail.addWidget(self.detail_what)
        detail.addWidget(self.detail_how)
        detail.addWidget(self.chart)
        self.ratings_model: RowsModel[RatingRow] = RowsModel(
            [
                Column(_("Date"), lambda r: date_short(r.rated_on)),
                Column(_("Score"), lambda r: str(r.score), align_right=True),
                Column(
                    _("Kind"),
                    lambda r: (
                        r.instrument
                        if r.scale == RatingScale.EXTERNAL and r.instrument
                        else _(SCALE_WORDS.get(RatingScale(r.scale), r.scale))
                    ),
                ),
                Column(_("Recorded by"), lambda r: who_words(r.recorded_by)),
                Column(_("What helped, what got in the way"), lambda r: r.note or ""),
            ],
            self,
        )
        self.ratings_table = make_table(self.ratings_model, _("Ratings for this outcome"))
        detail.addWidget(self.ratings_table)
        rating_buttons = QHBoxLayout()
        self.delete_rating_button = QPushButton(_("&Delete the chosen rating"))
        rating_buttons.addWidget(self.delete_rating_button)
        rating_buttons.addStretch(1)
        detail.addLayout(rating_buttons)
        self.spending_label = plain_label()
        detail.addWidget(self.spending_label)
        self.spending_model: RowsModel[ledger_query.LedgerRow] = RowsModel(
            [
                Column(_("Date"), lambda r: date_short(r.txn_date)),
                Column(_("Paid to"), lambda r: r.payee),
                Column(_("What for"), lambda r: r.description),
                Column(_("Amount"), lambda r: money(r.amount_pence), align_right=True),
            ],
            self,
        )
        self.spending_table = make_table(self.spending_model, _("Spending linked to this outcome"))
        detail.addWidget(self.spending_table)
        col.addWidget(self.detail_box)
        self.review_box = ReviewAnswersBox()
        col.addWidget(self.review_box)

        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.table.doubleClicked.connect(self.edit)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.rate_button.clicked.connect(self.rate)
        self.achieved_button.clicked.connect(lambda: self.set_status(OutcomeStatus.ACHIEVED))
        self.aside_button.clicked.connect(lambda: self.set_status(OutcomeStatus.SET_ASIDE))
        self.active_button.clicked.connect(lambda: self.set_status(OutcomeStatus.ACTIVE))
        self.delete_rating_button.clicked.connect(self.delete_chosen_rating)

    # -- reading ----------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.current_id()
        status = self.status_filter.currentData()
        rows = self.ctx.read(lambda s: overview.outcome_progress(s, status), [])
        self.model.set_rows(rows)
        self.review_box.show_answers(self.ctx.read(read_answers, ({}, {})))
        if rows:
            ids = [r.outcome_id for r in rows]
            self.table.selectRow(ids.index(keep) if keep in ids else 0)
        self._show_detail()

    def current_id(self) -> int | None:
        row = self.model.row_at(self.table.currentIndex())
        return row.outcome_id if row else None

    def select_outcome(self, outcome_id: int) -> None:
        for i, row in enumerate(self.model.rows):
            if row.outcome_id == outcome_id:
                self.table.selectRow(i)

    def _show_detail(self) -> None:
        outcome_id = self.current_id()
        detail = None if outcome_id is None else self.ctx.read(lambda s: read_detail(s, outcome_id), None)
        has = detail is not None
        for b in (self.edit_button, self.rate_button, self.achieved_button, self.aside_button, self.active_button):
            b.setEnabled(has)
        self.detail_box.setVisible(has)
        if detail is None:
            for label in (self.detail_what, self.detail_how, self.spending_label):
                label.setText("")
            self.ratings_model.set_rows([])
            self.spending_model.set_rows([])
            self.chart.set_points([])
            return
        self.active_button.setEnabled(detail.status != OutcomeStatus.ACTIVE)
        self.achieved_button.setEnabled(detail.status != OutcomeStatus.ACHIEVED)
        self.aside_button.setEnabled(detail.status != OutcomeStatus.SET_ASIDE)
        self.detail_what.setText(detail.what_matters)
        self.detail_how.setText(
            _("How I'll know it's working: {how}").format(how=detail.how_ill_know) if detail.how_ill_know else ""
        )
        own_words = [r for r in detail.ratings if r.scale == RatingScale.OWN_WORDS]
        self.chart.set_points(
            [(r.rated_on, r.score) for r in own_words],
            [r.recorded_by.split(":", 1)[1] if r.recorded_by.startswith("planner:") else "" for r in own_words],
        )
        self.ratings_model.set_rows(list(reversed(detail.ratings)))
        lines = ", ".join(dict.fromkeys(detail.plan_lines)) or _("nothing in your plan yet")
        self.spending_label.setText(
            _("Plan lines for this: {lines}. Spent on this so far: {amount} ({n} payments).").format(
                lines=lines, amount=money(detail.spent_pence), n=len(detail.payments)
            )
        )
        self.spending_model.set_rows(detail.payments)

    # -- changing ---------------------------------------------------------------------------------------------

    def _open(self, dialog: dialogs.FormDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def add(self) -> None:
        self._open(OutcomeDialog(self.ctx, None, self))

    def edit(self) -> None:
        outcome_id = self.current_id()
        if outcome_id is not None:
            self._open(OutcomeDialog(self.ctx, outcome_id, self))

    def rate(self) -> None:
        outcome_id = self.current_id()
        if outcome_id is None or self.ctx.store is None:
            return
        name = self.ctx.read(lambda s: holder.display_name(holder.get_holder(s)), "")
        self._open(RatingDialog(self.ctx, outcome_id, recorder_words(self.ctx.store.actor, name), self))

    def set_status(self, status: OutcomeStatus) -> None:
        outcome_id = self.current_id()
        if outcome_id is None:
            return
        ops.set_status(self.ctx, outcome_id, status)

    def delete_chosen_rating(self) -> None:
        row = self.ratings_model.row_at(self.ratings_table.currentIndex())
        if row is None:
            return
        if dialogs.confirm(
            self,
            _("Delete the rating of {score} from {date}? You can undo this with Ctrl+Z.").format(
                score=row.score, date=date_short(row.rated_on)
            ),
            _("Delete it"),
        ):
            ops.delete_rating(self.ctx, row.id)
