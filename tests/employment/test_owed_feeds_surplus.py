"""Money owed to a PA, to HMRC and to the pension is money already spoken for: the surplus a council works out
takes it off the balance, named, before anything counts as surplus (issues 11 and 14 together)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ipb_desktop import owed
from ipb_desktop.employment.payslips import PayslipDetails, add_payslip


def test_an_unpaid_payslip_is_owed_by_name_and_comes_off_the_surplus(session: Session, jo: int) -> None:
    day = dt.date(2026, 5, 5)
    assert [i for i in owed.owed_items(session, day) if i.source == "employment"] == []
    add_payslip(
        session,
        PayslipDetails(
            jo,
            dt.date(2026, 4, 1),
            dt.date(2026, 4, 30),
            dt.date(2026, 5, 1),
            gross_pence=55_000,
            net_pence=50_000,
            tax_pence=3_000,
            employee_ni_pence=2_000,
            employer_ni_pence=1_500,
            minutes=43 * 60,
        ),
    )
    from_pa = [(i.description, i.pence) for i in owed.owed_items(session, day) if i.source == "employment"]
    assert ("net pay owed to Jo Example", 50_000) in from_pa
    assert any("HMRC" in words and pence == 6_500 for words, pence in from_pa)
    assert owed.total_owed(session, day) >= 56_500
