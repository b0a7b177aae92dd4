"""Property tests: payslip arithmetic, holiday accrual and what is owed.

What-is-owed examples are written through the real services into one store per test, each inside a transaction
that is rolled back, so the next example starts from the same PA.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from ipb_desktop import ledger
from ipb_desktop.employment import employees, holiday, owed, payslips
from ipb_desktop.employment.payslips import PayslipDetails
from ipb_desktop.models.store import Store
from tests.test_figures_properties import run_rolled_back

QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
pence = st.integers(min_value=0, max_value=500_000)


@st.composite
def payslip_figures(draw: st.DrawFn) -> PayslipDetails:
    deductions = [draw(st.integers(0, 50_000)) for _i in range(4)]
    gross = draw(st.integers(sum(deductions), sum(deductions) + 500_000))
    return PayslipDetails(
        employee_id=1,
        period_start=dt.date(2026, 5, 1),
        period_end=dt.date(2026, 5, 31),
        pay_date=dt.date(2026, 5, 29),
        gross_pence=gross,
        tax_pence=deductions[0],
        employee_ni_pence=deductions[1],
        employee_pension_pence=deductions[2],
        other_deductions_pence=deductions[3],
        employer_ni_pence=draw(pence),
        employer_pension_pence=draw(pence),
        net_pence=gross - sum(deductions),
    )


@QUICK
@given(details=payslip_figures(), nudge=st.integers(-100_000, 100_000))
def test_a_payslip_adds_up_exactly_when_net_is_gross_less_deductions(details: PayslipDetails, nudge: int) -> None:
    assert payslips.arithmetic_problems(details) == []
    changed = replace(details, net_pence=details.net_pence + nudge)
    problems = payslips.arithmetic_problems(changed)
    assert bool(problems) == (nudge != 0)
    assert (
        details.employer_cost_pence == details.gross_pence + details.employer_ni_pence + details.employer_pension_pence
    )
    # Every penny of the employer's cost goes to the PA, HMRC, the pension provider or another deduction.
    assert details.employer_cost_pence == (
        details.net_pence + details.hmrc_pence + details.pension_pence + details.other_deductions_pence
    )


@QUICK
@given(parts=st.lists(st.integers(0, 60 * 60), min_size=1, max_size=40))
def test_holiday_accrual_is_12_07_percent_whatever_the_shifts(parts: list[int]) -> None:
    whole = holiday.accrued_minutes(sum(parts))
    assert abs(whole * 10_000 - sum(parts) * 1207) <= 5_000  # within half a minute of 12.07 %
    by_shift = sum(holiday.accrued_minutes(p) for p in parts)
    assert abs(by_shift - whole) <= len(parts)  # rounding each shift moves it by at most half a minute each
    assert holiday.accrued_minutes(sum(parts) + 60) >= whole


@QUICK
@given(usual=st.integers(0, 48 * 60), days=st.integers(0, 366))
def test_regular_entitlement_is_5_6_weeks_for_a_whole_year_and_in_proportion_for_part(usual: int, days: int) -> None:
    year_days = 365
    full = holiday.regular_entitlement(usual, year_days, year_days)
    assert abs(full * 10 - usual * 56) <= 5
    part = holiday.regular_entitlement(usual, min(days, year_days), year_days)
    assert 0 <= part <= full


def test_a_full_time_regular_pa_gets_28_days() -> None:
    assert holiday.regular_entitlement(5 * 8 * 60, 365, 365) == 28 * 8 * 60  # 5.6 weeks of 5 days


def _small_pa(store: Store) -> int:
    with store.transaction() as s:
        employee, _w = employees.add_employee(s, employees.EmployeeDetails("Jo Example", dt.date(2026, 4, 1)), 1300)
        return employee.id


@st.composite
def pay_runs(draw: st.DrawFn) -> list[tuple[PayslipDetails, bool, bool, bool]]:
    """Monthly payslips with whether the wages, HMRC and pension were paid from the account."""
    found = []
    for month in range(draw(st.integers(1, 6))):
        start = dt.date(2026, 4 + month, 1)
        gross = draw(st.integers(20_000, 200_000))
        tax, ee_ni, ee_pension = (draw(st.integers(0, gross // 10)) for _i in range(3))
        details = PayslipDetails(
            employee_id=0,
            period_start=start,
            period_end=start + dt.timedelta(days=27),
            pay_date=start + dt.timedelta(days=27),
            gross_pence=gross,
            tax_pence=tax,
            employee_ni_pence=ee_ni,
            employee_pension_pence=ee_pension,
            employer_ni_pence=draw(st.integers(0, gross // 10)),
            employer_pension_pence=draw(st.integers(0, gross // 20)),
            net_pence=gross - tax - ee_ni - ee_pension,
            minutes=60 * 10,
        )
        found.append((details, draw(st.booleans()), draw(st.booleans()), draw(st.booleans())))
    return found


def test_what_is_owed_is_exactly_what_has_not_been_paid(store: Store) -> None:
    pa = _small_pa(store)

    @QUICK
    @given(runs=pay_runs())
    def check(runs: list[tuple[PayslipDetails, bool, bool, bool]]) -> None:
        def work(s: Session) -> None:
            expected = {owed.NET: 0, owed.HMRC: 0, owed.PENSION: 0}
            for details, wages_paid, hmrc_paid, pension_paid in runs:
                details = replace(details, employee_id=pa)
                payslips.add_payslip(s, details)
                for what, amount, paid, payee in (
                    (owed.NET, details.net_pence, wages_paid, "Jo Example"),
                    (owed.HMRC, details.hmrc_pence, hmrc_paid, "HMRC Cumbernauld"),
                    (owed.PENSION, details.pension_pence, pension_paid, "NEST pensions"),
                ):
                    if paid and amount:
                        day = details.pay_date + dt.timedelta(days=1)
                        ledger.add_transaction(s, ledger.TransactionDraft(day, "out", amount, payee))
                        owed.match_payments(s)  # paid month by month, matched as each payment is recorded
                    else:
                        expected[what] += amount
            items = owed.owed_items(s, dt.date(2027, 3, 31))
            got = {what: sum(i.amount_pence for i in items if i.what == what) for what in expected}
            assert got == expected
            assert owed.total_owed(s, dt.date(2027, 3, 31)) == sum(expected.values())
            assert all(item.amount_pence > 0 for item in items)

        run_rolled_back(store, work)

    check()
