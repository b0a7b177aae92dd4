"""Text size and language for the whole app, taken from the open store's settings."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ipb_desktop import i18n
from ipb_desktop.ui.shell.qt_words import QtWords

_base_point_size: float | None = None
_current_percent = 100


def base_point_size() -> float:
    global _base_point_size
    if _base_point_size is None:
        size = QApplication.font().pointSizeF()
        _base_point_size = size if size > 0 else 10.0
    return _base_point_size


def apply_text_scale(percent: int) -> None:
    """Scale every piece of text in the app (layouts grow with it, so nothing is clipped)."""
    global _current_percent
    if percent == _current_percent and _base_point_size is not None:
        return
    base = base_point_size()
    _current_percent = percent
    font = QFont(QApplication.font())
    font.setPointSizeF(base * percent / 100)
    QApplication.setFont(font)
    for widget in QApplication.allWidgets():
        # Widgets with a font of their own (headings) scale from the new app font too.
        rescale = getattr(widget, "rescale_font", None)
        if callable(rescale):
            rescale()


def text_scale() -> int:
    return _current_percent


def qt_locale(language: str) -> QLocale:
    if language == "cy":
        return QLocale(QLocale.Language.Welsh, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


_qt_words: QtWords | None = None


def apply_language(language: str) -> None:
    """Our words (gettext), Qt's own buttons (QtWords) and Qt's dates and numbers (QLocale) in one language."""
    global _qt_words
    if language != i18n.current_locale():
        i18n.set_locale(language)
    QLocale.setDefault(qt_locale(language))
    app = QApplication.instance()
    if _qt_words is None and app is not None:
        _qt_words = QtWords(app)
        app.installTranslator(_qt_words)
