"""The lists people choose from when logging or filtering payments (plan lines, categories, streams, outcomes),
read in one go, and small helpers shared by the spending forms: combos, dates, amounts, announcements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QLineEdit, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import budget, ledger_query, plan
from ipb_desktop.i18n import N_, _
from ipb_desktop.models.enums import Direction, PaymentMethod
from ipb_desktop.models.schema import BudgetPeriod, FundingStream, Outcome, PlanLine
from ipb_desktop.seed import shown_name

Choice = tuple[int, str]

PAYMENT_METHODS: list[tuple[str, str]] = [
    (PaymentMethod.BANK_TRANSFER, N_("Bank transfer")),
    (PaymentMethod.CARD, N_("Card")),
    (PaymentMethod.DIRECT_DEBIT, N_("Direct debit")),
    (PaymentMethod.STANDING_ORDER, N_("Standing order")),
    (PaymentMethod.CASH, N_("Cash")),
    (PaymentMethod.CHEQUE, N_("Cheque")),
    (PaymentMethod.OTHER, N_("Other")),
]


@dataclass
class Choices:
    plan_lines: list[Choice] = field(default_factory=list)
    categories: list[Choice] = field(default_factory=list)
    income_categories: set[int] = field(default_factory=set)
    streams: list[Choice] = field(default_factory=list)
    outcomes: list[Choice] = field(default_factory=list)
    payees: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    plan_line_category: dict[int, int | None] = field(default_factory=dict)


def _short(text: str, most: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


def read_choices(session: Session, today: dt.date) -> Choices:
    """Everything to choose from. Plan lines and streams of the period around `today` come first; with more than
    one period each is labelled with its period's name."""
    periods = budget.periods(session)
    current = budget.period_for(session, today)
    order = {p.id: (0 if current is not None and p.id == current.id else 1, -p.start_date.toordinal()) for p in periods}
    names = {p.id: p.name for p in periods}
    several = len(periods) > 1

    def label(text: str, period_id: int) -> str:
        text = _short(text)
        return _("{name} ({period})").format(name=text, period=names[period_id]) if several else text

    lines = list(session.scalars(select(PlanLine).where(PlanLine.archived.is_(False)).join(BudgetPeriod)))
    lines.sort(key=lambda line: (order.get(line.period_id, (2, 0)), line.id))
    streams = list(session.scalars(select(FundingStream).where(FundingStream.archived.is_(False))))
    streams.sort(key=lambda s: (order.get(s.period_id, (2, 0)), s.id))
    categories = plan.categories(session)
    outcome_rows = session.scalars(select(Outcome).order_by(Outcome.sort_order, Outcome.id))
    return Choices(
        plan_lines=[(line.id, label(line.description, line.period_id)) for line in lines],
        categories=[(c.id, shown_name(c.name)) for c in categories],
        income_categories={c.id for c in categories if c.is_income},
        streams=[(s.id, label(s.funder_name, s.period_id)) for s in streams],
        outcomes=[(o.id, _short(o.what_matters)) for o in outcome_rows],
        payees=ledger_query.payee_suggestions(session, limit=500),
        descriptions=ledger_query.description_suggestions(session, limit=500),
        plan_line_category={line.id: line.category_id for line in lines},
    )


# -- widgets ----------------------------------------------------------------------------------------------------


def fill_combo(combo: QComboBox, items: list[Choice], none_text: str | None) -> None:
    """Replace a combo's items, keeping the chosen id when it is still there."""
    keep = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    for item_id, text in items:
        combo.addItem(text, item_id)
    found = combo.findData(keep) if keep is not None else -1
    combo.setCurrentIndex(found if found >= 0 else 0)
    combo.blockSignals(False)


def choose(combo: QComboBox, value: object) -> None:
    """Select the item whose data is `value` (the first item when it is not there)."""
    found = combo.findData(value)
    combo.setCurrentIndex(found if found >= 0 else 0)


def direction_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("Money out"), Direction.OUT)
    combo.addItem(_("Money in"), Direction.IN)
    combo.setAccessibleName(name)
    return combo


def date_edit(name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMinimumDate(QDate(1990, 1, 1))
    edit.setMaximumDate(QDate(2100, 12, 31))
    edit.setDate(QDate(day.year, day.month, day.day))
    edit.setAccessibleName(name)
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


def set_date(edit: QDateEdit, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def completing_line_edit(name: str, words: list[str] | None = None) -> QLineEdit:
    """A text field that suggests what was typed before, the most used first, matching anywhere in the text."""
    edit = QLineEdit()
    edit.setAccessibleName(name)
    completer = QCompleter(QStringListModel(words or []), edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setModelSorting(QCompleter.ModelSorting.UnsortedModel)
    completer.setMaxVisibleItems(10)
    edit.setCompleter(completer)
    return edit


def set_suggestions(edit: QLineEdit, words: list[str]) -> None:
    completer = edit.completer()
    if completer is not None:
        model = completer.model()
        if isinstance(model, QStringListModel):
            model.setStringList(words)


def announce(widget: QWidget, text: str) -> None:
    """Ask screen readers to say `text` now (a status that appeared without the focus moving)."""
    if text and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))
