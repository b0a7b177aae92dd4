"""The lists people choose from when logging or filtering payments (plan lines, categories, streams, outcomes),
read in one go, and small helpers shared by the spending forms: combos, dates, amounts, announcements."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QLineEdit, QWidget

from ipb_desktop.i18n import N_, _

# The lists themselves are read by the service; the forms import them from here with the widgets that show them.
from ipb_desktop.ledger_choices import Choice as Choice
from ipb_desktop.ledger_choices import Choices as Choices
from ipb_desktop.ledger_choices import read_choices as read_choices
from ipb_desktop.models.enums import Direction, PaymentMethod
from ipb_desktop.ui.widgets.dates import DateField

PAYMENT_METHODS: list[tuple[str, str]] = [
    (PaymentMethod.BANK_TRANSFER, N_("Bank transfer")),
    (PaymentMethod.CARD, N_("Card")),
    (PaymentMethod.DIRECT_DEBIT, N_("Direct debit")),
    (PaymentMethod.STANDING_ORDER, N_("Standing order")),
    (PaymentMethod.CASH, N_("Cash")),
    (PaymentMethod.CHEQUE, N_("Cheque")),
    (PaymentMethod.OTHER, N_("Other")),
]


# -- widgets ----------------------------------------------------------------------------------------------------


def fill_combo(combo: QComboBox, items: list[Choice], none_text: str | None) -> None:
    """Replace a combo's items, keeping the chosen id when it is still there."""
    keep = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if none_text is not None:
        combo.addItem(none_text, None)
    for item_id, text in items:
        combo.addItem(text, item_id)
    found = combo.findData(keep) if keep is not None else -1
    combo.setCurrentIndex(found if found >= 0 else 0)
    combo.blockSignals(False)


def choose(combo: QComboBox, value: object) -> None:
    """Select the item whose data is `value` (the first item when it is not there)."""
    found = combo.findData(value)
    combo.setCurrentIndex(found if found >= 0 else 0)


def direction_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("Money out"), Direction.OUT)
    combo.addItem(_("Money in"), Direction.IN)
    combo.setAccessibleName(name)
    return combo


def date_edit(name: str, day: dt.date) -> QDateEdit:
    edit = DateField()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMinimumDate(QDate(1990, 1, 1))
    edit.setMaximumDate(QDate(2100, 12, 31))
    edit.setDate(QDate(day.year, day.month, day.day))
    edit.setAccessibleName(name)
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


def set_date(edit: QDateEdit, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def completing_line_edit(name: str, words: list[str] | None = None) -> QLineEdit:
    """A text field that suggests what was typed before, the most used first, matching anywhere in the text."""
    edit = QLineEdit()
    edit.setAccessibleName(name)
    completer = QCompleter(QStringListModel(words or []), edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setModelSorting(QCompleter.ModelSorting.UnsortedModel)
    completer.setMaxVisibleItems(10)
    edit.setCompleter(completer)
    return edit


def set_suggestions(edit: QLineEdit, words: list[str]) -> None:
    completer = edit.completer()
    if completer is not None:
        model = completer.model()
        if isinstance(model, QStringListModel):
            model.setStringList(words)


def announce(widget: QWidget, text: str) -> None:
    """Ask screen readers to say `text` now (a status that appeared without the focus moving)."""
    if text and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))
