"""The demo's two personal assistants: a year of shifts, payslips, payments and employer checks.

Morgan Sample has worked for Alys for years, 8 regular hours a week at £14.50, paid weekly; the demo ledger
already holds those wages, so each week gets its shifts and a payslip that matches the payment. Riley Example
started a year ago on irregular hours, paid monthly through payroll with tax, National Insurance and a workplace
pension; Riley's payslips are made to agree with the ledger's monthly HMRC and pension payments, and Riley's
wages are added to the ledger. Everyone and everything is invented. The same `today` always gives the same data.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import ledger
from ipb_desktop.demo_data import receipt_pdf
from ipb_desktop.employment import checks, employees, owed, payslips, shifts
from ipb_desktop.employment.kinds import CheckKind, HoursKind, ShiftKind
from ipb_desktop.models.schema import PlanLine, Transaction
from ipb_desktop.models.store import Store

SEED = 20261201
MORGAN_RATE, RILEY_RATE = 1450, 1320


def _payments(session: Session, payee: str) -> list[Transaction]:
    query = select(Transaction).where(Transaction.deleted_at.is_(None), Transaction.payee == payee)
    return list(session.scalars(query.order_by(Transaction.txn_date, Transaction.id)))


def _morgan(session: Session, start: dt.date) -> int:
    details = employees.EmployeeDetails(
        "Morgan Sample",
        start - dt.timedelta(days=800),
        role="Personal assistant: going out and about",
        usual_minutes_per_week=8 * 60,
        payroll_reference="ESP-0101",
    )
    morgan, _warnings = employees.add_employee(session, details, MORGAN_RATE)
    for wages in _payments(session, "Morgan Sample"):
        hours = wages.amount_pence // MORGAN_RATE
        monday = wages.txn_date - dt.timedelta(days=6)
        for day, length in ((monday, hours // 2), (monday + dt.timedelta(days=3), hours - hours // 2)):
            end = f"{10 + length:02d}:00"
            shifts.add_shift(session, shifts.ShiftDetails(morgan.id, day, start_time="10:00", end_time=end))
        payslip = payslips.PayslipDetails(
            morgan.id,
            monday,
            wages.txn_date,
            wages.txn_date,
            wages.amount_pence,
            wages.amount_pence,
            minutes=hours * 60,
        )
        payslips.add_payslip(session, payslip)
    return morgan.id


def _riley(session: Session, rng: random.Random, start: dt.date, today: dt.date) -> tuple[int, int]:
    details = employees.EmployeeDetails(
        "Riley Example",
        start,
        role="Personal assistant: home and cooking",
        hours_kind=HoursKind.IRREGULAR,
        payroll_reference="ESP-0102",
    )
    riley, _warnings = employees.add_employee(session, details, RILEY_RATE)
    hmrc = {(t.txn_date.year, t.txn_date.month): t for t in _payments(session, "HMRC")}
    pension = {(t.txn_date.year, t.txn_date.month): t for t in _payments(session, "Exampleshire Workplace Pension")}
    line = session.scalars(select(PlanLine).where(PlanLine.description.like("Personal assistant%"))).all()
    added = 0
    month_start = dt.date(start.year, start.month, 1)
    while True:
        next_month = (month_start + dt.timedelta(days=32)).replace(day=1)
        month_end = next_month - dt.timedelta(days=1)
        pay_day = month_end - dt.timedelta(days=2)
        if pay_day > today:
            break
        minutes = 0
        for day in range(2, 27, 3):
            work_day = month_start.replace(day=day)
            if work_day < start or rng.random() < 0.25:
                continue
            length = rng.choice([180, 240, 300])
            shifts.add_shift(session, shifts.ShiftDetails(riley.id, work_day, minutes=length, notes="Cooking"))
            minutes += length
        if minutes:
            paid_hmrc = hmrc.get((next_month.year, next_month.month))
            paid_pension = pension.get((next_month.year, next_month.month))
            hmrc_pence = paid_hmrc.amount_pence if paid_hmrc else 0
            pension_pence = paid_pension.amount_pence if paid_pension else 0
            gross = (minutes * RILEY_RATE + 30) // 60
            tax, employee_ni = hmrc_pence // 2, hmrc_pence // 4
            employee_pension = pension_pence * 3 // 5
            figures = payslips.PayslipDetails(
                riley.id,
                max(month_start, start),
                month_end,
                pay_day,
                gross,
                gross - tax - employee_ni - employee_pension,
                tax_pence=tax,
                employee_ni_pence=employee_ni,
                employer_ni_pence=hmrc_pence - tax - employee_ni,
                employee_pension_pence=employee_pension,
                employer_pension_pence=pension_pence - employee_pension,
                minutes=minutes,
            )
            payslips.add_payslip(session, figures)
            wages = ledger.TransactionDraft(
                pay_day,
                "out",
                figures.net_pence,
                "R Example",
                "PA wages (payroll)",
                "bank_transfer",
                plan_line_id=line[-1].id if line else None,
                reconciled=pay_day <= today - dt.timedelta(days=21),
            )
            ledger.add_transaction(session, wages)
            added += 1
        month_start = next_month
    return riley.id, added


def _checks(session: Session, morgan: int, riley: int, start: dt.date, today: dt.date) -> None:
    def add(kind: str, employee: int | None, done: dt.date, due: dt.date | None = None, **extra: str) -> int:
        return checks.add_check(session, checks.CheckDetails(kind, employee, done, due, **extra)).id

    renewal = today + dt.timedelta(days=30)
    insurance = add(
        CheckKind.EL_INSURANCE,
        None,
        renewal - dt.timedelta(days=365),
        renewal,
        provider="Example Mutual Insurance",
        reference="EL-DP-778812",
    )
    lines = ["Example Mutual Insurance", "Employer's liability certificate", "Policy EL-DP-778812", "Alys Testwood"]
    checks.keep_document(session, insurance, "EL certificate.pdf", receipt_pdf(lines))
    add(CheckKind.PENSION_ENROLMENT, None, start, provider="Exampleshire Workplace Pension")
    for pa, first in ((morgan, start - dt.timedelta(days=800)), (riley, start)):
        add(CheckKind.RIGHT_TO_WORK, pa, first - dt.timedelta(days=7), notes="Passport seen and copied")
        add(CheckKind.CONTRACT, pa, first)
        add(
            CheckKind.DBS,
            pa,
            first - dt.timedelta(days=20),
            first + dt.timedelta(days=3 * 365),
            reference=f"0012{pa:02d}55443",
        )
    last_may = dt.date(today.year if today.month >= 6 else today.year - 1, 5, 20)
    if last_may > start - dt.timedelta(days=800):
        add(CheckKind.P60, morgan, last_may)


def add_demo_employment(store: Store, today: dt.date) -> int:
    """Add the two PAs to a demo store already built for `today`; returns how many payments were added."""
    rng = random.Random(SEED)
    start = today - dt.timedelta(days=364)
    with store.transaction() as session:
        morgan = _morgan(session, start)
        riley, added = _riley(session, rng, start, today)
        holiday = start + dt.timedelta(days=140)
        shifts.add_shift(session, shifts.ShiftDetails(morgan, holiday, minutes=8 * 60, kind=ShiftKind.HOLIDAY))
        _checks(session, morgan, riley, start, today)
        owed.match_payments(session)
    return added
