"""The budget holder's details as a form, used in Settings and in the first-run set-up."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ipb_desktop import holder, validate
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.ui.operations import setup as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.widgets.forms import Form


class HolderForm(QWidget):
    """Name, preferred name, references, planner and review date. Examples are placeholders, never filled in."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = Form()
        column = QVBoxLayout(self)
        column.addLayout(self.form.layout)
        column.setContentsMargins(0, 0, 0, 0)
        self.name = self._line(_("&Your name"), _("for example: Alys Testwood"), "name")
        self.preferred = self._line(_("What you like to be &called"), _("for example: Alys"), "preferred_name")
        self.nhs = self._line(_("&NHS number (if you want)"), _("10 digits, for example 943 476 5919"), "nhs_number")
        self.council = self._line(_("Council &reference (if you have one)"), "", "council_reference")
        self.coordinator = self._line(_("Care c&oordinator"), _("for example: Dr Jo Example"), "care_coordinator")
        self.planner = self._line(_("&Peer support planner"), _("for example: Sam Example"), "peer_support_planner")
        self.review = self._line(
            _("Next review &date"), _("day/month/year, for example 01/03/2027"), "next_review_date"
        )

    def _line(self, label: str, placeholder: str, field: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        self.form.row(label, edit, (field,))
        return edit

    def load(self) -> None:
        found = ops.holder_details(self.ctx)
        values = [
            found.name if found else "",
            (found.preferred_name or "") if found else "",
            (found.nhs_number or "") if found else "",
            (found.council_reference or "") if found else "",
            (found.care_coordinator or "") if found else "",
            (found.peer_support_planner or "") if found else "",
            found.next_review_date.strftime("%d/%m/%Y") if found and found.next_review_date else "",
        ]
        for edit, value in zip(self.edits(), values, strict=True):
            edit.setText(value)
        self.form.clear_problems()

    def edits(self) -> list[QLineEdit]:
        return [self.name, self.preferred, self.nhs, self.council, self.coordinator, self.planner, self.review]

    def clear(self) -> None:
        for edit in self.edits():
            edit.clear()

    def save(self) -> bool:
        texts = [e.text() for e in self.edits()]

        def details() -> holder.HolderDetails:
            review: dt.date | None = None
            if texts[6].strip():
                review = validate.parse_date(texts[6], "next_review_date")
            return holder.HolderDetails(
                texts[0],
                texts[1] or None,
                texts[2] or None,
                texts[3] or None,
                texts[4] or None,
                texts[5] or None,
                review,
            )

        return ops.save_holder(self.ctx, details, self.form) is not None


__all__ = ["HolderForm", "InvalidInput"]
