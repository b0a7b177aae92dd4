"""Qt's own words (OK, Cancel, Yes, No, Back, Next ...) in the app's language.

Qt ships no Welsh translation of its standard buttons, so in Welsh a "Delete this?" box would still say Yes and
No. This translator answers Qt's requests for those words from our own catalogue (marked here for extraction).
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from ipb_desktop import i18n
from ipb_desktop.i18n import N_, _

_BUTTONS = {
    "OK": N_("OK"),
    "Save": N_("Save"),
    "Open": N_("Open"),
    "&Yes": N_("&Yes"),
    "&No": N_("&No"),
    "Abort": N_("Abort"),
    "Retry": N_("Retry"),
    "Ignore": N_("Ignore"),
    "Close": N_("Close"),
    "Cancel": N_("Cancel"),
    "Discard": N_("Discard"),
    "Help": N_("Help"),
    "Apply": N_("Apply"),
    "Reset": N_("Reset"),
    "Restore Defaults": N_("Restore Defaults"),
}
_WIZARD = {
    "< &Back": N_("< &Back"),
    "&Next": N_("&Next"),
    "&Next >": N_("&Next >"),
    "&Finish": N_("&Finish"),
    "Cancel": N_("Cancel"),
    "&Help": N_("&Help"),
    "Go Back": N_("Go Back"),
    "Continue": N_("Continue"),
    "Commit": N_("Commit"),
    "Done": N_("Done"),
    "Help": N_("Help"),
}
_EDITING = {
    "&Undo": N_("&Undo"),
    "&Redo": N_("&Redo"),
    "Cu&t": N_("Cu&t"),
    "&Copy": N_("&Copy"),
    "&Paste": N_("&Paste"),
    "Delete": N_("Delete"),
    "Select All": N_("Select All"),
}
QT_WORDS: dict[str, dict[str, str]] = {
    "QPlatformTheme": _BUTTONS,
    "QDialogButtonBox": _BUTTONS,
    "QMessageBox": _BUTTONS,
    "QWizard": _WIZARD,
    "QLineEdit": _EDITING,
    "QWidgetTextControl": _EDITING,
}


class QtWords(QTranslator):
    """Installed once on the application; follows `i18n.current_locale()` as it changes."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None reaches Qt as a null string, which means "not mine": Qt then asks the next translator or keeps its
        # own English. An empty string would blank the button.
        if i18n.current_locale() == i18n.DEFAULT_LOCALE:
            return None
        words = QT_WORDS.get(context, {}).get(source)
        return _(words) if words is not None else None

    def isEmpty(self) -> bool:
        return False
