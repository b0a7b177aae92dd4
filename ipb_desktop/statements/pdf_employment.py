"""Employing personal assistants on paper: the statement's and review pack's section "Employing personal
assistants" (hours, pay, employer costs, HMRC and pension paid and owed, holiday, checks and what is coming up),
and a printable timesheet for one PA with lines for the employee and the employer to sign.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph
from reportlab.platypus.flowables import Flowable
from sqlalchemy.orm import Session

from ipb_desktop import formatting, holder
from ipb_desktop.employment import owed
from ipb_desktop.employment.employees import get_employee
from ipb_desktop.employment.hours import hours_plain
from ipb_desktop.employment.kinds import ShiftKind, label
from ipb_desktop.employment.report import EmploymentReport
from ipb_desktop.employment.shifts import ShiftLine, shift_lines
from ipb_desktop.i18n import _
from ipb_desktop.statements.layout import (
    FRAME_WIDTH,
    Styles,
    build,
    escape,
    key_value_table,
    para,
    signature_block,
    styles,
    table,
    titled,
)


def _money(pence: int) -> str:
    return formatting.money(pence)


def _date(day: dt.date | None) -> str:
    return formatting.date_short(day) if day is not None else "-"


def _pay_table(report: EmploymentReport, st: Styles) -> list[Flowable]:
    header = [_("PA"), _("Hours worked"), _("Gross pay"), _("Employer NI and pension"), _("Holiday left (hours)")]
    rows: list[list[Any]] = [[para(h, st.cell_right_bold if i else st.cell_bold) for i, h in enumerate(header)]]
    for line in report.employees:
        name = line.name + (" " + _("(left {date})").format(date=_date(line.end_date)) if line.end_date else "")
        rows.append(
            [
                para(name, st.cell),
                hours_plain(line.minutes_worked),
                _money(line.pay.gross_pence),
                _money(line.pay.employer_costs_pence),
                hours_plain(line.holiday.left_minutes),
            ]
        )
    t = report.totals
    rows.append(
        [_("Total"), hours_plain(report.minutes_worked), _money(t.gross_pence), _money(t.employer_costs_pence), ""]
    )
    widths = [FRAME_WIDTH - 4 * 32 * mm, 32 * mm, 32 * mm, 32 * mm, 32 * mm]
    made = table(rows, widths, st.look, total_row=True, money_from=1)
    return titled(Paragraph(escape(_("Hours and pay")), st.h2_free), made)


def _money_owed(report: EmploymentReport, st: Styles) -> list[Flowable]:
    t = report.totals
    rows = [
        (_("Net pay on payslips"), _money(t.net_pence)),
        (_("Tax and National Insurance for these payslips"), _money(t.hmrc_pence)),
        (_("Of which paid to HMRC"), _money(report.paid_to_hmrc_pence)),
        (_("Pension contributions for these payslips"), _money(t.pension_pence)),
        (_("Of which paid to the pension provider"), _money(report.paid_to_pension_pence)),
    ]
    story: list[Flowable] = [Paragraph(escape(_("Paid and owed")), st.h2_free), key_value_table(rows, st, 90 * mm)]
    if report.owed:
        owing = [
            (_("{who}: {what}").format(who=item.who, what=_(owed.WHAT_LABELS[item.what])), _money(item.amount_pence))
            for item in report.owed
        ]
        story.append(
            para(
                _("Still owed on {date} (not yet matched to a payment from the account):").format(
                    date=formatting.date_long(report.day)
                ),
                st.body,
            )
        )
        story.append(key_value_table(owing, st, 90 * mm))
    else:
        story.append(para(_("Nothing was owed on {date}.").format(date=formatting.date_long(report.day)), st.body))
    return [KeepTogether(story)]


def _checks_table(report: EmploymentReport, st: Styles) -> list[Flowable]:
    heading = Paragraph(escape(_("Employer checks")), st.h2_free)
    if not report.checks:
        return [KeepTogether([heading, para(_("No employer checks are recorded yet."), st.body)])]
    header = [_("Check"), _("For"), _("Done"), _("Next due"), _("Reference"), _("Certificate kept")]
    rows: list[list[Any]] = [[para(h, st.cell_bold) for h in header]]
    for check in report.checks:
        rows.append(
            [
                para(label(check.kind), st.cell),
                para(check.name or _("Employer"), st.cell),
                _date(check.done_on),
                _date(check.due_on),
                para(check.reference, st.cell),
                _("yes") if check.has_document else _("no"),
            ]
        )
    widths = [45 * mm, 32 * mm, 22 * mm, 22 * mm, FRAME_WIDTH - 141 * mm, 20 * mm]
    return titled(heading, table(rows, widths, st.look))


def _coming_up(report: EmploymentReport, st: Styles) -> list[Flowable]:
    if not report.reminders:
        return []
    rows = [
        (_date(r.due_on) + (" " + _("(overdue)") if r.overdue(report.day) else ""), r.text) for r in report.reminders
    ]
    return [KeepTogether([Paragraph(escape(_("Coming up")), st.h2_free), key_value_table(rows, st, 40 * mm)])]


def employment_section(report: EmploymentReport | None, st: Styles) -> list[Flowable]:
    """The section "Employing personal assistants"; nothing at all when no PA is employed."""
    if report is None or not report.employees:
        return []
    intro = para(
        _(
            "Hours come from the timesheets; pay from the payslips paid in these dates, as the payroll service "
            "reported them. Employer costs are the employer's National Insurance and pension contributions."
        ),
        st.note,
    )
    heading = Paragraph(escape(_("Employing personal assistants")), st.h1_free)
    story: list[Flowable] = [CondPageBreak(80 * mm), heading, intro]
    story += _pay_table(report, st)
    story += _money_owed(report, st)
    story += _checks_table(report, st)
    story += _coming_up(report, st)
    return story


@dataclass(frozen=True)
class TimesheetData:
    employee_name: str
    role: str
    employer_name: str
    start: dt.date
    end: dt.date
    shifts: list[ShiftLine]
    generated_on: dt.date


def timesheet_data(session: Session, employee_id: int, start: dt.date, end: dt.date, today: dt.date) -> TimesheetData:
    employee = get_employee(session, employee_id)
    found = holder.get_holder(session)
    return TimesheetData(
        employee.name,
        employee.role,
        found.name if found is not None else "",
        start,
        end,
        shift_lines(session, start, end, employee_id),
        today,
    )


def write_timesheet(sheet: TimesheetData, out: Path | BinaryIO, large_print: bool = False) -> None:
    """A timesheet for one PA and some dates, with lines for the employee and the employer to sign."""
    st = styles(large_print)
    dates = _("{start} to {end}").format(start=formatting.date_long(sheet.start), end=formatting.date_long(sheet.end))
    title = _("Timesheet")
    about = [(_("Personal assistant"), sheet.employee_name)]
    if sheet.role:
        about.append((_("Role"), sheet.role))
    about += [(_("Employer"), sheet.employer_name or "-"), (_("Dates"), dates)]
    story: list[Flowable] = [Paragraph(escape(title), st.title), key_value_table(about, st)]
    header = [_("Date"), _("Start"), _("End"), _("Hours"), _("What"), _("Notes")]
    rows: list[list[Any]] = [[para(h, st.cell_bold) for h in header]]
    worked = holiday = 0
    for s in sheet.shifts:
        if s.kind == ShiftKind.HOLIDAY:
            holiday += s.minutes
        else:
            worked += s.minutes
        day = formatting.date_short(s.work_date)
        rows.append(
            [day, s.start_time or "", s.end_time or "", hours_plain(s.minutes), label(s.kind), para(s.notes, st.cell)]
        )
    if not sheet.shifts:
        rows.append([para(_("No shifts recorded for these dates."), st.cell), "", "", "", "", ""])
    rows.append([_("Hours worked"), "", "", hours_plain(worked), "", ""])
    if holiday:
        rows.append([_("Holiday taken"), "", "", hours_plain(holiday), "", ""])
    widths = [28 * mm, 18 * mm, 18 * mm, 18 * mm, 22 * mm, FRAME_WIDTH - 104 * mm]
    story += titled(Paragraph(escape(_("Shifts")), st.h2_free), table(rows, widths, st.look, total_row=True))
    story.append(para(_("We agree that these are the hours worked and the holiday taken in these dates."), st.body))
    story.append(
        signature_block(
            st, [(_("Name"), sheet.employee_name), (_("Signature"), ""), (_("Date"), "")], _("Personal assistant")
        )
    )
    story.append(
        signature_block(st, [(_("Name"), sheet.employer_name), (_("Signature"), ""), (_("Date"), "")], _("Employer"))
    )
    build(
        out,
        story,
        title=title,
        author=sheet.employer_name,
        footer_left=_("Timesheet for {name}, {dates}").format(name=sheet.employee_name, dates=dates),
        generated_on=sheet.generated_on,
        large_print=large_print,
    )
