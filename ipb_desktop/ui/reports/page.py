"""Reports: choose a report and its dates, write the explanation and the review answers, preview, save as PDF,
print, or save a CSV file for a spreadsheet.

The explanation and the answers are saved through `ctx.perform` (so they can be undone) before any document is
made, so what is printed is what is in the store. The first time in a session that a file is saved, the page
says plainly that the file is not encrypted; every time, it says where the file went.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ipb_desktop.errors import IpbError
from ipb_desktop.i18n import N_, _
from ipb_desktop.statements import csv_export, explanations, output, review_answers
from ipb_desktop.statements.data import statement_data
from ipb_desktop.statements.periods import PRESET_LABELS, DateRange, resolve
from ipb_desktop.statements.review_data import review_pack_data
from ipb_desktop.ui import messages
from ipb_desktop.ui.operations import reports as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.reports import accessible, documents
from ipb_desktop.ui.reports.documents import EVIDENCE_PACK, PDF_KINDS, REVIEW_PACK, STATEMENT
from ipb_desktop.ui.reports.your_words import AnswersBox, ExplanationBox
from ipb_desktop.ui.spending.choices import date_edit, date_of
from ipb_desktop.ui.widgets.forms import Form, Heading, plain_label
from ipb_desktop.ui.widgets.page import Page
from ipb_desktop.ui.widgets.pdf_pages import PdfNotReadable, page_count, print_pdf
from ipb_desktop.ui.widgets.pdf_view import PdfView

CSV_PAYMENTS, CSV_SUMMARY = "csv_transactions", "csv_summary"
REPORTS = {
    STATEMENT: N_("Statement for the council or NHS team (PDF)"),
    REVIEW_PACK: N_("Review pack for my review meeting (PDF)"),
    EVIDENCE_PACK: N_("Evidence pack: the statement with receipts and bank statements (PDF)"),
    CSV_PAYMENTS: N_("Every payment, for a spreadsheet (CSV)"),
    CSV_SUMMARY: N_("The summary figures, for a spreadsheet (CSV)"),
}
CUSTOM = "custom"


def choose_save_path(parent: QWidget, title: str, suggested: str, kinds: str) -> Path | None:
    """Ask where to save (tests replace this)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name, _filter = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / suggested), kinds)
    return Path(name) if name else None


