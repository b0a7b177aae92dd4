"""Receipts: choose a photo or PDF to keep (encrypted inside the store) and look at the ones kept.

Photos are shown as they are; PDFs as their pages, drawn from the bytes in memory (no file is written). Either
can be saved as a copy to open in another program, with a plain warning that the copy is not encrypted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop import ledger
from ipb_desktop.i18n import N_, _
from ipb_desktop.ui import messages
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.widgets.forms import plain_label
from ipb_desktop.ui.widgets.pdf_pages import PdfNotReadable
from ipb_desktop.ui.widgets.pdf_view import PdfView

RECEIPT_FILES = "*.jpg *.jpeg *.png *.gif *.webp *.pdf"
NOT_ENCRYPTED = N_(
    "The copy you save is not encrypted: anyone who uses this computer could open it. "
    "Delete it when you have finished with it."
)


def choose_receipt_file(parent: QWidget) -> Path | None:
    """Ask which photo or PDF to keep (tests replace this)."""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Choose the photo or PDF of the receipt"),
        "",
        _("Photos and PDFs ({patterns});;All files (*)").format(patterns=RECEIPT_FILES),
    )
    return Path(name) if name else None


def choose_copy_path(parent: QWidget, suggested: str) -> Path | None:
    """Ask where to save an unencrypted copy (tests replace this)."""
    name, _filter = QFileDialog.getSaveFileName(parent, _("Save a copy of the receipt"), suggested)
    return Path(name) if name else None


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return _("{n} KB").format(n=max(1, round(size / 1024)))
    return _("{n} MB").format(n=round(size / 1048576, 1))


class ReceiptDialog(QDialog):
    """The receipts of one payment: a list, the chosen one shown (photos), save a copy, remove.

    `remove(receipt_id)` is the page's undoable operation; it returns True when the receipt was removed.
    """

    def __init__(
        self, ctx: AppContext, txn_id: int, title: str, remove: Callable[[int], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.txn_id = txn_id
        self._remove = remove
        self.receipts: list[ledger.ReceiptFile] = []
        self.setWindowTitle(_("Receipts for {payment}").format(payment=title))
        self.resize(640, 560)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Receipts kept for this payment"))
        self.list.setMaximumHeight(90)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName(_("Receipt picture"))
        self.picture_area = QScrollArea()
        self.picture_area.setWidget(self.picture)
        self.picture_area.setWidgetResizable(True)
        self.pages = PdfView(_("Receipt pages"))
        self.pages.setMinimumHeight(240)
        self.pages.hide()
        self.note = plain_label()
        self.save_copy = QPushButton(_("&Save a copy…"))
        self.remove_button = QPushButton(_("&Remove this receipt"))
        self.remove_button.setAccessibleDescription(_("You can bring it back with Undo (Ctrl+Z)."))
        self.warning = plain_label(_(NOT_ENCRYPTED))
        self.warning.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.save_copy)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.picture_area, 1)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.save_copy.clicked.connect(self.save_a_copy)
        self.remove_button.clicked.connect(self.remove_current)
        self.reload()

    def reload(self) -> None:
        self.receipts = self.ctx.read(lambda s: ledger.receipts_of(s, self.txn_id), [])
        self.list.clear()
        for receipt in self.receipts:
            kind = _("PDF") if receipt.media_type == "application/pdf" else _("Photo")
            QListWidgetItem(f"{receipt.filename} ({kind}, {size_text(receipt.size_bytes)})", self.list)
        has_any = bool(self.receipts)
        self.save_copy.setEnabled(has_any)
        self.remove_button.setEnabled(has_any)
        if has_any:
            self.list.setCurrentRow(0)
        else:
            self._show(-1)

    def current(self) -> ledger.ReceiptFile | None:
        row = self.list.currentRow()
        return self.receipts[row] if 0 <= row < len(self.receipts) else None

    def _show(self, row: int) -> None:
        receipt = self.receipts[row] if 0 <= row < len(self.receipts) else None
        self.picture.clear()
        self.picture.setAccessibleDescription("")
        self.pages.clear()
        is_pdf = receipt is not None and receipt.media_type == "application/pdf"
        self.pages.setVisible(is_pdf)
        self.picture_area.setVisible(not is_pdf)
        if receipt is None:
            self.note.setText(_("No receipt is kept for this payment."))
            return
        if receipt.media_type.startswith("image/"):
            pixmap = QPixmap()
            if pixmap.loadFromData(receipt.content):
                self.picture.setPixmap(pixmap)
                self.picture.setAccessibleDescription(receipt.filename)
                self.note.setText(_("Showing {name}.").format(name=receipt.filename))
                return
            self.note.setText(_("This photo cannot be shown here. You can save a copy and open it elsewhere."))
            return
        try:  # only photos and PDFs are kept (ledger.sniff_media_type)
            self.pages.show_pdf(receipt.content)
        except PdfNotReadable:
            self.pages.hide()
            self.picture_area.show()
            self.note.setText(_("This PDF cannot be shown here. You can save a copy and open it elsewhere."))
            return
        self.note.setText(_("Showing {name}.").format(name=receipt.filename))

    def save_a_copy(self) -> Path | None:
        receipt = self.current()
        if receipt is None:
            return None
        target = choose_copy_path(self, receipt.filename)
        if target is None:
            return None
        try:
            target.write_bytes(receipt.content)
        except OSError as exc:
            messages.error(
                _("The copy could not be saved there ({reason}). Try another folder.").format(reason=exc.strerror)
            )
            return None
        messages.info(
            _("Saved a copy to {path}. It is not encrypted: delete it when you have finished.").format(path=target)
        )
        return target

    def remove_current(self) -> None:
        receipt = self.current()
        if receipt is not None and self._remove(receipt.id):
            self.reload()
