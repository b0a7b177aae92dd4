"""Spending: the ledger of money in and out, with quick-add, filters, totals, and every change to a payment
(change, split, receipts, bank check, delete) as one undoable operation through `AppContext.perform`.

Dropping a bank statement file (.csv, .ofx, .qfx, .qif) on the page emits `statementDropped(Path)` for the import
flow; dropping a photo or PDF keeps it as a receipt for the chosen payment.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ipb_desktop import ledger
from ipb_desktop.formatting import date_long, money
from ipb_desktop.i18n import _, ngettext
from ipb_desktop.ledger_query import LedgerFilter, LedgerRow
from ipb_desktop.models.enums import Direction
from ipb_desktop.ui import messages
from ipb_desktop.ui.operations import spending as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending import receipt_viewer, reconcile
from ipb_desktop.ui.spending.choices import Choices, announce, read_choices
from ipb_desktop.ui.spending.filters import FilterBar
from ipb_desktop.ui.spending.form import PaymentDialog
from ipb_desktop.ui.spending.model import SpendingModel, totals_text
from ipb_desktop.ui.spending.quick_add import QuickAdd
from ipb_desktop.ui.spending.receipt_viewer import ReceiptDialog
from ipb_desktop.ui.spending.regular_dialogs import DueDialog, RegularListDialog
from ipb_desktop.ui.spending.split import SplitDialog
from ipb_desktop.ui.spending.table import LedgerTable
from ipb_desktop.ui.widgets.forms import Form, Heading, button_row, plain_label
from ipb_desktop.ui.widgets.page import Page

STATEMENT_SUFFIXES = {".csv", ".ofx", ".qfx", ".qif"}
RECEIPT_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".pdf"}


class SpendingPage(Page):
    statementDropped = Signal(Path)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.choices = Choices()
        self.dialog: QWidget | None = None  # the dialog or question open now (tests reach it here)
        self.setAcceptDrops(True)

        self.heading = Heading(_("Spending"))
        self.due_banner = QFrame()
        self.due_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.due_text = plain_label()
        self.due_button = QPushButton(_("Re&view"))
        banner_row = QHBoxLayout(self.due_banner)
        banner_row.addWidget(self.due_text, 1)
        banner_row.addWidget(self.due_button)
        self.due_banner.hide()

        self.quick_add = QuickAdd(ctx)
        self.filters = FilterBar()
        self.model = SpendingModel(ctx, self)
        self.table = LedgerTable()
        self.table.setModel(self.model)
        self.totals = plain_label()
        self.totals.setAccessibleDescription(_("Totals for the payments shown"))

        self.edit_action = self._action(_("&Change…"), self.edit_selected, _("Change the chosen payment (Enter)"))
        self.split_action = self._action(_("Spli&t…"), self.split_selected, _("Share it across plan lines"))
        self.attach_action = self._action(
            _("Attach &receipt…"), self.attach_receipt, _("Keep a photo or PDF of the receipt, encrypted")
        )
        self.view_action = self._action(_("See receipts…"), self.view_receipts, _("Look at the receipts kept"))
        self.reconcile_action = self._action(
            _("Checked against &bank"), self.toggle_reconciled, _("Mark it as checked against the bank statement")
        )
        self.delete_action = self._action(_("De&lete…"), self.ask_delete, _("Delete it (you can undo)"))
        self.form_action = self._action(_("Log &with all details…"), self.add_with_form, _("Log a payment in a form"))
        self.regular_action = self._action(
            _("Regular pa&yments…"), self.show_regular, _("Payments that repeat, offered when due")
        )
        self.bank_check_action = self._action(
            _("Chec&k against bank statement…"),
            lambda: self._open(reconcile.ReconcileDialog(ctx, self)),
            _("Compare your records with the balance on a bank statement"),
        )
        self.row_actions = [
            self.edit_action,
            self.split_action,
            self.attach_action,
            self.view_action,
            self.reconcile_action,
            self.delete_action,
        ]
        # Rows of buttons wrap onto a second line at large text sizes rather than widening the page.
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top_actions = (self.form_action, self.regular_action, self.bank_check_action)
        top.addWidget(button_row(*(self._button(action) for action in top_actions)), 2)
        buttons = button_row(*(self._button(action) for action in self.row_actions))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.due_banner)
        layout.addWidget(self.quick_add)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(reconcile.LastCheck(ctx))
        layout.addWidget(buttons)

        self.filters.changed.connect(self._filter_changed)
        self.table.resized.connect(self._size_columns)
        self.model.totals_changed.connect(lambda totals: self.totals.setText(totals_text(totals)))
        self.model.modelReset.connect(self._enable_actions)
        self.table.selectionModel().currentRowChanged.connect(lambda _new, _old: self._enable_actions())
        self.table.selectionModel().selectionChanged.connect(lambda _new, _old: self._enable_actions())
        self.table.open_requested.connect(self.edit_selected)
        self.table.delete_requested.connect(self.ask_delete)
        self.table.menu_requested.connect(self._show_menu)
        self.quick_add.added.connect(self.select_id)
        find = QAction(self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))  # Ctrl+F: to the search box
        find.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # (only while this page is shown)
        find.triggered.connect(lambda _checked=False: self.filters.focus_search())
        self.addAction(find)
        self.due_button.clicked.connect(self.show_due)
        self._enable_actions()

    def _action(self, text: str, slot, tip: str) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _button(self, action: QAction) -> QPushButton:
        """A button that follows its action (text, enabled); the action also sits in the right-click menu."""
        button = QPushButton(action.text())
        button.setAccessibleDescription(action.toolTip())
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        action.changed.connect(lambda: button.setText(action.text()))
        button.setEnabled(action.isEnabled())
        return button

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._size_columns()
        super().changeEvent(event)

    def _size_columns(self) -> None:
        self.table.size_columns()

    # -- refreshing -------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.selected_id()
        if self.ctx.store is None:
            # Locked or closed: nothing personal may stay on screen, in a dialog or in a suggestion list. (A dialog
            # already closed may be gone: Qt deletes closed dialogs.)
            if self.dialog is not None and isValid(self.dialog) and self.dialog.isVisible():
                self.dialog.close()
            self.dialog = None
            self.quick_add.status.clear()
            self.choices = Choices()
        else:
            self.choices = self.ctx.read(lambda s: read_choices(s, self.ctx.today()), Choices())
        self.quick_add.set_choices(self.choices)
        self.filters.set_choices(self.choices)
        self.model.refresh()
        if keep is not None:
            self.select_id(keep)
        self._update_due()
        self._enable_actions()

    def _update_due(self) -> None:
        from ipb_desktop import regular

        today = self.ctx.today()
        count = len(self.ctx.read(lambda s: regular.due(s, today), []))
        if count:
            self.due_text.setText(
                ngettext(
                    "{n} regular payment is due. Review it to add it to your spending.",
                    "{n} regular payments are due. Review them to add them to your spending.",
                    count,
                ).format(n=count)
            )
        self.due_banner.setVisible(bool(count))

    def _filter_changed(self, flt: LedgerFilter) -> None:
        keep = self.selected_id()
        self.model.set_filter(flt)
        if keep is not None:
            self.select_id(keep)
        self._enable_actions()

    # -- the chosen payment -----------------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.model.id_at(index.row())

    def selected_row(self) -> LedgerRow | None:
        index = self.table.currentIndex()
        return self.model.row_for(index.row()) if self.selected_id() is not None else None

    def select_id(self, txn_id: int) -> bool:
        row = self.model.row_of(txn_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        self._enable_actions()
        return True

    def _enable_actions(self) -> None:
        row = self.selected_row()
        for action in self.row_actions:
            action.setEnabled(row is not None)
        self.view_action.setEnabled(row is not None and row.receipt_count > 0)
        if row is not None:
            self.reconcile_action.setText(
                _("Not checked against &bank") if row.reconciled else _("Checked against &bank")
            )

    def _describe(self, row: LedgerRow) -> str:
        sign = "+" if row.direction == Direction.IN else "-"
        return _("{payee}, {sign}{amount} on {date}").format(
            payee=row.payee or _("no payee"), sign=sign, amount=money(row.amount_pence), date=date_long(row.txn_date)
        )

    def _show_menu(self, where) -> None:  # type: ignore[no-untyped-def]
        menu = QMenu(self)
        for action in [*self.row_actions, self.form_action, self.bank_check_action]:
            menu.addAction(action)
        menu.popup(where)
        self.dialog = menu

    # -- operations (each one undoable) -----------------------------------------------------------------------

    def _draft(self, txn_id: int) -> ledger.TransactionDraft | None:
        return self.ctx.read(lambda s: ledger.draft_of(ledger.get_transaction(s, txn_id)), None)

    def edit_selected(self) -> None:
        txn_id = self.selected_id()
        old = self._draft(txn_id) if txn_id is not None else None
        if txn_id is None or old is None:
            return

        def save(draft: ledger.TransactionDraft, form: Form) -> bool:
            return ops.change_payment(self.ctx, txn_id, draft, old, form) is not None

        who = self.ctx.read(lambda s: ledger.get_transaction(s, txn_id).recorded_by, None)
        self._open(PaymentDialog(self.ctx, self.choices, save, old, self, recorded_by=who))

    def add_with_form(self) -> None:
        def save(draft: ledger.TransactionDraft, form: Form) -> bool:
            done = ops.log_payment(self.ctx, draft, form)
            if done is not None:
                self.select_id(done)
            return done is not None

        self._open(PaymentDialog(self.ctx, self.choices, save, None, self))

    def split_selected(self) -> None:
        txn_id = self.selected_id()
        old = self._draft(txn_id) if txn_id is not None else None
        if txn_id is None or old is None:
            return
        dialog: SplitDialog

        def save(parts: list[ledger.AllocationDraft]) -> bool:
            return ops.split_payment(self.ctx, txn_id, parts, old, dialog) is not None

        dialog = SplitDialog(old, self.choices, save, self)
        self._open(dialog)

    def attach_receipt(self, path: Path | None = None) -> int | None:
        txn_id = self.selected_id()
        if txn_id is None:
            return None
        path = path or receipt_viewer.choose_receipt_file(self)
        if path is None:
            return None
        try:
            content = path.read_bytes()
        except OSError as exc:
            messages.error(_("That file could not be read ({reason}). Try another one.").format(reason=exc.strerror))
            return None
        name = path.name
        receipt_id = ops.attach_receipt(self.ctx, txn_id, name, content)
        if receipt_id is not None:
            messages.info(_("The receipt {name} is kept, encrypted, with this payment.").format(name=name))
        return receipt_id

    def view_receipts(self) -> None:
        row = self.selected_row()
        if row is None:
            return

        def remove(receipt_id: int) -> bool:
            return ops.remove_receipt(self.ctx, receipt_id) is not None

        self._open(ReceiptDialog(self.ctx, row.id, self._describe(row), remove, self))

    def toggle_reconciled(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        txn_id, was = row.id, row.reconciled
        ops.set_checked(self.ctx, txn_id, not was)

    def ask_delete(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Delete this payment?"))
        box.setText(_("Delete {payment}?").format(payment=self._describe(row)))
        box.setInformativeText(_("You can bring it back with Undo (Ctrl+Z)."))
        delete_button = box.addButton(_("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        keep_button = box.addButton(_("Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep_button)
        box.setEscapeButton(keep_button)
        txn_id = row.id
        box.buttonClicked.connect(lambda button: self.delete(txn_id) if button is delete_button else None)
        self._open(box)

    def delete(self, txn_id: int) -> bool:
        done = ops.delete_payment(self.ctx, txn_id)
        if done is not None:
            text = _("Payment deleted. To bring it back, choose Undo (Ctrl+Z).")
            messages.info(text)
            announce(self.table, text)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return done is not None

    def show_regular(self) -> None:
        self._open(RegularListDialog(self.ctx, self.choices, self))

    def show_due(self) -> None:
        self._open(DueDialog(self.ctx, self))

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if hasattr(dialog, "open"):
            dialog.open()

    # -- drag and drop ----------------------------------------------------------------------------------------

    @staticmethod
    def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        paths = self._dropped_paths(event)
        suffixes = STATEMENT_SUFFIXES | (RECEIPT_SUFFIXES if self.selected_id() is not None else set())
        if len(paths) == 1 and paths[0].suffix.lower() in suffixes:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event)
        if len(paths) != 1:
            event.ignore()
            return
        path = paths[0]
        if path.suffix.lower() in STATEMENT_SUFFIXES:
            event.acceptProposedAction()
            self.statementDropped.emit(path)
        elif path.suffix.lower() in RECEIPT_SUFFIXES and self.selected_id() is not None:
            event.acceptProposedAction()
            self.attach_receipt(path)
        else:
            event.ignore()
