"""Text size and language for the whole app, taken from the open store's settings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLocale
from PySide6.QtGui import QColor, QFont, QPalette
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
    changed = language != i18n.current_locale()
    if changed:
        i18n.set_locale(language)
    QLocale.setDefault(qt_locale(language))
    app = QApplication.instance()
    if _qt_words is None and app is not None:
        _qt_words = QtWords(app)
        app.installTranslator(_qt_words)  # Qt sends LanguageChange itself
    elif changed and app is not None:
        # Every window hears of it: Qt's own widgets (standard buttons) retranslate, and so does the main window.
        QCoreApplication.postEvent(app, QEvent(QEvent.Type.LanguageChange))


# -- contrast (WCAG 2.2 AA: 4.5:1 for text, 3:1 for borders, focus marks and bars) ------------------------------

TEXT_RATIO = 4.5
SHAPE_RATIO = 3.0


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of an opaque colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def flatten(colour: QColor, under: QColor) -> QColor:
    """A see-through colour as it looks over `under` (placeholders are drawn half transparent)."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * alpha + under.redF() * (1 - alpha),
        colour.greenF() * alpha + under.greenF() * (1 - alpha),
        colour.blueF() * alpha + under.blueF() * (1 - alpha),
    )


def toward(colour: QColor, target: QColor, against: list[QColor], ratio: float) -> QColor:
    """`colour` moved step by step toward `target` until it stands out `ratio`:1 from every colour in `against`."""
    current = QColor(colour)
    for step in range(0, 101, 2):
        t = step / 100
        current = QColor.fromRgbF(
            colour.redF() + (target.redF() - colour.redF()) * t,
            colour.greenF() + (target.greenF() - colour.greenF()) * t,
            colour.blueF() + (target.blueF() - colour.blueF()) * t,
        )
        if all(contrast(current, other) >= ratio for other in against):
            return current
    return current


def _is_dark(colour: QColor) -> bool:
    return luminance(colour) < 0.18


def accessible_palette(palette: QPalette) -> QPalette:
    """The same palette with every pair we draw text or shapes with brought up to WCAG AA, light or dark."""
    result = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        base = palette.color(group, QPalette.ColorRole.Base)
        window = palette.color(group, QPalette.ColorRole.Window)
        text = palette.color(group, QPalette.ColorRole.Text)
        far = QColor("white") if _is_dark(base) else QColor("black")
        # Selection (selected page, selected row) and bar fill: text on it >= 4.5:1, it against the field >= 3:1.
        highlight = toward(
            palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight), far, [base, window], SHAPE_RATIO
        )
        white, black = QColor("white"), QColor("black")
        on_highlight = white if contrast(highlight, white) >= contrast(highlight, black) else black
        highlight = toward(highlight, black if on_highlight == white else white, [on_highlight], TEXT_RATIO)
        result.setColor(group, QPalette.ColorRole.Highlight, highlight)
        result.setColor(group, QPalette.ColorRole.HighlightedText, on_highlight)
        # Placeholders: an example in a field must still be readable.
        placeholder = flatten(palette.color(group, QPalette.ColorRole.PlaceholderText), base)
        result.setColor(group, QPalette.ColorRole.PlaceholderText, toward(placeholder, text, [base], TEXT_RATIO))
        # Borders of fields and frames (Fusion draws them from these roles).
        border = toward(palette.color(group, QPalette.ColorRole.Mid), far, [base, window], SHAPE_RATIO)
        result.setColor(group, QPalette.ColorRole.Mid, border)
        result.setColor(group, QPalette.ColorRole.Dark, border)
        result.setColor(group, QPalette.ColorRole.Shadow, border)
    return result


def border_colour(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Mid)
