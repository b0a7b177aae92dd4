"""Change a PA: their details, their last day (when they leave) and a new hourly rate from a date.

A rate under the National Minimum or Living Wage for its dates is said plainly as it is typed, and again when it
is saved; it is never refused (the age band may be wrong, or the payroll service may know better). The change is
one undo step through `ipb_desktop.ui.operations.employment.change_employee`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QWidget

from ipb_desktop.employment import employees
from ipb_desktop.employment.hours import MAX_WEEK_MINUTES, hours_plain, parse_minutes
from ipb_desktop.employment.kinds import HoursKind
from ipb_desktop.errors import InvalidInput
from ipb_desktop.formatting import money
from ipb_desktop.i18n import _
from ipb_desktop.money import parse_pence
from ipb_desktop.ui.employment.dialogs import _line
from ipb_desktop.ui.operations import employment as ops
from ipb_desktop.ui.operations.context import AppContext
from ipb_desktop.ui.plan.dialogs import _day, date_edit, money_edit
from ipb_desktop.ui.widgets.dialogs import FormDialog
from ipb_desktop.ui.widgets.forms import plain_label


class EditEmployeeDialog(FormDialog):
    """The PA's details as they are now; a new hourly rate only when one is typed."""

    def __init__(self, ctx: AppContext, employee_id: int, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("Change a PA"),
            parent,
            _("Change what has changed. A new hourly rate starts on the day you give; earlier pay keeps the old rate."),
        )
        self.employee_id = employee_id
        today = ctx.today()
        found = ctx.read(
            lambda s: (
                employees.details_of(employees.get_employee(s, employee_id)),
                employees.rate_on(employees.get_employee(s, employee_id), today),
            ),
            None,
        )
        self.details = found[0] if found else employees.EmployeeDetails("", today)
        current_rate = found[1] if found else None
        self.name = _line(_("for example: Jo Example"), self.details.name)
        self.form.row(_("&Name"), self.name, ("name",))
        self.role = _line(_("for example: support worker"), self.details.role)
        self.form.row(_("&Role"), self.role, ("role",))
        self.start = date_edit(self.details.start_date)
        self.form.row(_("&First day"), self.start, ("start",))
        self.has_left = QCheckBox(_("They have &left (or will leave) on"))
        self.has_left.setAccessibleName(self.has_left.text().replace("&", ""))
        self.has_left.setChecked(self.details.end_date is not None)
        self.form.row("", self.has_left)
        self.end = date_edit(self.details.end_date or today)
        self.form.row(_("Las&t day"), self.end, ("end",))
        minutes = self.details.usual_minutes_per_week
        self.usual = _line(_("for example: 10"), hours_plain(minutes) if minutes else "")
        self.form.row(_("&Usual hours a week"), self.usual, ("usual_hours",))
        self.irregular = QCheckBox(_("Their hours &vary from week to week"))
        self.irregular.setAccessibleName(self.irregular.text().replace("&", ""))
        self.irregular.setChecked(self.details.hours_kind == HoursKind.IRREGULAR)
        self.form.row("", self.irregular)
        self.now_words = plain_label(
            _("Hourly rate now: {rate}.").format(rate=money(current_rate)) if current_rate else ""
        )
        self.column.insertWidget(self.column.count() - 1, self.now_words)
        self.rate = money_edit(_("leave empty to keep the rate"))
        self.form.row(_("New &hourly rate (£)"), self.rate, ("rate",))
        self.rate_from = date_edit(today)
        self.form.row(_("New rate fr&om"), self.rate_from, ("from",))
        self.wage_words = plain_label()
        self.wage_words.setObjectName("hint")
        self.column.insertWidget(self.column.count() - 1, self.wage_words)
        self.rate.textChanged.connect(self._check_wage)
        self.rate_from.dateChanged.connect(self._check_wage)

    def _check_wage(self) -> None:
        """Say at once when the typed rate is below the legal minimum for its dates."""
        try:
            pence = parse_pence(self.rate.text(), "rate") if self.rate.text().strip() else None
        except InvalidInput:
            pence = None
        warnings = employees.rate_warnings(self.details.age_band, _day(self.rate_from), pence) if pence else []
        self.wage_words.setText(" ".join(warnings))

    def save(self) -> bool:
        try:
            usual = parse_minutes(self.usual.text(), "usual_hours", MAX_WEEK_MINUTES) if self.usual.text() else 0
            rate_text = self.rate.text().strip()
            new_rate: tuple[dt.date, int] | None = (
                (_day(self.rate_from), parse_pence(rate_text, "rate")) if rate_text else None
            )
        except InvalidInput as exc:
            self.form.show_problems(exc.problems)
            return False
        details = replace(
            self.details,
            name=self.name.text(),
            role=self.role.text(),
            start_date=_day(self.start),
            end_date=_day(self.end) if self.has_left.isChecked() else None,
            usual_minutes_per_week=usual,
            hours_kind=HoursKind.IRREGULAR if self.irregular.isChecked() else HoursKind.REGULAR,
        )
        return ops.change_employee(self.ctx, self.employee_id, details, new_rate, form=self.form)
