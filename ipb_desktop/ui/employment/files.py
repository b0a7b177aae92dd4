"""Files the Employment page reads and writes: the insurance certificate (kept encrypted in the store, shown
inside the app, a copy saved on request), a payroll service's CSV of payslips, and CSV files of shifts and payslips.

Every ask-for-a-file function here is replaced in tests; nothing else in the page opens a file dialog.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from sqlalchemy.orm import Session

from ipb_desktop.employment import checks, csv_export
from ipb_desktop.errors import IpbError
from ipb_desktop.i18n import _
from ipb_desktop.ui import messages
from ipb_desktop.ui.employment.certificate_viewer import CertificateDialog
from ipb_desktop.ui.operations import employment as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.spending.receipt_viewer import NOT_ENCRYPTED, RECEIPT_FILES

# Everything recorded: the exports are for the council's audit and for spreadsheets, not one period.
ALL_FROM = dt.date(1900, 1, 1)
ALL_TO = dt.date(2999, 12, 31)


def choose_certificate_file(parent: QWidget) -> Path | None:
    """Ask which PDF or photo of the certificate to keep (tests replace this)."""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Choose the certificate (PDF or photo)"),
        "",
        _("Photos and PDFs ({patterns});;All files (*)").format(patterns=RECEIPT_FILES),
    )
    return Path(name) if name else None


def choose_payroll_file(parent: QWidget) -> Path | None:
    """Ask which payroll CSV to import (tests replace this)."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Choose the payroll service's CSV file"), "", _("CSV files (*.csv);;All files (*)")
    )
    return Path(name) if name else None


def choose_save_path(parent: QWidget, title: str, suggested: str) -> Path | None:
    """Ask where to save an unencrypted file (tests replace this)."""
    name, _filter = QFileDialog.getSaveFileName(parent, title, suggested)
    return Path(name) if name else None


def read_file(path: Path) -> bytes | None:
    """The file's bytes, or None after saying plainly why it could not be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        messages.error(
            _("{path} could not be read ({reason}). Please choose another file.").format(
                path=path.name, reason=exc.strerror or exc
            )
        )
        return None


def save_certificate_copy(ctx: AppContext, parent: QWidget, check_id: int) -> Path | None:
    """Save an unencrypted copy of a check's certificate where the person chooses."""
    kept = ctx.read(lambda s: _document(s, check_id), None)
    if kept is None:
        messages.info(_("No certificate is kept with this check. Add the check again with its certificate."))
        return None
    name, content = kept
    path = choose_save_path(parent, _("Save a copy of the certificate"), name)
    if path is None:
        return None
    try:
        path.write_bytes(content)
    except OSError as exc:
        messages.error(_("The copy could not be saved ({reason}).").format(reason=exc.strerror or exc))
        return None
    messages.info(_("Saved a copy to {path}.").format(path=path) + " " + _(NOT_ENCRYPTED))
    return path


def show_certificate(ctx: AppContext, parent: QWidget, check_id: int) -> CertificateDialog | None:
    """Show a check's certificate inside the app (nothing written to disk); None when none is kept."""
    kept = ctx.read(lambda s: _document(s, check_id), None)
    if kept is None:
        messages.info(_("No certificate is kept with this check. Add the check again with its certificate."))
        return None
    dialog = CertificateDialog(*kept, parent)
    dialog.save_copy_button.clicked.connect(lambda: save_certificate_copy(ctx, dialog, check_id))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _document(session: Session, check_id: int) -> tuple[str, bytes] | None:
    check = checks.get_check(session, check_id)
    if check.document is None:
        return None
    return check.document_name or _("certificate"), check.document


def import_payroll(ctx: AppContext, parent: QWidget) -> int | None:
    """Ask for a payroll CSV and add its payslips; how many were added (None when nothing was)."""
    path = choose_payroll_file(parent)
    if path is None:
        return None
    data = read_file(path)
    if data is None:
        return None
    count = ops.import_payroll(ctx, data, path.name)
    if count is not None:
        messages.info(_("Imported {n} payslips from {name}. You can undo this.").format(n=count, name=path.name))
    return count


def export_csv(ctx: AppContext, parent: QWidget, what: str) -> Path | None:
    """Save every shift (`what` = "shifts") or every payslip ("payslips") as a CSV file."""
    title = _("Save the shifts as a CSV file") if what == "shifts" else _("Save the payslips as a CSV file")
    path = choose_save_path(parent, title, f"{what}.csv")
    if path is None:
        return None
    write = csv_export.write_shifts if what == "shifts" else csv_export.write_payslips
    try:
        count = ctx.read(lambda s: write(s, path, ALL_FROM, ALL_TO), None)
    except (OSError, IpbError) as exc:
        messages.error(_("The file could not be saved ({reason}).").format(reason=exc))
        return None
    if count is None:
        return None
    words = _("Saved {n} shifts to {path}.") if what == "shifts" else _("Saved {n} payslips to {path}.")
    messages.info(words.format(n=count, path=path) + " " + _(NOT_ENCRYPTED))
    return path
