"""The payment form: every detail of one payment, for logging a new one or changing one already there.

The dialog does not save by itself: OK calls the page's `save(draft)`, which goes through `AppContext.perform`;
the dialog closes only when that worked, and problems are shown under their fields. Gentle warnings update as
the person types and never stop them saving.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop import ledger
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _, ngettext
from ipb_desktop.money import format_plain, parse_pence
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending.choices import (
    PAYMENT_METHODS,
    Choices,
    choose,
    completing_line_edit,
    date_edit,
    date_of,
    direction_combo,
    fill_combo,
    set_date,
)
from ipb_desktop.ui.widgets.forms import Form, plain_label


def logged_by_words(recorded_by: str, import_batch_id: int | None = None) -> str:
    """Who logged a payment, in words ("holder", "planner:Sam Example"), and whether it came from a bank statement."""
    if import_batch_id is not None:
        if recorded_by.startswith("planner:"):
            return _("Brought in from a bank statement (import number {number}) by {name}, the planner.").format(
                number=import_batch_id, name=recorded_by.split(":", 1)[1]
            )
        return _("Brought in from a bank statement (import number {number}).").format(number=import_batch_id)
    if recorded_by.startswith("planner:"):
        return _("Logged by {name}, the planner.").format(name=recorded_by.split(":", 1)[1])
    return _("Logged by the budget holder.")


class PaymentDialog(QDialog):
    """Log or change one payment. `save(draft, form)` returns True when the change was saved."""

    def __init__(
        self,
        ctx: AppContext,
        choices: Choices,
        save: Callable[[ledger.TransactionDraft, Form], bool],
        draft: ledger.TransactionDraft | None = None,
        parent: QWidget | None = None,
        recorded_by: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._save = save
        self._original = draft
        self.setWindowTitle(_("Change a payment") if draft else _("Log a payment"))
        self.form = Form()
        self.date = date_edit(_("Date"), ctx.today())
        self.direction = direction_combo(_("Money in or out"))
        self.amount = QLineEdit()
        self.payee = completing_line_edit(_("Payee"), choices.payees)
        self.description = completing_line_edit(_("Description"), choices.descriptions)
        self.method = QComboBox()
        self.method.addItem(_("Not recorded"), None)
        for code, label in PAYMENT_METHODS:
            self.method.addItem(_(label), code)
        self.plan_line = QComboBox()
        fill_combo(self.plan_line, choices.plan_lines, _("Not in my plan"))
        self.category = QComboBox()
        fill_combo(self.category, choices.categories, _("From the plan line, or none"))
        self.stream = QComboBox()
        fill_combo(self.stream, choices.streams, _("From the plan line, or none"))
        self.outcome = QComboBox()
        fill_combo(self.outcome, choices.outcomes, _("From the plan line, or none"))
        self.receipt_not_needed = QCheckBox(_("No receipt is needed for this payment"))
        self.reconciled = QCheckBox(_("Checked against the bank statement"))
        self.split_note = plain_label()
        self.split_note.hide()
        self.warnings = plain_label()
        self.warnings.setAccessibleDescription(_("Things worth a second look"))
        self.warnings.hide()

        self.form.row(_("&Date"), self.date, ("date", "txn_date"))
        self.form.row(_("&In or out"), self.direction, ("direction",))
        self.form.row(_("&Amount (£)"), self.amount, ("amount", "split"), hint=_("For example, 12.50"))
        self.form.row(_("&Payee"), self.payee, ("payee",))
        self.form.row(_("D&escription"), self.description, ("description",))
        self.form.row(_("Paid &by"), self.method, ("payment_method",))
        self.single_part_rows = [
            self.form.row(_("Plan &line"), self.plan_line, ("plan_line",)),
            self.form.row(_("Ca&tegory"), self.category, ("category",)),
            self.form.row(_("&Funding stream"), self.stream, ("stream",)),
            self.form.row(_("&Outcome"), self.outcome, ("outcome",)),
        ]
        self.form.layout.addRow(self.split_note)
        self.form.layout.addRow(self.receipt_not_needed)
        self.form.layout.addRow(self.reconciled)
        self.form.layout.addRow(self.warnings)
        imported = draft.import_batch_id if draft else None
        self.logged_by = plain_label(logged_by_words(recorded_by, imported) if recorded_by else "")
        self.logged_by.setVisible(bool(recorded_by))
        self.form.layout.addRow(self.logged_by)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Save"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form.layout)
        layout.addWidget(self.buttons)

        if draft is not None:
            self._show_draft(draft)
        for combo in (self.direction, self.plan_line, self.category):
            combo.currentIndexChanged.connect(self._update_warnings)
        self.amount.textChanged.connect(self._update_warnings)
        self._update_warnings()
        self.payee.setFocus()

    def _show_draft(self, draft: ledger.TransactionDraft) -> None:
        set_date(self.date, draft.txn_date)
        choose(self.direction, draft.direction)
        self.amount.setText(format_plain(draft.amount_pence))
        self.payee.setText(draft.payee)
        self.description.setText(draft.description)
        choose(self.method, draft.payment_method)
        self.receipt_not_needed.setChecked(draft.receipt_not_needed)
        self.reconciled.setChecked(draft.reconciled)
        parts = draft.allocations
        if len(parts) == 1:
            part = parts[0]
            choose(self.plan_line, part.plan_line_id)
            choose(self.category, part.category_id)
            choose(self.stream, part.stream_id)
            choose(self.outcome, part.outcome_id)
        elif len(parts) > 1:
            # The parts say what the money was for; the single-part choices would only mislead.
            for combo in (self.plan_line, self.category, self.stream, self.outcome):
                combo.setEnabled(False)
            for label in self.single_part_rows:
                self.form.layout.setRowVisible(label, False)
            self.split_note.setText(
                ngettext(
                    "This payment is shared across {n} part. To change the parts, use Split.",
                    "This payment is shared across {n} parts. To change the parts, use Split.",
                    len(parts),
                ).format(n=len(parts))
            )
            self.split_note.show()

    def draft(self) -> ledger.TransactionDraft:
        """The payment as typed; raises InvalidInput when the amount is not money."""
        pence = parse_pence(self.amount.text(), "amount")
        original = self._original
        common = {
            "txn_date": date_of(self.date),
            "direction": self.direction.currentData(),
            "amount_pence": pence,
            "payee": self.payee.text(),
            "description": self.description.text(),
            "payment_method": self.method.currentData(),
            "reconciled": self.reconciled.isChecked(),
            "receipt_not_needed": self.receipt_not_needed.isChecked(),
            "bank_id": original.bank_id if original else None,
            "import_batch_id": original.import_batch_id if original else None,
        }
        if original is not None and len(original.allocations) > 1:
            return ledger.TransactionDraft(**common, allocations=original.allocations)
        return ledger.TransactionDraft(
            **common,
            plan_line_id=self.plan_line.currentData(),
            category_id=self.category.currentData(),
            stream_id=self.stream.currentData(),
            outcome_id=self.outcome.currentData(),
        )

    def _update_warnings(self) -> None:
        try:
            draft = self.draft()
        except InvalidInput:
            draft = None
        found = self.ctx.read(lambda s: ledger.gentle_warnings(s, draft), []) if draft else []
        self.warnings.setText(" ".join(found))
        self.warnings.setVisible(bool(found))

    def accept(self) -> None:
        self.form.clear_problems()
        try:
            draft = self.draft()
        except InvalidInput as exc:
            self.form.show_problems(exc.problems)
            return
        if self._save(draft, self.form):
            super().accept()
