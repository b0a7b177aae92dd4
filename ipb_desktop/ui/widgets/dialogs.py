"""The base for every editing dialog: a form, Save and Cancel, and a plain "are you sure" that tests can answer.

Dialogs are opened with `open()` (window-modal, not blocking), so the app keeps running and Lock can close them.
Saving goes through a named operation given `form=self.form`: a refused save leaves the dialog open with the
problem under its field.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QVBoxLayout, QWidget

from ipb_desktop.i18n import _
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.widgets.forms import Form, plain_label


class FormDialog(QDialog):
    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None, intro: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.column = QVBoxLayout(self)
        if intro:
            self.column.addWidget(plain_label(intro))
        self.form = Form()
        self.column.addLayout(self.form.layout)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("&Save"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Cancel"))
        self.buttons.accepted.connect(self._save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.column.addWidget(self.buttons)

    def _save_clicked(self) -> None:
        if self.save():
            self.accept()

    def save(self) -> bool:
        """Write through `ctx.perform`; True when it was saved."""
        raise NotImplementedError


def confirm(parent: QWidget, question: str, yes_text: str) -> bool:
    """Ask once before something is deleted (it can still be undone). Tests replace this function."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Please confirm"), question, parent=parent)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Keep it"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes
