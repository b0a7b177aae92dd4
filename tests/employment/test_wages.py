"""The minimum wage check at the days the rates change: £12.21 from 1 April 2025 and £12.71 from 1 April 2026
(21 and over). A pay period uses the rate in force on its first day."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from ipb_desktop.employment import employees, payslips, wages
from ipb_desktop.employment.kinds import AgeBand

EVE_2025, DAY_2025 = dt.date(2025, 3, 31), dt.date(2025, 4, 1)
EVE_2026, DAY_2026 = dt.date(2026, 3, 31), dt.date(2026, 4, 1)


@pytest.mark.parametrize(
    ("day", "pence"),
    [(EVE_2025, 1144), (DAY_2025, 1221), (EVE_2026, 1221), (DAY_2026, 1271), (dt.date(2027, 1, 1), 1271)],
)
def test_the_rate_in_force_changes_on_1_april(day: dt.date, pence: int) -> None:
    found = wages.minimum_on(day)
    assert found is not None and found.hourly_pence == pence


def test_no_rate_is_claimed_before_the_first_held() -> None:
    assert wages.minimum_on(dt.date(2024, 3, 31)) is None


@pytest.mark.parametrize(
    ("start", "gross", "flagged"),
    [
        (EVE_2026, 12210, False),  # 10 hours at exactly £12.21 in a period starting 31 March 2026
        (EVE_2026, 12209, True),  # a penny short
        (DAY_2026, 12710, False),  # exactly £12.71 from 1 April 2026
        (DAY_2026, 12709, True),
        (DAY_2026, 12500, True),  # last year's pay is now too low
        (EVE_2025, 11440, False),  # £11.44 still right for a period starting 31 March 2025
        (DAY_2025, 11440, True),
    ],
)
def test_payslip_wage_check_at_the_boundaries(start: dt.date, gross: int, flagged: bool) -> None:
    warning = payslips.wage_warning(gross, 600, start, AgeBand.ADULT)
    assert (warning is not None) == flagged
    if warning:
        assert "less than the legal minimum" in warning


def test_a_rate_below_the_minimum_is_flagged_when_a_pa_is_added(session: Session) -> None:
    details = employees.EmployeeDetails("Sam Low", DAY_2026)
    _employee, warnings = employees.add_employee(session, details, 1270)
    assert len(warnings) == 1 and "£12.71" in warnings[0] and "below the legal minimum" in warnings[0]


def test_a_rate_that_will_fall_below_next_aprils_minimum_is_flagged(session: Session) -> None:
    details = employees.EmployeeDetails("Sam Soon", dt.date(2025, 6, 1))
    _employee, warnings = employees.add_employee(session, details, 1250)
    assert len(warnings) == 1 and "goes up to £12.71" in warnings[0]


def test_changing_the_rate_is_checked_too(session: Session, jo: int) -> None:
    _rate, warnings = employees.set_rate(session, jo, dt.date(2026, 9, 1), 1200)
    assert warnings and "below the legal minimum" in warnings[0]
    _rate, warnings = employees.set_rate(session, jo, dt.date(2026, 10, 1), 1300)
    assert warnings == []
    employee = employees.get_employee(session, jo)
    assert employees.rate_on(employee, dt.date(2026, 9, 30)) == 1200
    assert employees.rate_on(employee, dt.date(2026, 10, 1)) == 1300


def test_younger_bands_have_their_own_rates() -> None:
    young = wages.minimum_on(DAY_2026, AgeBand.YOUNG)
    assert young is not None and young.hourly_pence == 1085
    assert payslips.wage_warning(10850, 600, DAY_2026, AgeBand.YOUNG) is None
    assert payslips.wage_warning(10850, 600, DAY_2026, AgeBand.ADULT) is not None
