"""The statement's lists as HTML, as in `pdf_payments` and `pdf_employment`: every payment through the account
month by month (with who recorded it), the missing receipts, and the section on employing personal assistants."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from ipb_desktop import formatting
from ipb_desktop import vocabulary as labels
from ipb_desktop.employment import owed
from ipb_desktop.employment.hours import hours_plain
from ipb_desktop.employment.kinds import label as check_label
from ipb_desktop.employment.report import EmploymentReport
from ipb_desktop.i18n import _, ngettext
from ipb_desktop.models.enums import Direction
from ipb_desktop.statements.data import StatementData, TransactionLine
from ipb_desktop.statements.html_doc import key_values, para, section, table
from ipb_desktop.statements.pdf_text import money, month_text, receipt_text


def recorded_by_text(txn: TransactionLine) -> str:
    """Who put the payment in the app: a bank import, the person, or a named planner."""
    if txn.imported:
        return _("Bank statement import")
    return labels.recorder(txn.recorded_by)


def _what_for(txn: TransactionLine) -> str:
    lines: list[str] = []
    many = len(txn.parts) > 1
    for part in txn.parts:
        text = " \u00b7 ".join(b for b in (part.category, part.plan_line) if b) or _("Not linked")
        if many:
            text = _("{amount}: {what}").format(amount=money(part.amount_pence), what=text)
        lines.append(text)
        if part.outcome and not many:
            lines.append(_("Outcome: {outcome}").format(outcome=part.outcome))
    return "\n".join(lines) or _("Not linked")


def transactions_section(parent: ET.Element, data: StatementData) -> None:
    part = section(parent, _("Every payment through the account in these dates"))
    listed = data.account_transactions
    if not listed:
        para(part, _("There were no payments in or out in these dates."))
        return
    para(
        part,
        ngettext(
            "{n} payment, oldest first, month by month.", "{n} payments, oldest first, month by month.", len(listed)
        ).format(n=len(listed)),
        "note",
    )
    head = [
        _("Date"),
        _("Paid to or from"),
        _("What it was for"),
        _("Money in"),
        _("Money out"),
        _("Receipt"),
        _("Bank checked"),
        _("Recorded by"),
    ]
    months: dict[tuple[int, int], list[TransactionLine]] = {}
    for txn in listed:
        months.setdefault((txn.day.year, txn.day.month), []).append(txn)
    for (year, month), txns in months.items():
        name = month_text(dt.date(year, month, 1))
        rows = []
        for txn in txns:
            is_in = txn.direction == Direction.IN
            rows.append(
                [
                    formatting.date_short(txn.day),
                    "\n".join(b for b in (txn.payee, txn.description) if b),
                    _what_for(txn),
                    money(txn.amount_pence) if is_in else "",
                    "" if is_in else money(txn.amount_pence),
                    receipt_text(txn.receipt),
                    _("Yes") if txn.reconciled else _("No"),
                    recorded_by_text(txn),
                ]
            )
        rows.append(
            [
                _("Total for {month}").format(month=name),
                "",
                "",
                money(sum(t.amount_pence for t in txns if t.direction == Direction.IN)),
                money(sum(t.amount_pence for t in txns if t.direction != Direction.IN)),
                "",
                "",
                "",
            ]
        )
        table(section(part, name, 3), name, head, rows, money_from=(3, 4), total_row=True)
    para(
        part,
        _("All payments in these dates: money in {money_in}, money out {money_out}.").format(
            money_in=money(data.summary.money_in_pence), money_out=money(data.summary.money_out_pence)
        ),
    )


def missing_receipts_section(parent: ET.Element, data: StatementData) -> None:
    part = section(parent, _("Missing receipts"))
    missing = data.missing_receipts
    if not missing:
        para(part, _("Every payment out in these dates has a receipt, or does not need one."))
        return
    total = sum(t.amount_pence for t in missing)
    para(
        part,
        ngettext(
            "{n} payment out has no receipt yet ({total}).",
            "{n} payments out have no receipt yet ({total} in all).",
            len(missing),
        ).format(n=len(missing), total=money(total)),
    )
    rows = [
        [
            formatting.date_short(t.day),
            t.payee or t.description,
            t.description if t.payee else "",
            money(t.amount_pence),
        ]
        for t in missing
    ]
    rows.append([_("Total"), "", "", money(total)])
    head = [_("Date"), _("Paid to"), _("What for"), _("Amount")]
    table(part, _("Missing receipts"), head, rows, money_from=3, total_row=True)


def missing_receipts_line(parent: ET.Element, data: StatementData) -> None:
    """One short line (the review pack): the full list is in the statement."""
    missing = data.missing_receipts
    if not missing:
        para(parent, _("Every payment out in these dates has a receipt, or does not need one."))
        return
    para(
        parent,
        ngettext(
            "Receipts: {n} payment out has no receipt yet ({total}). The statement lists it.",
            "Receipts: {n} payments out have no receipt yet ({total} in all). The statement lists them.",
            len(missing),
        ).format(n=len(missing), total=money(sum(t.amount_pence for t in missing))),
    )


def _date(day: dt.date | None) -> str:
    return formatting.date_short(day) if day is not None else "-"


def employment_section(parent: ET.Element, report: EmploymentReport | None) -> None:
    """Employing personal assistants (nothing when no PA is employed), the same figures as the PDF's section."""
    if report is None or not report.employees:
        return
    part = section(parent, _("Employing personal assistants"))
    para(
        part,
        _(
            "Hours come from the timesheets; pay from the payslips paid in these dates, as the payroll service "
            "reported them. Employer costs are the employer's National Insurance and pension contributions."
        ),
        "note",
    )
    rows = []
    for line in report.employees:
        name = line.name + (" " + _("(left {date})").format(date=_date(line.end_date)) if line.end_date else "")
        rows.append(
            [
                name,
                hours_plain(line.minutes_worked),
                formatting.money(line.pay.gross_pence),
                formatting.money(line.pay.employer_costs_pence),
                hours_plain(line.holiday.left_minutes),
            ]
        )
    t = report.totals
    rows.append(
        [
            _("Total"),
            hours_plain(report.minutes_worked),
            formatting.money(t.gross_pence),
            formatting.money(t.employer_costs_pence),
            "",
        ]
    )
    head = [_("PA"), _("Hours worked"), _("Gross pay"), _("Employer NI and pension"), _("Holiday left (hours)")]
    table(section(part, _("Hours and pay"), 3), _("Hours and pay"), head, rows, total_row=True)
    paid = section(part, _("Paid and owed"), 3)
    key_values(
        paid,
        _("Paid and owed"),
        [
            (_("Net pay on payslips"), formatting.money(t.net_pence)),
            (_("Tax and National Insurance for these payslips"), formatting.money(t.hmrc_pence)),
            (_("Of which paid to HMRC"), formatting.money(report.paid_to_hmrc_pence)),
            (_("Pension contributions for these payslips"), formatting.money(t.pension_pence)),
            (_("Of which paid to the pension provider"), formatting.money(report.paid_to_pension_pence)),
        ],
    )
    day = formatting.date_long(report.day)
    if report.owed:
        caption = _("Still owed on {date} (not yet matched to a payment from the account):").format(date=day)
        owing = [
            (
                _("{who}: {what}").format(who=item.who, what=_(owed.WHAT_LABELS[item.what])),
                formatting.money(item.amount_pence),
            )
            for item in report.owed
        ]
        key_values(paid, caption, owing)
    else:
        para(paid, _("Nothing was owed on {date}.").format(date=day))
    checks = section(part, _("Employer checks"), 3)
    if not report.checks:
        para(checks, _("No employer checks are recorded yet."))
    else:
        crows = [
            [
                check_label(c.kind),
                c.name or _("Employer"),
                _date(c.done_on),
                _date(c.due_on),
                c.reference,
                _("yes") if c.has_document else _("no"),
            ]
            for c in report.checks
        ]
        chead = [_("Check"), _("For"), _("Done"), _("Next due"), _("Reference"), _("Certificate kept")]
        table(checks, _("Employer checks"), chead, crows, money_from=())
    if report.reminders:
        coming = section(part, _("Coming up"), 3)
        key_values(
            coming,
            _("Coming up"),
            [
                (_date(r.due_on) + (" " + _("(overdue)") if r.overdue(report.day) else ""), r.text)
                for r in report.reminders
            ],
        )