def ask_print(parent: QWidget, printer: QPrinter, pages: int) -> bool:
    """The platform's print dialog, where the person can also choose which of the `pages` to print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print the report"))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setMinMax(1, pages)
    return dialog.exec() == QDialog.DialogCode.Accepted


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReportsPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._told_not_encrypted = False
        self._loading = False
        self._loaded_for: DateRange | None = None
        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(Heading(_("Reports")))
        layout.addWidget(
            plain_label(
                _(
                    "Make a statement for your council or NHS team, a review pack for your review meeting, or a file "
                    "for a spreadsheet."
                )
            )
        )
        form = Form()
        self.report = QComboBox()
        for key, label in REPORTS.items():
            self.report.addItem(_(label), key)
        form.row(_("&Report"), self.report)
        self.preset = QComboBox()
        for preset, label in PRESET_LABELS.items():
            self.preset.addItem(_(label), preset.value)
        self.preset.addItem(_("Dates I choose"), CUSTOM)
        form.row(_("&Dates"), self.preset)
        today = ctx.today()
        self.start = date_edit(_("From"), today)
        self.end = date_edit(_("To"), today)
        form.row(_("Fro&m"), self.start, ("from", "start_date"))
        form.row(_("&To"), self.end, ("to", "end_date"))
        self.large_print = QCheckBox(_("&Large print (bigger text, more space)"))
        self.no_payments = QCheckBox(_("Lea&ve out the full list of payments"))
        options = QWidget()
        options_row = QVBoxLayout(options)
        options_row.setContentsMargins(0, 0, 0, 0)
        options_row.addWidget(self.large_print)
        options_row.addWidget(self.no_payments)
        form.row(_("Options"), options)
        self.form = form
        layout.addLayout(form.layout)

        self.explanation_box = ExplanationBox()
        self.explanation_hint = self.explanation_box.hint
        self.explanation = self.explanation_box.edit
        self.save_explanation_button = self.explanation_box.save_button
        layout.addWidget(self.explanation_box)
        self.answers_box = AnswersBox()
        self.answers = self.answers_box.answers
        self.save_answers_button = self.answers_box.save_button
        layout.addWidget(self.answers_box)

        buttons = QHBoxLayout()
        self.preview_button = QPushButton(_("&Show preview"))
        self.save_pdf_button = QPushButton(_("Save as &PDF…"))
        self.print_button = QPushButton(_("Pr&int… (Ctrl+P)"))
        self.save_csv_button = QPushButton(_("Save &CSV file…"))
        print_action = QAction(self)
        print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        print_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # only while Reports is shown
        print_action.triggered.connect(lambda _checked=False: self.print_button.click())
        self.addAction(print_action)
        # Two rows, so the buttons fit the default window at 200 % text (in Welsh too) without scrolling sideways.
        for button in (self.preview_button, self.save_pdf_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        more_buttons = QHBoxLayout()
        more_buttons.addWidget(self.save_csv_button)
        self.save_html_button = accessible.add_button(self, more_buttons)
        more_buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addLayout(more_buttons)
        self.status = plain_label()
        self.status.setAccessibleDescription(_("Where the file was saved"))
        layout.addWidget(self.status)
        # The preview: the pages of the PDF, exactly as "Save as PDF" would write them. The plain version (same
        # figures, simpler layout) is shown only if the pages cannot be drawn, and for the CSV files.
        self.preview_note = plain_label()
        self.preview_note.hide()
        layout.addWidget(self.preview_note)
        self.preview = PdfView(_("Preview of the report"))
        self.preview.hide()
        layout.addWidget(self.preview, 1)
        self.plain_preview = QTextBrowser()
        self.plain_preview.setAccessibleName(_("Plain version of the report"))
        self.plain_preview.setMinimumHeight(self.fontMetrics().height() * 25)
        self.plain_preview.setOpenLinks(False)
        self.plain_preview.hide()
        layout.addWidget(self.plain_preview)
        accessible.describe_preview(self.preview)

        self.report.currentIndexChanged.connect(self._update_controls)
        # A preview shown for other choices would be out of date: it goes as soon as any choice changes.
        for signal in (
            self.report.currentIndexChanged,
            self.start.dateChanged,
            self.end.dateChanged,
            self.large_print.toggled,
            self.no_payments.toggled,
        ):
            signal.connect(lambda *_args: self._preview_out_of_date())
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.start.dateChanged.connect(self._dates_edited)
        self.end.dateChanged.connect(self._dates_edited)
        self.save_explanation_button.clicked.connect(self.save_explanation)
        self.save_answers_button.clicked.connect(self.save_answers)
        self.preview_button.clicked.connect(self.show_preview)
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_report)
        self.save_csv_button.clicked.connect(self.save_csv)
        self._update_controls()

    # -- choosing -----------------------------------------------------------------------------------------------

    def kind(self) -> str:
        return str(self.report.currentData())

    def choose_report(self, kind: str) -> None:
        self.report.setCurrentIndex(self.report.findData(kind))

    def choose_preset(self, preset: str) -> None:
        self.preset.setCurrentIndex(self.preset.findData(preset))

    def set_dates(self, start: dt.date, end: dt.date) -> None:
        """Choose the dates (as if typed), which switches the preset to "Dates I choose"."""
        self.start.setDate(_qdate(start))
        self.end.setDate(_qdate(end))

    def dates(self) -> DateRange:
        return DateRange(date_of(self.start), date_of(self.end))

    def _update_controls(self) -> None:
        kind = self.kind()
        is_pdf = kind in PDF_KINDS
        self.save_pdf_button.setEnabled(is_pdf)
        self.print_button.setEnabled(is_pdf)
        self.large_print.setEnabled(is_pdf)
        self.save_csv_button.setEnabled(not is_pdf)
        self.no_payments.setEnabled(kind == REVIEW_PACK)

    def _apply_preset(self) -> None:
        preset = str(self.preset.currentData())
        if preset == CUSTOM or self.ctx.store is None:
            return
        found = self.ctx.read(lambda s: resolve(s, preset, self.ctx.today()), None)
        if found is None:
            return
        self._loading = True
        try:
            self.start.setDate(_qdate(found.start))
            self.end.setDate(_qdate(found.end))
        finally:
            self._loading = False
        self._load_explanation()

    def _dates_edited(self) -> None:
        if self._loading:
            return
        if self.preset.currentData() != CUSTOM:
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(self.preset.findData(CUSTOM))
            self.preset.blockSignals(False)
        self._load_explanation()

    # -- the person's own words ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.ctx.store is None:
            self.explanation.clear()
            for edit in self.answers.values():
                edit.clear()
            self.preview.clear()
            self.preview.hide()
            self.plain_preview.clear()
            self.plain_preview.hide()
            self.preview_note.hide()
            self.status.clear()
            self._loaded_for = None
            return
        if self._loaded_for is None:
            self._apply_preset()
        self._load_explanation()
        saved = self.ctx.read(review_answers.answers, {})
        for question, edit in self.answers.items():
            if not edit.document().isModified():
                edit.setPlainText(saved.get(question, ""))
                edit.document().setModified(False)

    def _load_explanation(self) -> None:
        dates = self.dates()
        if self.explanation.document().isModified() and dates == self._loaded_for:
            return
        text = self.ctx.read(lambda s: explanations.text_for(s, dates.start, dates.end), "")
        self.explanation.setPlainText(text)
        self.explanation.document().setModified(False)
        self._loaded_for = dates

    def save_explanation(self) -> bool:
        dates = self.dates()
        if not ops.save_explanation(self.ctx, dates.start, dates.end, self.explanation.toPlainText(), self.form):
            return False
        self.explanation.document().setModified(False)
        return True

    def save_answers(self) -> bool:
        typed = {q: edit.toPlainText() for q, edit in self.answers.items()}
        if not ops.save_review_answers(self.ctx, typed):
            return False
        for edit in self.answers.values():
            edit.document().setModified(False)
        return True

    def _save_typed_words(self) -> bool:
        """Save words typed but not saved yet, so the document shows them."""
        if self.explanation.document().isModified() and not self.save_explanation():
            return False
        if any(e.document().isModified() for e in self.answers.values()):
            return self.save_answers()
        return True

    # -- making documents ---------------------------------------------------------------------------------------

    def _checked_dates(self) -> DateRange | None:
        dates = self.dates()
        if dates.end < dates.start:
            messages.error(_("The 'To' date is before the 'From' date. Please swap them."))
            return None
        return dates

    def _pdf_bytes(self) -> bytes | None:
        dates = self._checked_dates()
        if dates is None or self.ctx.store is None:
            return None
        try:
            return documents.pdf_bytes(
                self.ctx.store,
                self.kind(),
                dates.start,
                dates.end,
                self.ctx.today(),
                self.large_print.isChecked(),
                not self.no_payments.isChecked(),
            )
        except IpbError as exc:
            messages.report(exc)
            return None

    def _preview_html(self) -> str | None:
        dates = self._checked_dates()
        if dates is None:
            return None
        from ipb_desktop.ui.reports.preview import review_pack_html, statement_html  # imports reportlab too

        today = self.ctx.today()
        if self.kind() == REVIEW_PACK:
            pack = self.ctx.read(lambda s: review_pack_data(s, dates.start, dates.end, today), None)
            return review_pack_html(pack, not self.no_payments.isChecked()) if pack is not None else None
        data = self.ctx.read(lambda s: statement_data(s, dates.start, dates.end, today), None)
        return statement_html(data) if data is not None else None

    def show_preview(self) -> None:
        if not self._save_typed_words():
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.kind() in PDF_KINDS:
                content = self._pdf_bytes()
                if content is None:
                    return
                try:
                    self.preview.show()
                    self._layout.activate()  # the pages are sized to the preview's width, so lay it out first
                    self.preview.show_pdf(content)
                except PdfNotReadable:
                    self._show_plain(
                        _(
                            "The pages could not be drawn here, so this is a plain version with the same figures. "
                            "Save the report as a PDF to see its pages."
                        )
                    )
                    return
                self.plain_preview.hide()
                self.preview_note.hide()
                self._bring_into_view(self.preview.scroller)
            else:
                self._show_plain(_("A plain version of the figures. The CSV file has the same numbers."))
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _preview_out_of_date(self) -> None:
        if not (self.preview.isVisible() or self.plain_preview.isVisible()):
            return
        self.preview.clear()
        self.preview.hide()
        self.plain_preview.clear()
        self.plain_preview.hide()
        self.preview_note.setText(_("You changed what to show. Choose Show preview to see the report again."))
        self.preview_note.show()

    def _show_plain(self, note: str) -> None:
        """The stand-in preview: simple HTML of the same figures, with a line saying why."""
        self.preview.clear()
        self.preview.hide()
        html = self._preview_html()
        if html is None:
            return
        self.preview_note.setText(note)
        self.preview_note.show()
        self.plain_preview.setHtml(html)
        self.plain_preview.show()
        self._bring_into_view(self.plain_preview)

    def _bring_into_view(self, preview: QWidget) -> None:
        """Scroll the page down to the preview and put the keyboard there, so the arrow keys move through it."""
        preview.setFocus(Qt.FocusReason.OtherFocusReason)
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            shown = self.preview if self.preview.isVisible() else self.plain_preview

            def scroll() -> None:
                # Once the window has made room for the preview that has just appeared.
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
                parent.ensureWidgetVisible(shown, 0, 0)

            QTimer.singleShot(0, self, scroll)

    def _suggested_name(self, extension: str) -> str:
        dates = self.dates()
        stem = {STATEMENT: "statement", REVIEW_PACK: "review-pack", EVIDENCE_PACK: "evidence-pack"}.get(
            self.kind(), {CSV_PAYMENTS: "payments", CSV_SUMMARY: "summary"}.get(self.kind(), "report")
        )
        return f"{stem}-{dates.start.isoformat()}-to-{dates.end.isoformat()}.{extension}"

    def _destination(self, title: str, extension: str, kinds: str) -> Path | None:
        chosen = choose_save_path(self, title, self._suggested_name(extension), kinds)
        if chosen is None:
            return None
        if not chosen.suffix:
            chosen = chosen.with_suffix("." + extension)
        try:
            store_path = getattr(self.ctx.store, "path", None)
            return output.check_destination(chosen, store_path)
        except IpbError as exc:
            messages.report(exc)
            return None

    def _tell_saved(self, path: Path) -> None:
        # The evidence pack holds copies of receipts and bank statements: said every time it is saved.
        if self._told_not_encrypted and self.kind() != EVIDENCE_PACK:
            text = _("Saved to {path}.").format(path=path)
        else:
            text = output.not_encrypted_note(path)
            self._told_not_encrypted = True
        self.status.setText(text)
        messages.info(text)

    def save_pdf(self) -> Path | None:
        if self.kind() not in PDF_KINDS or not self._save_typed_words():
            return None
        target = self._destination(_("Save the report as a PDF"), "pdf", _("PDF documents (*.pdf)"))
        if target is None:
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            content = self._pdf_bytes()
            if content is None:
                return None
            output.write_file(target, lambda handle: handle.write(content))
        except OSError as exc:
            messages.error(_("The file could not be saved there: {reason}").format(reason=exc.strerror or exc))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._tell_saved(target)
        return target

    def save_csv(self) -> Path | None:
        dates = self._checked_dates()
        if dates is None or self.ctx.store is None or self.kind() not in (CSV_PAYMENTS, CSV_SUMMARY):
            return None
        target = self._destination(_("Save as a CSV file"), "csv", _("CSV files (*.csv)"))
        if target is None:
            return None
        try:
            if self.kind() == CSV_SUMMARY:
                csv_export.export_summary(self.ctx.store, target, dates.start, dates.end, self.ctx.today())
            else:
                csv_export.export_transactions(self.ctx.store, target, dates.start, dates.end)
        except IpbError as exc:
            messages.report(exc)
            return None
        except OSError as exc:
            messages.error(_("The file could not be saved there: {reason}").format(reason=exc.strerror or exc))
            return None
        self._tell_saved(target)
        return target

    def print_report(self) -> bool:
        """Print the report's own pages (the same PDF "Save as PDF" writes), after the platform's print dialog."""
        if self.kind() not in PDF_KINDS or not self._save_typed_words():
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            content = self._pdf_bytes()
        finally:
            QGuiApplication.restoreOverrideCursor()
        if content is None:
            return False
        try:
            pages = page_count(content)
        except PdfNotReadable:
            pages = 0
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(self._suggested_name("pdf"))
        if not ask_print(self, printer, max(1, pages)):
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed = print_pdf(content, printer) if pages else self._print_plain(printer)
        except PdfNotReadable:
            printed = self._print_plain(printer)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not printed:
            messages.error(_("The report could not be sent to the printer. Check the printer is on and try again."))
        return printed

    def _print_plain(self, printer: QPrinter) -> bool:
        """Only if the PDF's pages cannot be drawn: print the plain version, which has the same figures."""
        html = self._preview_html()
        if html is None:
            return False
        text = QTextDocument()
        text.setHtml(html)
        text.print_(printer)
        return True
