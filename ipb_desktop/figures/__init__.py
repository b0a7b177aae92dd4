"""The figures people see: balance, money in and out, where it went, plan lines against the plan, streams,
the projection to the end of the period and any surplus. ONE definition of each figure, used by every surface
(Home, Plan, `summary --json`, the statement, the review pack and the CSV).

Every total is added up by the database (`SUM ... GROUP BY`) over transactions that have not been deleted;
nothing here loads the ledger into Python. Whole months come from totals kept by triggers (`models.month_totals`
for money in and out, `models.month_allocations` for what it was for), and only the days of a part month from
the payments, so a figure costs the same with a million payments as with a thousand. Every date range is
inclusive at BOTH ends: `start` and `end` are the first and the last day counted. Money is integer pence;
rounding uses `money.divide_round`.

How money is held (`funding_stream.held_as`): the ACCOUNT balance counts only money that went through the
account (`transaction.through_account`); spending from a notional or third-party budget (paid by the NHS team
or a provider from money they hold) counts against its stream and the plan, never the account.

A stream's yearly amount and period budget are worked out BY PAYMENTS (see `ipb_desktop.budget`): a £560
four-weekly stream is £7,280 a year on every surface.

Modules: `core` (balance, breakdowns, the period summary, money per outcome), `period` (plan lines, streams,
projection, Home) and `surplus` (the surplus worked out as councils do).
"""

from __future__ import annotations

from ipb_desktop.figures.core import (
    AHEAD_PERCENT,
    OUTCOME_SHARE_RULE,
    PeriodSummary,
    Total,
    _Flows,
    _flows,
    _signed,
    _sum,
    balance_on,
    money_in_by_category,
    money_in_by_plan_line,
    money_in_by_stream,
    money_out_by_category,
    money_out_by_outcome,
    money_out_by_plan_line,
    money_out_by_stream,
    opening_balance_pence,
    period_summary,
)
from ipb_desktop.figures.period import (
    HomeFigures,
    PlanLineFigures,
    Projection,
    StreamFigures,
    home_figures,
    planned_vs_actual,
    projection,
    stream_figures,
)
from ipb_desktop.figures.surplus import Surplus, surplus

__all__ = [
    "AHEAD_PERCENT",
    "OUTCOME_SHARE_RULE",
    "HomeFigures",
    "PeriodSummary",
    "PlanLineFigures",
    "Projection",
    "StreamFigures",
    "Surplus",
    "Total",
    "_Flows",
    "_flows",
    "_signed",
    "_sum",
    "balance_on",
    "home_figures",
    "money_in_by_category",
    "money_in_by_plan_line",
    "money_in_by_stream",
    "money_out_by_category",
    "money_out_by_outcome",
    "money_out_by_plan_line",
    "money_out_by_stream",
    "opening_balance_pence",
    "period_summary",
    "planned_vs_actual",
    "projection",
    "stream_figures",
    "surplus",
]
