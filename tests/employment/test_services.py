"""The employment services as a budget holder meets them: shifts and holiday, payslips checked, debts matched to
payments, employer checks reminded, payroll files imported, and every change audited and undoable."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy.orm import Session

from ipb_desktop import audit, ledger
from ipb_desktop.demo_data import receipt_png
from ipb_desktop.employment import checks, employees, holiday, owed, payroll_csv, payslips, shifts
from ipb_desktop.employment.kinds import CheckKind, HoursKind, ShiftKind
from ipb_desktop.errors import InvalidInput

MAY = dt.date(2026, 5, 1)


def _may_payslip(jo: int, **changes: int) -> payslips.PayslipDetails:
    figures = dict(
        gross_pence=60000,
        tax_pence=2000,
        employee_ni_pence=1000,
        employer_ni_pence=1200,
        employee_pension_pence=1500,
        employer_pension_pence=900,
        net_pence=55500,
    )
    figures.update(changes)
    return payslips.PayslipDetails(jo, MAY, dt.date(2026, 5, 31), dt.date(2026, 5, 29), minutes=40 * 60, **figures)


def test_a_night_shift_past_midnight_counts_its_hours_and_takes_the_rate_of_the_day(session: Session, jo: int) -> None:
    shift = shifts.add_shift(session, shifts.ShiftDetails(jo, MAY, start_time="22:00", end_time="07:30"))
    assert shift.minutes == 9 * 60 + 30 and shift.hourly_pence == 1280
    line = shifts.shift_lines(session, MAY, MAY)[0]
    assert line.pay_pence == 12160  # 9.5 hours at £12.80


def test_a_shift_before_the_pa_started_is_refused(session: Session, jo: int) -> None:
    with pytest.raises(InvalidInput, match="was not employed"):
        shifts.add_shift(session, shifts.ShiftDetails(jo, dt.date(2026, 3, 31), minutes=60))


def test_deleting_a_shift_takes_its_hours_out_and_restore_puts_them_back(session: Session, jo: int) -> None:
    shift = shifts.add_shift(session, shifts.ShiftDetails(jo, MAY, minutes=180))
    shifts.delete_shift(session, shift.id)
    assert shifts.minutes_by_employee(session, MAY, MAY) == {}
    shifts.restore_shift(session, shift.id)
    assert shifts.minutes_by_employee(session, MAY, MAY) == {jo: 180}
    assert [e.action for e in audit.entries(session, "shift", shift.id)] == ["create", "delete", "restore"]


def test_holiday_for_a_regular_pa_is_5_6_usual_weeks_less_what_they_took(session: Session, jo: int) -> None:
    shifts.add_shift(session, shifts.ShiftDetails(jo, MAY, minutes=120, kind=ShiftKind.HOLIDAY))
    figures = holiday.holiday_for(session, employees.get_employee(session, jo), dt.date(2026, 6, 1))
    assert (figures.year_start, figures.year_end) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert figures.entitlement_minutes == 56 * 60  # 5.6 weeks of 10 hours
    assert figures.left_minutes == 54 * 60


def test_holiday_for_an_irregular_pa_builds_up_as_they_work(session: Session) -> None:
    details = employees.EmployeeDetails("Kit Example", MAY, hours_kind=HoursKind.IRREGULAR)
    kit, _w = employees.add_employee(session, details, 1300)
    for day in range(1, 11):
        shifts.add_shift(session, shifts.ShiftDetails(kit.id, MAY.replace(day=day), minutes=600))
    figures = holiday.holiday_for(session, kit, dt.date(2026, 6, 1))
    assert figures.entitlement_minutes == 724  # 12.07 % of 100 hours is 12 hours 4 minutes


def test_a_payslip_that_does_not_add_up_is_refused_with_the_sum_spelled_out(session: Session, jo: int) -> None:
    with pytest.raises(InvalidInput) as raised:
        payslips.add_payslip(session, _may_payslip(jo, net_pence=56000))
    assert "£600.00 less £45.00 is £555.00" in str(raised.value)


def test_a_payslip_without_hours_is_checked_against_the_shifts(session: Session, jo: int) -> None:
    for day in range(4, 9):
        shifts.add_shift(session, shifts.ShiftDetails(jo, MAY.replace(day=day), minutes=600))  # 50 hours
    details = payslips.PayslipDetails(jo, MAY, dt.date(2026, 5, 31), dt.date(2026, 5, 29), 60000, 60000)
    _payslip, warnings = payslips.add_payslip(session, details)
    assert warnings and "for 50 hours" in warnings[0]  # £12.00 an hour is under £12.71


def test_wages_hmrc_and_pension_are_matched_to_payments_and_owed_until_then(session: Session, jo: int) -> None:
    payslip, _w = payslips.add_payslip(session, _may_payslip(jo))
    items = owed.owed_items(session, dt.date(2026, 6, 1))
    assert [(i.who, i.what, i.amount_pence) for i in items] == [
        ("Jo Example", owed.NET, 55500),
        ("HMRC", owed.HMRC, 4200),
        ("Pension provider", owed.PENSION, 2400),
    ]
    assert owed.owed_items(session, dt.date(2026, 4, 30)) == []  # the pay period had not started
    ledger.add_transaction(session, ledger.TransactionDraft(dt.date(2026, 5, 29), "out", 55500, "J EXAMPLE"))
    ledger.add_transaction(session, ledger.TransactionDraft(dt.date(2026, 5, 29), "out", 9999, "Jo Example"))
    hmrc = ledger.add_transaction(session, ledger.TransactionDraft(dt.date(2026, 6, 19), "out", 4200, "HMRC NDDS"))
    matched = owed.match_payments(session)
    assert {(m.what, m.transaction_id) for m in matched} == {(owed.NET, 1), (owed.HMRC, hmrc.id)}
    assert [i.what for i in owed.owed_items(session, dt.date(2026, 7, 1))] == [owed.PENSION]
    # Deleting the payment makes the money owed again; undoing the match does too.
    ledger.delete_transaction(session, hmrc.id)
    assert {i.what for i in owed.owed_items(session, dt.date(2026, 7, 1))} == {owed.HMRC, owed.PENSION}
    ledger.restore_transaction(session, hmrc.id)
    owed.unmatch(session, next(m for m in matched if m.what == owed.NET))
    assert {i.what for i in owed.owed_items(session, dt.date(2026, 7, 1))} == {owed.NET, owed.PENSION}
    assert "match" in [e.action for e in audit.entries(session, "payslip", payslip.id)]


def test_one_hmrc_payment_for_a_quarter_pays_three_payslips(session: Session, jo: int) -> None:
    for month in (4, 5, 6):
        start = dt.date(2026, month, 1)
        details = payslips.PayslipDetails(
            jo, start, start + dt.timedelta(days=27), start + dt.timedelta(days=27), 60000, 58000, tax_pence=2000
        )
        payslips.add_payslip(session, details)
    ledger.add_transaction(session, ledger.TransactionDraft(dt.date(2026, 7, 20), "out", 6000, "HM Revenue & Customs"))
    (match,) = owed.match_payments(session)
    assert len(match.payslip_ids) == 3 and match.what == owed.HMRC


def test_reminders_come_ahead_of_the_insurance_renewal_and_for_missing_checks(session: Session, jo: int) -> None:
    day = dt.date(2026, 11, 1)
    found = checks.reminders(session, day)
    assert {r.kind for r in found} == {CheckKind.EL_INSURANCE, CheckKind.RIGHT_TO_WORK, CheckKind.CONTRACT}
    check = checks.add_check(
        session, checks.CheckDetails(CheckKind.EL_INSURANCE, done_on=dt.date(2026, 4, 1), due_on=dt.date(2027, 1, 1))
    )
    for kind in (CheckKind.RIGHT_TO_WORK, CheckKind.CONTRACT):
        checks.add_check(session, checks.CheckDetails(kind, jo, done_on=dt.date(2026, 3, 20)))
    assert checks.reminders(session, day) == []  # renewal is more than six weeks away
    (renewal,) = checks.reminders(session, dt.date(2026, 11, 25))
    assert renewal.check_id == check.id and renewal.due_on == dt.date(2027, 1, 1)
    assert renewal.overdue(dt.date(2027, 1, 2))


def test_pension_re_enrolment_is_reminded_three_years_on(session: Session, jo: int) -> None:
    check = checks.add_check(
        session, checks.CheckDetails(CheckKind.PENSION_ENROLMENT, done_on=dt.date(2026, 5, 1), provider="NEST")
    )
    assert check.due_on == dt.date(2029, 5, 1)
    soon = [r.kind for r in checks.reminders(session, dt.date(2029, 4, 1))]
    assert CheckKind.PENSION_ENROLMENT in soon


def test_p60_is_reminded_by_31_may_for_pas_paid_last_tax_year(session: Session, jo: int) -> None:
    payslips.add_payslip(session, _may_payslip(jo))
    assert CheckKind.P60 not in [r.kind for r in checks.reminders(session, dt.date(2027, 4, 5))]
    (p60,) = [r for r in checks.reminders(session, dt.date(2027, 4, 10)) if r.kind == CheckKind.P60]
    assert p60.due_on == dt.date(2027, 5, 31) and "Jo Example" in p60.text
    checks.add_check(session, checks.CheckDetails(CheckKind.P60, jo, done_on=dt.date(2027, 4, 20)))
    assert CheckKind.P60 not in [r.kind for r in checks.reminders(session, dt.date(2027, 4, 21))]


def test_the_insurance_certificate_is_kept_inside_the_store(session: Session) -> None:
    check = checks.add_check(session, checks.CheckDetails(CheckKind.EL_INSURANCE, due_on=dt.date(2027, 1, 1)))
    checks.keep_document(session, check.id, "C:\\scans\\certificate.png", receipt_png(random.Random(1)))
    assert check.document_name == "certificate.png" and check.document_media_type == "image/png"
    with pytest.raises(InvalidInput, match="not a photo"):
        checks.keep_document(session, check.id, "notes.txt", b"hello")


PAYROLL = """Employee,Period from,Period to,Paid on,Hours,Gross pay,PAYE,Employee NI,Employer NI,Net pay
Jo Example,01/05/2026,31/05/2026,29/05/2026,40,600.00,20.00,10.00,12.00,570.00
Jo Example,01/06/2026,30/06/2026,30/06/2026,40,640.00,28.00,12.00,14.00,600.00
"""


def test_a_payroll_summary_imports_with_its_headings_understood(session: Session, jo: int) -> None:
    added, warnings = payroll_csv.import_payroll(session, PAYROLL.encode(), source="payroll.csv")
    assert [(p.gross_pence, p.net_pence, p.minutes) for p in added] == [(60000, 57000, 2400), (64000, 60000, 2400)]
    assert warnings == []


def test_a_payroll_file_with_bad_lines_lists_every_one_and_imports_nothing(session: Session, jo: int) -> None:
    bad = PAYROLL.replace("570.00", "571.00").replace("Jo Example,01/06", "Nobody,01/06")
    with pytest.raises(InvalidInput) as raised:
        payroll_csv.import_payroll(session, bad.encode())
    fields = [p.field for p in raised.value.problems]
    assert fields == ["line 2 net", "line 3 employee"]
    assert payslips.list_payslips(session) == []


def test_a_mapping_names_headings_the_guess_does_not_know(session: Session, jo: int) -> None:
    odd = PAYROLL.replace("Gross pay", "Total earnings")
    with pytest.raises(InvalidInput, match="gross"):
        payroll_csv.import_payroll(session, odd.encode())
    added, _w = payroll_csv.import_payroll(session, odd.encode(), {"gross": "Total earnings"})
    assert len(added) == 2


def test_undoing_adding_a_pa_is_refused_once_they_have_shifts(session: Session, jo: int) -> None:
    shifts.add_shift(session, shifts.ShiftDetails(jo, MAY, minutes=60))
    with pytest.raises(InvalidInput, match="cannot be taken away"):
        employees.remove_employee(session, jo)
    other, _w = employees.add_employee(session, employees.EmployeeDetails("Temp", MAY), 1300)
    employees.remove_employee(session, other.id)
    assert [e.name for e in employees.list_employees(session)] == ["Jo Example"]


def test_the_demo_has_two_pas_with_a_year_of_records_all_paid(tmp_path) -> None:
    from ipb_desktop.demo import build_demo
    from ipb_desktop.seed import create_store
    from tests.conftest import PASSPHRASE

    today = dt.date(2026, 11, 23)
    with create_store(tmp_path / "demo.ipb", PASSPHRASE) as store:
        build_demo(store, today)
        with store.reading() as s:
            assert [e.name for e in employees.list_employees(s)] == ["Morgan Sample", "Riley Example"]
            assert len(payslips.list_payslips(s)) >= 60  # weekly for Morgan, monthly for Riley
            assert len(shifts.shift_lines(s, today - dt.timedelta(days=364), today)) >= 150
            assert owed.owed_items(s, today) == []  # every wage, HMRC and pension payment matched
            insurance = [c for c in checks.list_checks(s) if c.kind == CheckKind.EL_INSURANCE]
            assert insurance[0].document_media_type == "application/pdf"
            assert any(r.kind == CheckKind.EL_INSURANCE for r in checks.reminders(s, today))
