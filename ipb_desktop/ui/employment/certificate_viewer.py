"""The insurance certificate shown inside the app, drawn from the bytes in memory: no unencrypted file is written
unless the person asks for a copy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ipb_desktop.i18n import _
from ipb_desktop.ui.widgets.forms import plain_label
from ipb_desktop.ui.widgets.pdf_pages import PdfNotReadable
from ipb_desktop.ui.widgets.pdf_view import PdfView


class CertificateDialog(QDialog):
    """One certificate (PDF pages or a photo), with a button to save a copy to open elsewhere."""

    def __init__(self, name: str, content: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Certificate: {name}").format(name=name))
        self.resize(640, 600)
        self.pages = PdfView(_("Certificate pages"))
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName(_("Certificate picture"))
        self.picture_area = QScrollArea()
        self.picture_area.setWidget(self.picture)
        self.picture_area.setWidgetResizable(True)
        self.note = plain_label()
        self.save_copy_button = QPushButton(_("&Save a copy…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.picture_area, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.save_copy_button)
        layout.addWidget(buttons)
        self.picture_area.hide()
        if content.startswith(b"%PDF"):
            try:
                self.pages.show_pdf(content)
                self.note.setText(_("Showing {name}.").format(name=name))
                return
            except PdfNotReadable:
                pass
        else:
            pixmap = QPixmap()
            if pixmap.loadFromData(content):
                self.pages.hide()
                self.picture_area.show()
                self.picture.setPixmap(pixmap)
                self.picture.setAccessibleDescription(name)
                self.note.setText(_("Showing {name}.").format(name=name))
                return
        self.pages.hide()
        self.note.setText(_("This certificate cannot be shown here. You can save a copy and open it elsewhere."))
