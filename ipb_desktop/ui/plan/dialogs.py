"""Dialogs for the Plan and budget page: a budget period, a funding stream, a plan line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QListWidget, QListWidgetItem, QWidget
from sqlalchemy.orm import Session

from ipb_desktop import budget, outcomes, plan
from ipb_desktop.i18n import _
from ipb_desktop.models.enums import HeldAs
from ipb_desktop.money import format_plain, parse_pence
from ipb_desktop.seed import shown_name
from ipb_desktop.ui.operations import plan as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.outcomes.dialogs import text_box
from ipb_desktop.ui.widgets.dates import DateField
from ipb_desktop.ui.widgets.dialogs import FormDialog
from ipb_desktop.ui.widgets.vocab import FUNDER_KINDS, HELD_AS, SCHEDULES


def _day(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def date_edit(day: dt.date) -> QDateEdit:
    edit = DateField(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def money_edit(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


def combo(items: Mapping[Any, str], current: str | None = None) -> QComboBox:
    box = QComboBox()
    for code, words in items.items():
        box.addItem(_(words), str(code))
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


class PeriodDialog(FormDialog):
    """A budget period, usually 1 April to 31 March; both dates count."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("Add a budget period"),
            parent,
            _("A budget period is usually a year, for example 1 April to 31 March. Both dates are included."),
        )
        today = ctx.today()
        start = dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("for example: {a} to {b}").format(a=start.year, b=start.year + 1))
        self.form.row(_("&Name"), self.name, ("name",))
        self.start = date_edit(start)
        self.form.row(_("&First day"), self.start, ("start_date",))
        self.end = date_edit(dt.date(start.year + 1, 3, 31))
        self.form.row(_("&Last day"), self.end, ("end_date",))
        self.new_id: int | None = None

    def save(self) -> bool:
        name, start, end = self.name.text(), _day(self.start), _day(self.end)
        self.new_id = ops.add_period(self.ctx, name, start, end, self.form)
        return self.new_id is not None


class StreamDialog(FormDialog):
    """One funding stream: who pays, how much and how often, and how the money is held."""

    def __init__(
        self, ctx: AppContext, period_id: int, stream_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, _("Edit a funding stream") if stream_id else _("Add a funding stream"), parent)
        self.period_id, self.stream_id = period_id, stream_id
        before = ops.stream_details(ctx, stream_id) if stream_id else None
        self.before = before
        self.kind = combo(FUNDER_KINDS, before.funder_kind if before else None)
        self.form.row(_("&Who pays"), self.kind, ("funder_kind",))
        self.funder = QLineEdit(before.funder_name if before else "")
        self.funder.setPlaceholderText(_("for example: Exampleshire Council"))
        self.form.row(_("&Funder's name"), self.funder, ("funder_name",))
        self.amount = money_edit(_("for example: 520.00"))
        if before:
            self.amount.setText(format_plain(before.amount_pence))
        self.form.row(_("&Amount each time (£)"), self.amount, ("amount",))
        self.schedule = combo(SCHEDULES, before.schedule if before else "four_weekly")
        self.form.row(_("&How often"), self.schedule, ("schedule",))
        self.held = combo(HELD_AS, before.held_as if before else HeldAs.DIRECT_PAYMENT.value)
        self.form.row(
            _("How the mone&y is held"),
            self.held,
            ("held_as",),
            hint=_("A direct payment comes to your own account. Notional means the NHS or council keeps it."),
        )
        self.paid_in = money_edit(_("for example: 300.00"))
        if before and before.paid_in_pence is not None:
            self.paid_in.setText(format_plain(before.paid_in_pence))
        self.paid_in_label = self.form.row(
            _("Paid into the account each time (£)"),
            self.paid_in,
            ("paid_in",),
            hint=_(
                "For a mixed budget: the part of each payment that comes to your account. The funder keeps the rest."
            ),
        )
        self.held.currentIndexChanged.connect(lambda _i: self._show_paid_in())
        self._show_paid_in()
        self.notes = text_box(_("anything worth remembering about this money"))
        if before and before.notes:
            self.notes.setPlainText(before.notes)
        self.form.row(_("N&otes"), self.notes, ("notes",))
        self.funder.setFocus()

    def _show_paid_in(self) -> None:
        """The paid-in part is asked only for a mixed budget."""
        self.form.layout.setRowVisible(self.paid_in_label, self.held.currentData() == HeldAs.MIXED.value)

    def save(self) -> bool:
        kind, name, schedule, held = (
            self.kind.currentData(),
            self.funder.text(),
            self.schedule.currentData(),
            self.held.currentData(),
        )
        amount_text, notes = self.amount.text(), self.notes.toPlainText() or None
        paid_in_text = self.paid_in.text() if held == HeldAs.MIXED.value else ""

        def details() -> budget.StreamDetails:
            paid_in = parse_pence(paid_in_text, "paid_in") if paid_in_text.strip() else None
            pence = parse_pence(amount_text, "amount")
            return budget.StreamDetails(kind, name, pence, schedule, held, notes, paid_in)

        if self.stream_id is None or self.before is None:
            return ops.add_stream(self.ctx, self.period_id, details, self.form) is not None
        return ops.edit_stream(self.ctx, self.stream_id, details, self.before, self.form) is not None


class PlanLineDialog(FormDialog):
    """One line of the support plan: what it is, how much is planned, which stream pays, which outcomes it serves."""

    def __init__(
        self, ctx: AppContext, period_id: int, plan_line_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, _("Edit a plan line") if plan_line_id else _("Add a plan line"), parent)
        self.period_id, self.plan_line_id = period_id, plan_line_id
        before = ops.plan_line_details(ctx, plan_line_id) if plan_line_id else None
        self.before = before
        choices = ctx.read(lambda s: _choices(s, period_id), ([], [], []))
        categories, streams, outcome_rows = choices
        self.description = QLineEdit(before.description if before else "")
        self.description.setPlaceholderText(_("for example: Personal assistant, 2.5 hours a week"))
        self.form.row(_("&What the support is"), self.description, ("description",))
        self.planned = money_edit(_("for example: 1560.00"))
        if before:
            self.planned.setText(format_plain(before.planned_pence))
        self.form.row(_("&Planned for the whole period (£)"), self.planned, ("planned_amount", "amount"))
        self.category = QComboBox()
        self.category.addItem(_("(no category)"), None)
        for cid, name in categories:
            self.category.addItem(name, cid)
        self.category.setCurrentIndex(max(0, self.category.findData(before.category_id if before else None)))
        self.form.row(_("&Category"), self.category, ("category",))
        self.stream = QComboBox()
        self.stream.addItem(_("(not decided)"), None)
        for sid, name in streams:
            self.stream.addItem(name, sid)
        self.stream.setCurrentIndex(max(0, self.stream.findData(before.stream_id if before else None)))
        self.form.row(_("P&aid for by"), self.stream, ("stream",))
        self.outcomes = QListWidget()
        self.outcomes.setAccessibleName(_("Outcomes this helps with"))
        for oid, text in outcome_rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, oid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = before is not None and oid in before.outcome_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.outcomes.addItem(item)
        self.form.row(
            _("Outcomes this &helps with"), self.outcomes, ("outcomes",), hint=_("Press Space to tick or untick.")
        )
        self.notes = text_box(_("anything agreed about this support"))
        if before and before.notes:
            self.notes.setPlainText(before.notes)
        self.form.row(_("&Notes"), self.notes, ("notes",))
        self.description.setFocus()

    def chosen_outcomes(self) -> tuple[int, ...]:
        return tuple(
            self.outcomes.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.outcomes.count())
            if self.outcomes.item(i).checkState() == Qt.CheckState.Checked
        )

    def save(self) -> bool:
        text, planned_text = self.description.text(), self.planned.text()
        category, stream, chosen = self.category.currentData(), self.stream.currentData(), self.chosen_outcomes()
        notes = self.notes.toPlainText() or None

        def details() -> plan.PlanLineDetails:
            pence = parse_pence(planned_text, "planned_amount")
            return plan.PlanLineDetails(text, pence, category, stream, chosen, notes)

        if self.plan_line_id is None or self.before is None:
            return ops.add_plan_line(self.ctx, self.period_id, details, self.form) is not None
        return ops.edit_plan_line(self.ctx, self.plan_line_id, details, self.before, self.form) is not None


def _choices(
    session: Session, period_id: int
) -> tuple[list[tuple[int, str]], list[tuple[int, str]], list[tuple[int, str]]]:
    categories = [(c.id, shown_name(c.name)) for c in plan.categories(session) if not c.is_income]
    streams = [(s.id, s.funder_name) for s in budget.get_period(session, period_id).streams if not s.archived]
    found = [(o.id, o.what_matters) for o in outcomes.list_outcomes(session)]
    return categories, streams, found
