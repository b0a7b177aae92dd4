"""Employing personal assistants (PAs) with a direct payment: the records an employer must keep.

Plain Python, no Qt. Modules: `employees` (PAs and their hourly rates), `shifts` (timesheets), `payslips` (as the
payroll service reports them, checked), `payroll_csv` (importing a payroll summary), `owed` (what is owed to
each PA, HMRC and the pension provider, matched to payments), `holiday`, `checks` (employer checks and
reminders), `report` (figures for the summary and statements), `wages` (minimum wage rates as data), `help`.

The surplus calculation takes `owed_items(session, day)` off the balance; `summary --json` shows
`summary_section(session, start, end, day)` as its `employment` section.
"""

from __future__ import annotations

from ipb_desktop.employment.owed import OwedItem, owed_items
from ipb_desktop.employment.report import summary_section

__all__ = ["OwedItem", "owed_items", "summary_section"]
