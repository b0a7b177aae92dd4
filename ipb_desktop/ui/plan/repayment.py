"""Money going back to a funder, from the Plan page: a repayment paid from the account (a surplus the council
asked for) or a clawback the funder kept back itself (never through the account). See `ipb_desktop.repayments`.
Also the words for the assessed contribution (due against paid in) shown on the Plan page."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from ipb_desktop import repayments
from ipb_desktop.formatting import money
from ipb_desktop.i18n import _
from ipb_desktop.money import parse_pence
from ipb_desktop.ui.operations import plan as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending.choices import date_edit, date_of
from ipb_desktop.ui.widgets.dialogs import FormDialog


class RepaymentDialog(FormDialog):
    """Which funder, when, how much, and whether the money left the account or the funder kept it back."""

    def __init__(
        self, ctx: AppContext, streams: list[tuple[int, str]], chosen: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx,
            _("Record a repayment to a funder"),
            parent,
            _(
                "Record money paid back to a funder, for example money the council asked for at a review. It "
                "counts against that funder's money on your plan."
            ),
        )
        self.stream = QComboBox()
        for stream_id, name in streams:
            self.stream.addItem(name, stream_id)
        self.stream.setCurrentIndex(max(0, self.stream.findData(chosen)))
        self.form.row(_("&Funder"), self.stream, ("stream",))
        self.day = date_edit(_("Date"), ctx.today())
        self.form.row(_("&Date"), self.day, ("date", "txn_date"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(_("for example: 500.00"))
        self.form.row(_("&Amount (£)"), self.amount, ("amount", "amount_pence"))
        self.clawback = QCheckBox(_("The funder &kept it back (a clawback): it did not leave my account"))
        self.form.row(_("How"), self.clawback)
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("for example: surplus asked for at my review"))
        self.form.row(_("&Note"), self.note, ("description",))
        self.new_id: int | None = None
        self.amount.setFocus()

    def save(self) -> bool:
        stream_id = self.stream.currentData()
        if stream_id is None:
            return False
        typed = self.amount.text()
        self.new_id = ops.record_repayment(
            self.ctx,
            int(stream_id),
            date_of(self.day),
            lambda: parse_pence(typed, "amount"),
            self.clawback.isChecked(),
            self.note.text().strip(),
            self.form,
        )
        return self.new_id is not None


def contribution_words(found: repayments.Contribution | None) -> str:
    """The assessed contribution so far: due, paid in, and what is left to pay (or paid ahead)."""
    if found is None or (found.weekly_pence == 0 and found.due_pence == 0 and found.paid_pence == 0):
        return ""
    text = _("Your assessed contribution so far: {due} due, {paid} paid in.").format(
        due=money(found.due_pence), paid=money(found.paid_pence)
    )
    if found.owed_pence > 0:
        return text + " " + _("Still to pay: {amount}.").format(amount=money(found.owed_pence))
    if found.owed_pence < 0:
        return text + " " + _("Paid ahead: {amount}.").format(amount=money(-found.owed_pence))
    return text + " " + _("All paid.")
