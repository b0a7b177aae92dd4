"""The statement's money sections as HTML, the same sections and figures as `pdf_money` (from the same
`StatementData`): about me and the account, where the money comes from, the account's money summary and the bank
check, where it went, money held by others, the plan, and the surplus with the person's own words."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from ipb_desktop import vocabulary as labels
from ipb_desktop.i18n import _
from ipb_desktop.statements.data import StatementData
from ipb_desktop.statements.html_doc import key_values, own_words, para, section, table
from ipb_desktop.statements.pdf_text import (
    about_rows,
    day_long,
    merged,
    money,
    money_in_from,
    range_text,
    weeks_text,
)


def about_section(parent: ET.Element, data: StatementData) -> None:
    key_values(parent, _("About me and the account"), about_rows(data))


def streams_section(parent: ET.Element, data: StatementData) -> None:
    part = section(parent, _("Where the money comes from"))
    if not data.streams:
        para(part, _("No funding streams are set up for these dates."))
        return
    head = [
        _("Funder"),
        _("How it is held"),
        _("How it is paid"),
        _("Each week"),
        _("Each year"),
        _("For the budget period"),
    ]
    rows = [
        [
            s.funder_name,
            labels.held_as(s.held_as),
            _("{amount} {schedule}").format(amount=money(s.amount_pence), schedule=labels.schedule(s.schedule)),
            money(s.weekly_pence),
            money(s.yearly_pence),
            money(s.period_budget_pence),
        ]
        for s in data.streams
    ]
    rows.append(
        [
            _("Total"),
            "",
            "",
            money(sum(s.weekly_pence for s in data.streams)),
            money(sum(s.yearly_pence for s in data.streams)),
            money(sum(s.period_budget_pence for s in data.streams)),
        ]
    )
    table(part, _("Where the money comes from"), head, rows, money_from=3, total_row=True)
    para(
        part,
        _(
            "Yearly amounts count payments: 52 weekly, 13 four-weekly, 12 monthly or 4 quarterly payments a "
            "year. The budget period holds {what}."
        ).format(
            what=", ".join(
                _("{n} payments from {funder}").format(n=s.payments_in_period, funder=s.funder_name)
                for s in data.streams
            )
        ),
        "note",
    )
    state = section(part, _("Each funding stream: budget, committed, spent and left"), 3)
    srows = [
        [
            f"{s.funder_name} ({labels.held_as(s.held_as)})",
            money(s.period_budget_pence),
            money(s.committed_pence),
            money(s.spent_pence),
            money(s.left_pence),
        ]
        for s in data.streams
    ]
    srows.append(
        [
            _("Total"),
            *(
                money(sum(getattr(s, name) for s in data.streams))
                for name in ("period_budget_pence", "committed_pence", "spent_pence", "left_pence")
            ),
        ]
    )
    table(
        state,
        _("Each funding stream: budget, committed, spent and left"),
        [_("Funding stream"), _("Budget"), _("Committed"), _("Spent"), _("Left")],
        srows,
        total_row=True,
    )
    para(
        state,
        _(
            "Spent counts every payment from the stream up to {end}, through the account or paid by others; "
            "committed is spending recorded for later dates."
        ).format(end=day_long(data.end)),
        "note",
    )
    own = data.own_contribution_weekly_pence
    para(
        part,
        _("My own contribution: {amount} a week.").format(amount=money(own))
        if own
        else _("My own contribution: none recorded."),
    )
    assessed = data.contribution
    if assessed is not None and assessed.weekly_pence:
        para(
            part,
            _("Assessed contribution due from the start of the budget period to {end}: {due}; paid in: {paid}.")
            .format(end=day_long(data.end), due=money(assessed.due_pence), paid=money(assessed.paid_pence)),
        )  # fmt: skip


def summary_section(parent: ET.Element, data: StatementData, heading: bool = True) -> None:
    s = data.summary
    part = section(parent, _("Money through my direct payment account")) if heading else parent
    before_start = s.start - dt.timedelta(days=1)
    rows = [
        [_("Opening balance (end of {date})").format(date=day_long(before_start)), money(s.opening_pence)],
        [_("Money in"), money(s.money_in_pence)],
        *([money_in_from(label), money(pence)] for label, pence in merged(s.in_by_stream)),
        [_("Money out"), money(s.money_out_pence)],
        [_("Closing balance (end of {date})").format(date=day_long(s.end)), money(s.closing_pence)],
    ]
    table(
        part,
        _("Money through my direct payment account"),
        [range_text(s.start, s.end), _("Amount")],
        rows,
        total_row=True,
    )
    para(
        part,
        _(
            "Opening balance {opening} + money in {money_in} - money out {money_out} = closing balance {closing}."
        ).format(
            opening=money(s.opening_pence),
            money_in=money(s.money_in_pence),
            money_out=money(s.money_out_pence),
            closing=money(s.closing_pence),
        ),
        "note",
    )
    bank_check(part, data)
    if data.stream_balances:
        brows = [
            [b.label, money(b.opening_pence), money(b.money_in_pence), money(b.money_out_pence), money(b.closing_pence)]
            for b in data.stream_balances
        ]
        brows.append(
            [
                _("Total"),
                money(s.opening_pence),
                money(s.money_in_pence),
                money(s.money_out_pence),
                money(s.closing_pence),
            ]
        )
        table(
            section(part, _("Balance by funding stream"), 3),
            _("Balance by funding stream"),
            [_("Funding stream"), _("Opening"), _("Money in"), _("Money out"), _("Closing")],
            brows,
            total_row=True,
        )


def bank_check(parent: ET.Element, data: StatementData) -> None:
    if data.opening is not None:
        para(
            parent,
            _("Opening balance: {amount} in the account at the end of {date} (from {source}).").format(
                amount=money(data.opening.balance_pence), date=day_long(data.opening.on_date),
                source=data.opening.source,
            ),
        )  # fmt: skip
    rec = data.reconciliation
    if rec is None:
        para(parent, _("This account has not yet been checked against a bank statement."))
    elif rec.difference_pence == 0:
        para(
            parent,
            _("The account agrees with the bank statement of {date}: {amount}.").format(
                date=day_long(rec.on_date), amount=money(rec.bank_pence)
            ),
        )
    else:
        para(
            parent,
            _(
                "The bank statement of {date} says {bank}; the app now says {app}, a difference of {diff} "
                "still to find."
            ).format(
                date=day_long(rec.on_date), bank=money(rec.bank_pence), app=money(rec.app_pence_now),
                diff=money(rec.difference_pence),
            ),
        )  # fmt: skip


def totals_table(parent: ET.Element, heading: str, title: str, totals: list[tuple[str, int]], grand: int) -> None:
    part = section(parent, heading, 3)
    rows = [[label, money(pence)] for label, pence in totals]
    rows.append([_("Total"), money(grand)])
    table(part, heading, [title, _("Amount")], rows, total_row=True)


def spending_section(parent: ET.Element, data: StatementData, by_outcome: bool = False) -> None:
    s = data.summary
    part = section(parent, _("Where the money went"))
    if not s.money_out_pence:
        para(part, _("No money went out in these dates."))
        return
    out = s.money_out_pence
    totals_table(part, _("By category"), _("Category"), merged(s.out_by_category), out)
    totals_table(part, _("By plan line"), _("Plan line"), merged(s.out_by_plan_line), out)
    if by_outcome:
        totals_table(part, _("By outcome"), _("Outcome"), merged(s.out_by_outcome), out)


def outside_section(parent: ET.Element, data: StatementData) -> None:
    s = data.summary
    held_elsewhere = [x for x in data.streams if x.held_as != "direct_payment"]
    if not s.outside_out_pence and not held_elsewhere:
        return
    part = section(parent, _("Money held for me by others (notional and third-party budgets)"))
    para(
        part,
        _(
            "This money is paid by the NHS team, the council or a provider from a budget they hold for me. It "
            "counts against my plan, but it never goes through my account, so it is not in the figures above."
        ),
    )
    if not s.outside_out_pence:
        para(part, _("Nothing was paid this way in these dates."))
        return
    totals_table(
        part,
        _("Paid by others, by funding stream"),
        _("Funding stream"),
        merged(s.outside_by_stream or []),
        s.outside_out_pence,
    )
    listed = data.outside_transactions
    if listed:
        rows = [
            [
                day_long(txn.day),
                " \u00b7 ".join(part for part in (txn.payee, txn.description) if part),
                money(txn.amount_pence if txn.direction == "out" else -txn.amount_pence),
            ]
            for txn in listed
        ]
        heading = _("Each payment made for me by others")
        table(section(part, heading, 3), heading, [_("Date"), _("Paid to"), _("Amount")], rows, money_from=2)


def plan_section(parent: ET.Element, data: StatementData) -> None:
    part = section(parent, _("My plan: planned and spent"))
    if data.period_start is None or not data.plan_lines:
        para(part, _("There is no plan set up for these dates to compare with."))
        return
    para(
        part,
        _(
            "From the start of the budget period ({start}) to {end}. 'Expected by now' is the planned amount "
            "shared evenly over the period."
        ).format(start=day_long(data.period_start), end=day_long(data.end)),
        "note",
    )
    rows = []
    for line in data.plan_lines:
        name = line.description
        if line.ahead_of_plan:
            name = _("{name} (spending is ahead of plan)").format(name=name)
        rows.append(
            [
                name,
                money(line.planned_pence),
                money(line.expected_to_date_pence),
                money(line.spent_pence),
                money(line.left_pence),
            ]
        )
    rows.append(
        [
            _("Total"),
            money(sum(x.planned_pence for x in data.plan_lines)),
            money(sum(x.expected_to_date_pence for x in data.plan_lines)),
            money(sum(x.spent_pence for x in data.plan_lines)),
            money(sum(x.left_pence for x in data.plan_lines)),
        ]
    )
    head = [_("Plan line"), _("Planned for the period"), _("Expected by now"), _("Spent"), _("Left")]
    table(part, _("My plan: planned and spent"), head, rows, total_row=True)


def surplus_section(parent: ET.Element, data: StatementData) -> None:
    part = section(parent, _("Surplus or shortfall"))
    sp = data.surplus
    if sp is None:
        para(part, _("There is no plan for these dates, so no surplus can be worked out."))
    elif sp.balance_pence < 0:
        para(
            part,
            _("On {date} the account was overdrawn by {amount}.").format(
                date=day_long(data.end), amount=money(-sp.balance_pence)
            ),
        )
    else:
        weekly_kind = (
            _("the weekly direct payment ({weekly} a week)")
            if sp.basis == "weekly_payment"
            else _("planned spending ({weekly} a week)")
        ).format(weekly=money(sp.weekly_pence))
        rows = [
            [_("Money in the account at the end of {date}").format(date=day_long(data.end)), money(sp.balance_pence)],
            [_("less money already owed (unpaid wages, invoices, tax due)"), money(-sp.owed_pence)],
            *([item.description, money(-item.pence)] for item in sp.owed),
            [_("less the agreed contingency"), money(-sp.contingency_pence)],
            [
                _("less {weeks} weeks of {what}").format(weeks=sp.threshold_weeks, what=weekly_kind),
                money(-sp.threshold_pence),
            ],
            [_("Surplus (never below nothing)"), money(sp.surplus_pence)],
        ]
        how = _("How the surplus is worked out")
        table(part, how, [how, _("Amount")], rows, total_row=True)
        para(
            part,
            _("The money in the account covers {weeks} weeks of {what}.").format(
                weeks=weeks_text(sp.weeks_held_tenths), what=weekly_kind
            ),
        )
    words = section(part, _("In my own words"), 3)
    if data.explanation:
        if data.explanation_dates is not None:
            para(words, _("Written for {dates}:").format(dates=range_text(*data.explanation_dates)), "note")
        own_words(words, data.explanation)
    else:
        para(words, _("No explanation was written for these dates."))
