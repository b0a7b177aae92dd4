"""Settings about money: how the council counts a surplus (the basis, the weeks, an agreed contingency), who the
budget account is (printed on statements) and its opening balance typed by hand.

Each change is one named, undoable operation (`operations.settings`). The section refreshes itself when the
store changes, keeping anything typed but not saved yet.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QGroupBox, QLineEdit, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from ipb_desktop import accounts, budget, figures, settings
from ipb_desktop.figures.surplus import PLANNED, WEEKLY_PAYMENT, Surplus
from ipb_desktop.formatting import date_long, money
from ipb_desktop.i18n import N_, _, ngettext
from ipb_desktop.money import format_plain
from ipb_desktop.ui.operations import settings as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending.choices import date_edit, date_of
from ipb_desktop.ui.widgets.forms import Form, Heading, button_row, plain_label

BASES = {WEEKLY_PAYMENT: N_("the weekly direct payment"), PLANNED: N_("planned spending")}
WEEKS = ("4", "6", "8")


class MoneyView:
    """What the section shows, read in one go."""

    def __init__(self, session: Session, today: dt.date) -> None:
        self.basis = settings.get(session, "surplus_basis") or WEEKLY_PAYMENT
        self.weeks = settings.get(session, "surplus_weeks")
        self.contingency = settings.get_int(session, "contingency_pence")
        self.identity = accounts.identity(session)
        self.opening = accounts.opening(session)
        period = budget.period_for(session, today)
        self.surplus: Surplus | None = figures.surplus(session, period.id, today) if period else None


def surplus_sum(found: Surplus) -> str:
    """The surplus with every number in it, as the council works it out."""
    return _(
        "Today: {balance} in the account, less {owed} already owed, less the contingency of {contingency}, less "
        "{weeks} weeks of {what} ({weekly} a week, {threshold}). Surplus: {surplus}."
    ).format(
        balance=money(found.balance_pence),
        owed=money(found.owed_pence),
        contingency=money(found.contingency_pence),
        weeks=found.threshold_weeks,
        what=_(BASES.get(found.basis, BASES[WEEKLY_PAYMENT])),
        weekly=money(found.weekly_pence),
        threshold=money(found.threshold_pence),
        surplus=money(found.surplus_pence),
    )


class MoneySettings(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)

        surplus_box = QGroupBox(_("Money building up in the account"))
        surplus_col = QVBoxLayout(surplus_box)
        surplus_col.addWidget(
            plain_label(
                _(
                    "Councils may ask for money back when the account holds more than a few weeks of money. "
                    "Choose how your council counts it, so the app counts it the same way."
                )
            )
        )
        self.surplus_form = Form()
        self.basis = QComboBox()
        for value, words in BASES.items():
            self.basis.addItem(_(words), value)
        self.surplus_form.row(_("Weeks are counted from"), self.basis, ("surplus_basis",))
        self.weeks = QComboBox()
        self.surplus_form.row(_("Warn me when the account holds more than"), self.weeks, ("surplus_weeks",))
        self.contingency = QLineEdit()
        self.contingency.setPlaceholderText(_("for example: 250.00"))
        self.surplus_form.row(
            _("Contingency agreed with the council (£)"),
            self.contingency,
            ("contingency",),
            hint=_("Money you may keep aside for emergencies. Leave it empty if there is none. Press Enter to save."),
        )
        surplus_col.addLayout(self.surplus_form.layout)
        self.surplus_words = plain_label()
        surplus_col.addWidget(self.surplus_words)
        col.addWidget(surplus_box)

        account_box = QGroupBox(_("Your budget account"))
        account_col = QVBoxLayout(account_box)
        account_col.addWidget(
            plain_label(
                _(
                    "These are printed on your statements. Give only the last four digits of the account number, "
                    "never the whole number."
                )
            )
        )
        self.account_form = Form()
        self.account_name = QLineEdit()
        self.account_name.setPlaceholderText(_("for example: Alys Testwood direct payment account"))
        self.account_form.row(_("Account name"), self.account_name, ("account_name",))
        self.last_four = QLineEdit()
        self.last_four.setMaxLength(4)
        self.last_four.setPlaceholderText(_("for example: 1234"))
        self.account_form.row(_("Last four digits of the account number"), self.last_four, ("last_four",))
        self.users = QLineEdit()
        self.users.setPlaceholderText(_("for example: me and my sister Bryn"))
        self.account_form.row(_("Who may use it"), self.users, ("account_users",))
        account_col.addLayout(self.account_form.layout)
        self.save_account_button = QPushButton(_("Save the account details"))
        account_col.addWidget(button_row(self.save_account_button))

        account_col.addWidget(Heading(_("Opening balance"), 3))
        self.opening_words = plain_label()
        account_col.addWidget(self.opening_words)
        self.opening_form = Form()
        self.opening_day = date_edit(_("The opening balance is for the end of"), ctx.today())
        self.opening_form.row(_("The opening balance is for the end of"), self.opening_day, ("date", "on_date"))
        self.opening_amount = QLineEdit()
        self.opening_amount.setPlaceholderText(_("for example: 412.41"))
        self.opening_form.row(_("Money in the account then (£)"), self.opening_amount, ("balance",))
        account_col.addLayout(self.opening_form.layout)
        self.save_opening_button = QPushButton(_("Save the opening balance"))
        account_col.addWidget(button_row(self.save_opening_button))
        col.addWidget(account_box)

        self.basis.activated.connect(lambda _i: self._choose("surplus_basis", self.basis))
        self.weeks.activated.connect(lambda _i: self._choose("surplus_weeks", self.weeks))
        self.contingency.returnPressed.connect(self.save_contingency)
        self.save_account_button.clicked.connect(self.save_account)
        self.save_opening_button.clicked.connect(self.save_opening)
        ctx.changed.connect(self._changed)

    # -- reading ----------------------------------------------------------------------------------------------

    def _changed(self) -> None:
        if self.ctx.store is None or self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def _fill(self, edit: QLineEdit, text: str) -> None:
        """Show the saved value, unless the person has typed something not saved yet."""
        if not edit.isModified():
            edit.setText(text)

    def refresh(self) -> None:
        today = self.ctx.today()
        view = self.ctx.read(lambda s: MoneyView(s, today), None)
        if view is None:
            for edit in (self.contingency, self.account_name, self.last_four, self.users, self.opening_amount):
                edit.clear()
            self.surplus_words.clear()
            self.opening_words.clear()
            return
        self.basis.setCurrentIndex(max(0, self.basis.findData(view.basis)))
        self.weeks.clear()
        for weeks in sorted({*WEEKS, view.weeks} - {""}, key=int):
            self.weeks.addItem(ngettext("{n} week of it", "{n} weeks of it", int(weeks)).format(n=weeks), weeks)
        self.weeks.setCurrentIndex(max(0, self.weeks.findData(view.weeks)))
        self._fill(self.contingency, format_plain(view.contingency) if view.contingency else "")
        self.surplus_words.setText(surplus_sum(view.surplus) if view.surplus else "")
        self._fill(self.account_name, view.identity.name)
        self._fill(self.last_four, view.identity.last_four)
        self._fill(self.users, view.identity.users)
        if view.opening is None:
            self.opening_words.setText(
                _("No opening balance yet: the account is counted from £0.00 before the first payment in the app.")
            )
        else:
            self.opening_words.setText(
                _("Opening balance: {amount} at the end of {date} ({source}).").format(
                    amount=money(view.opening.balance_pence),
                    date=date_long(view.opening.on_date),
                    source=view.opening.source,
                )
            )

    # -- changing ---------------------------------------------------------------------------------------------

    def _choose(self, key: str, box: QComboBox) -> None:
        ops.change_setting(
            self.ctx, key, str(box.currentData()), self.surplus_form, _("change how a surplus is counted")
        )

    def _saved(self, *edits: QLineEdit) -> None:
        for edit in edits:
            edit.setModified(False)
        self.refresh()

    def save_contingency(self) -> bool:
        if ops.set_contingency(self.ctx, self.contingency.text(), self.surplus_form):
            self._saved(self.contingency)
            return True
        return False

    def save_account(self) -> bool:
        edits = (self.account_name, self.last_four, self.users)
        name, digits, users = (e.text() for e in edits)
        if ops.set_account_identity(self.ctx, name, digits, users, self.account_form):
            self._saved(*edits)
            return True
        return False

    def save_opening(self) -> bool:
        if ops.set_opening_balance(self.ctx, date_of(self.opening_day), self.opening_amount.text(), self.opening_form):
            self.opening_amount.clear()
            self._saved(self.opening_amount)
            return True
        return False
