"""The Reports page's "Save accessible version (web page)…": the statement, review pack or evidence pack as a
web page with real headings and tables, for screen readers, large text and reflowing (the same figures as the
PDF). Kept here so the page itself needs only a line or two for it; the saving is `operations.reports`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget

from ipb_desktop.i18n import _
from ipb_desktop.ui import messages
from ipb_desktop.ui.operations import reports as ops
from ipb_desktop.ui.reports.documents import PDF_KINDS

if TYPE_CHECKING:
    from ipb_desktop.ui.reports.page import ReportsPage

DOCUMENTS = PDF_KINDS  # the reports that have an accessible version


def add_button(page: ReportsPage, row: QBoxLayout) -> QPushButton:
    """Add the button to `row`, enabled for the documents that have an accessible version."""
    button = QPushButton(_("Save accessible version (&web page)…"))
    button.setToolTip(_("A web page with the same figures that screen readers can read and that can be made bigger."))
    row.addWidget(button)
    button.clicked.connect(lambda _checked=False: save(page))

    def enable() -> None:
        button.setEnabled(page.kind() in DOCUMENTS)

    page.report.currentIndexChanged.connect(enable)
    enable()
    return button


def describe_preview(preview: QWidget) -> None:
    """Tell screen-reader users of the preview (pictures of the pages) that a version they can read exists."""
    preview.setAccessibleDescription(
        _(
            "The preview shows pictures of the pages. For a version a screen reader can read, with headings and "
            "tables, use Save accessible version (web page)."
        )
    )


def save(page: ReportsPage) -> Path | None:
    """Ask where, save the web page and say where it went and that it is not encrypted."""
    kind = page.kind()
    if kind not in DOCUMENTS or page.ctx.store is None or not page._save_typed_words():
        return None
    dates = page._checked_dates()
    if dates is None:
        return None
    target = page._destination(_("Save the accessible version (web page)"), "html", _("Web pages (*.html)"))
    if target is None:
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        saved = ops.save_accessible_version(
            page.ctx, kind, dates.start, dates.end, target, not page.no_payments.isChecked()
        )
    finally:
        QGuiApplication.restoreOverrideCursor()
    if saved is None:
        return None
    text = _(
        "Saved the accessible version to {path}. Open it in a web browser. This file is NOT encrypted: anyone "
        "who can open it can read it. Keep it somewhere safe and delete it when you no longer need it."
    ).format(path=saved)
    page.status.setText(text)
    messages.info(text)
    return saved
