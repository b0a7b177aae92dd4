"""Checking the account against a bank statement (reconciliation), from the Spending page.

The person types the statement's date and closing balance and sees the app's balance for that day. The payments
not yet checked against the bank are listed; ticking each one found on the statement updates the difference at
once (counted = the balance of the payments checked before, plus those ticked now). When nothing is left over,
Record saves the check (`accounts.reconcile`, through `operations.spending.record_reconciliation`); otherwise it
says the difference kindly and records nothing. `LastCheck` is the line on the page saying when it was last done.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ipb_desktop import accounts, figures
from ipb_desktop.errors import FieldProblem, InvalidInput
from ipb_desktop.formatting import date_long, date_short, money
from ipb_desktop.i18n import _, ngettext
from ipb_desktop.money import parse_pence
from ipb_desktop.ui import messages
from ipb_desktop.ui.operations import spending as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending.choices import date_edit, date_of
from ipb_desktop.ui.widgets.accessible import announce
from ipb_desktop.ui.widgets.forms import Form, button_row, plain_label

TXN_ID = Qt.ItemDataRole.UserRole


def _read(session: Session, day: dt.date) -> tuple[int, list[accounts.Unticked]]:
    return figures.balance_on(session, day), accounts.unticked(session, day, ops.ALL_UNTICKED)


class ReconcileDialog(QDialog):
    """Compare the app with one bank statement; tick payments until the difference is nothing, then Record."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Check against a bank statement"))
        col = QVBoxLayout(self)
        col.addWidget(
            plain_label(
                _(
                    "Find the balance printed on your bank statement. Type the statement's date and that "
                    "balance, then tick each payment below that you can see on the statement."
                )
            )
        )
        self.form = Form()
        self.day = date_edit(_("Date of the bank statement"), ctx.today())
        self.form.row(_("&Date of the bank statement"), self.day, ("date",))
        self.balance = QLineEdit()
        self.balance.setPlaceholderText(_("for example: 1234.56"))
        self.form.row(_("Closing &balance on the statement (£)"), self.balance, ("balance",))
        col.addLayout(self.form.layout)
        self.app_words = plain_label()
        col.addWidget(self.app_words)
        self.list_label = QLabel(_("&Payments not yet checked against the bank"))
        self.payments = QListWidget()
        self.payments.setAccessibleName(_("Payments not yet checked against the bank"))
        self.payments.setAccessibleDescription(_("Press Space to tick or untick."))
        self.list_label.setBuddy(self.payments)
        self.tick_all_button = QPushButton(_("Tick &all"))
        col.addWidget(self.list_label)
        col.addWidget(self.payments, 1)
        col.addWidget(button_row(self.tick_all_button))
        self.difference = plain_label()
        self.difference.setObjectName("difference")
        col.addWidget(self.difference)
        self.said = plain_label()
        self.said.setStyleSheet("font-weight: bold")
        col.addWidget(self.said)
        self.buttons = QDialogButtonBox()
        self.record_button = self.buttons.addButton(_("&Record"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        col.addWidget(self.buttons)
        # Enter (in the balance field, say) records; it never ticks every payment by surprise.
        self.tick_all_button.setAutoDefault(False)
        self.record_button.setDefault(True)

        self.app_pence = 0
        self.checked_before_pence = 0  # the app's balance less every payment not yet checked
        self.day.dateChanged.connect(lambda _d: self.load())
        self.balance.textChanged.connect(lambda _t: self.update_difference())
        self.payments.itemChanged.connect(lambda _item: self.update_difference())
        self.tick_all_button.clicked.connect(self.tick_all)
        self.record_button.clicked.connect(self.record)
        self.buttons.rejected.connect(self.reject)
        self.load()
        self.balance.setFocus()

    # -- reading ----------------------------------------------------------------------------------------------

    def chosen_day(self) -> dt.date:
        return date_of(self.day)

    def load(self) -> None:
        """Read the app's balance and the unchecked payments for the chosen day, keeping any ticks."""
        day = self.chosen_day()
        ticked = self.ticked_ids()
        self.app_pence, unticked = self.ctx.read(lambda s: _read(s, day), (0, []))
        self.checked_before_pence = self.app_pence - sum(u.signed_pence for u in unticked)
        self.app_words.setText(
            _("Your records say the account held {amount} at the end of {date}.").format(
                amount=money(self.app_pence), date=date_long(day)
            )
        )
        self.payments.blockSignals(True)
        self.payments.clear()
        for u in unticked:
            sign = "+" if u.signed_pence > 0 else "-"
            words = f"{date_short(u.day)}: {u.payee or _('no payee')}, {sign}{money(abs(u.signed_pence))}"
            item = QListWidgetItem(words)
            item.setData(TXN_ID, (u.txn_id, u.signed_pence))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if u.txn_id in ticked else Qt.CheckState.Unchecked)
            self.payments.addItem(item)
        self.payments.blockSignals(False)
        if self.payments.count():
            self.payments.setCurrentRow(0)
        self.list_label.setVisible(self.payments.count() > 0)
        self.payments.setVisible(self.payments.count() > 0)
        self.tick_all_button.setVisible(self.payments.count() > 0)
        self.update_difference()

    def _items(self) -> list[QListWidgetItem]:
        return [self.payments.item(i) for i in range(self.payments.count())]

    def ticked_ids(self) -> set[int]:
        return {int(i.data(TXN_ID)[0]) for i in self._items() if i.checkState() == Qt.CheckState.Checked}

    def all_ticked(self) -> bool:
        return all(i.checkState() == Qt.CheckState.Checked for i in self._items())

    def bank_pence(self) -> int | None:
        try:
            return parse_pence(self.balance.text(), "balance", allow_negative=True)
        except InvalidInput:
            return None

    def counted_pence(self) -> int:
        ticked = sum(int(i.data(TXN_ID)[1]) for i in self._items() if i.checkState() == Qt.CheckState.Checked)
        return self.checked_before_pence + ticked

    def difference_pence(self) -> int | None:
        bank = self.bank_pence()
        return None if bank is None else bank - self.counted_pence()

    # -- showing and doing ------------------------------------------------------------------------------------

    def update_difference(self) -> None:
        self.said.clear()
        difference = self.difference_pence()
        if difference is None:
            self.difference.setText(_("Type the closing balance from the bank statement to see any difference."))
        elif difference == 0:
            words = _("No difference: the payments counted agree with the bank statement.")
            if self.all_ticked():
                words += " " + _("Choose Record to save this check.")
            self.difference.setText(words)
        else:
            more = (
                _("The bank statement shows {amount} more than the payments counted so far.")
                if difference > 0
                else _("The bank statement shows {amount} less than the payments counted so far.")
            )
            self.difference.setText(
                _("Difference: {amount}.").format(amount=money(abs(difference)))
                + " "
                + more.format(amount=money(abs(difference)))
            )

    def tick_all(self) -> None:
        self.payments.blockSignals(True)
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked)
        self.payments.blockSignals(False)
        self.update_difference()
        announce(self.difference, self.difference.text())

    def say(self, text: str) -> None:
        self.said.setText(text)
        announce(self.said, text, urgent=True)

    def record(self) -> bool:
        """Save the check when nothing is left over; otherwise say why, kindly, and save nothing."""
        self.form.clear_problems()
        day, bank = self.chosen_day(), self.bank_pence()
        if bank is None:
            self.form.show_problems(
                (FieldProblem("balance", _("type the balance on the bank statement, for example 1234.56")),)
            )
            return False
        difference = bank - self.counted_pence()
        if difference != 0:
            self.say(
                _(
                    "Nothing has been recorded yet: there is still a difference of {amount}. That happens; "
                    "it usually means a payment is missing, or has a different amount or date from the bank's. "
                    "Tick the payments you can see on the statement, or put the payment right on the Spending "
                    "page, then check again."
                ).format(amount=money(abs(difference)))
            )
            return False
        result = ops.record_reconciliation(self.ctx, day, bank)
        if result is None:
            return False
        if not result.recorded:
            left = len(self._items()) - len(self.ticked_ids())
            self.say(
                ngettext(
                    "Nothing has been recorded yet. {n} payment you have not ticked is counted by {date} in your "
                    "records but is not on the bank statement. If the bank paid it later, change its date to "
                    "that day; if it did not happen, delete it. Then check again.",
                    "Nothing has been recorded yet. {n} payments you have not ticked are counted by {date} in "
                    "your records but are not on the bank statement. If the bank paid them later, change their "
                    "dates to those days; if they did not happen, delete them. Then check again.",
                    left,
                ).format(n=left, date=date_long(day))
            )
            return False
        text = _("Your records agree with the bank statement of {date}: {amount}").format(
            date=date_long(day), amount=money(bank)
        )
        messages.info(text)
        self.accept()
        return True


class LastCheck(QLabel):
    """The line on the Spending page saying when the account was last checked against a bank statement, and
    whether the records still agree with it (a later change to an older payment can undo that)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setObjectName("last_check")
        ctx.changed.connect(self._changed)

    def _changed(self) -> None:
        if self.ctx.store is None:
            self.clear()
        elif self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        today = self.ctx.today()
        found = self.ctx.read(lambda s: (True, accounts.last_reconciliation(s, today)), (False, None))
        if not found[0]:
            self.clear()
            return
        self.setText(last_check_words(found[1]))


def last_check_words(last: accounts.LastReconciliation | None) -> str:
    """When the account was last checked against a bank statement, and whether the records still agree (Spending
    and Home say the same)."""
    if last is None:
        return _("Not checked against a bank statement yet.")
    text = _("Last checked against the bank statement of {date}: {amount}.").format(
        date=date_long(last.on_date), amount=money(last.bank_pence)
    )
    if last.difference_pence:
        return (
            text
            + " "
            + _("Payments up to that day have changed since, so your records now differ from it by {amount}.").format(
                amount=money(abs(last.difference_pence))
            )
        )
    return text + " " + _("Your records still agree with it.")
