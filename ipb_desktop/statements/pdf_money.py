"""The statement's money sections: about me and the account, where the money comes from (by how it is held),
the account's money summary (with the opening balance and the bank check), where it went, the plan, money
spent by others from budgets they hold, and the surplus worked out as councils do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer
from reportlab.platypus.flowables import Flowable

from ipb_desktop import vocabulary as labels
from ipb_desktop.i18n import _
from ipb_desktop.statements.data import StatementData
from ipb_desktop.statements.layout import (
    FRAME_WIDTH,
    Styles,
    escape,
    kept,
    key_value_table,
    para,
    table,
    titled,
)
from ipb_desktop.statements.pdf_text import (
    about_rows,
    day_long,
    label_and_four_amounts,
    merged,
    money,
    money_in_from,
    range_text,
    weeks_text,
)

# -- header --------------------------------------------------------------------------------------------------


def about_section(data: StatementData, st: Styles) -> list[Flowable]:
    return [key_value_table(about_rows(data), st)]


def streams_section(data: StatementData, st: Styles) -> list[Flowable]:
    """Each stream's payment, how it is held, and its yearly amount and budget for the period (by payments, the
    same figures as Home, Plan and `summary`); then its budget, committed, spent and left."""
    heading = Paragraph(escape(_("Where the money comes from")), st.h1_free)
    if not data.streams:
        return [KeepTogether([heading, para(_("No funding streams are set up for these dates."), st.body)])]
    large = st.look.large
    head = [_("Funder"), _("Each week"), _("Each year"), _("For the budget period")]
    if not large:
        head[1:1] = [_("How it is held"), _("How it is paid")]
    first_money = len(head) - 3
    rows: list[list[Any]] = [
        [para(h, st.cell_right_bold if i >= first_money else st.cell_bold) for i, h in enumerate(head)]
    ]
    for s in data.streams:
        paid = _("{amount} {schedule}").format(amount=money(s.amount_pence), schedule=labels.schedule(s.schedule))
        held = labels.held_as(s.held_as)
        if large:
            who = [para(f"{s.funder_name}\n{held}\n{paid}", st.cell)]
        else:
            who = [para(s.funder_name, st.cell), para(held, st.cell), para(paid, st.cell)]
        rows.append([*who, money(s.weekly_pence), money(s.yearly_pence), money(s.period_budget_pence)])
    rows.append(
        [
            _("Total"),
            *([""] * (first_money - 1)),
            money(sum(s.weekly_pence for s in data.streams)),
            money(sum(s.yearly_pence for s in data.streams)),
            money(sum(s.period_budget_pence for s in data.streams)),
        ]
    )
    widths = [w * mm for w in ((81, 33, 33, 33) if large else (38, 30, 34, 24, 26, 28))]
    story = titled(heading, table(rows, widths, st.look, total_row=True, money_from=first_money))
    story.append(
        para(
            _(
                "Yearly amounts count payments: 52 weekly, 13 four-weekly, 12 monthly or 4 quarterly payments a "
                "year. The budget period holds {what}."
            ).format(
                what=", ".join(
                    _("{n} payments from {funder}").format(n=s.payments_in_period, funder=s.funder_name)
                    for s in data.streams
                )
            ),
            st.note,
        )
    )
    story += stream_state_section(data, st)
    own = data.own_contribution_weekly_pence
    story.append(Spacer(1, st.look.gap))
    story.append(
        para(
            _("My own contribution: {amount} a week.").format(amount=money(own))
            if own
            else _("My own contribution: none recorded."),
            st.body,
        )
    )
    assessed = data.contribution
    if assessed is not None and assessed.weekly_pence:
        story.append(
            para(
                _("Assessed contribution due from the start of the budget period to {end}: {due}; paid in: {paid}.")
                .format(end=day_long(data.end), due=money(assessed.due_pence), paid=money(assessed.paid_pence)),
                st.body,
            )
        )  # fmt: skip
    return story


def stream_state_section(data: StatementData, st: Styles) -> list[Flowable]:
    """Budget, committed, spent and left for each stream, from the start of the budget period to the end date."""
    head = [_("Funding stream"), _("Budget"), _("Committed"), _("Spent"), _("Left")]
    rows: list[list[Any]] = [[para(h, st.cell_right_bold if i else st.cell_bold) for i, h in enumerate(head)]]
    for s in data.streams:
        rows.append(
            [
                para(f"{s.funder_name} ({labels.held_as(s.held_as)})", st.cell),
                money(s.period_budget_pence),
                money(s.committed_pence),
                money(s.spent_pence),
                money(s.left_pence),
            ]
        )
    rows.append(
        [
            _("Total"),
            *(
                money(sum(getattr(s, name) for s in data.streams))
                for name in ("period_budget_pence", "committed_pence", "spent_pence", "left_pence")
            ),
        ]
    )
    made = table(rows, label_and_four_amounts(st), st.look, total_row=True, money_from=1)
    note = para(
        _(
            "Spent counts every payment from the stream up to {end}, through the account or paid by others; "
            "committed is spending recorded for later dates."
        ).format(end=day_long(data.end)),
        st.note,
    )
    heading = Paragraph(escape(_("Each funding stream: budget, committed, spent and left")), st.h2_free)
    return [*titled(heading, made), note]


# -- money summary -------------------------------------------------------------------------------------------


def summary_section(data: StatementData, st: Styles, heading: bool = True) -> list[Flowable]:
    s = data.summary
    before_start = s.start - dt.timedelta(days=1)
    rows: list[list[Any]] = [[para(range_text(s.start, s.end), st.cell_bold), para(_("Amount"), st.cell_right_bold)]]
    rows.append(
        [
            para(_("Opening balance (end of {date})").format(date=day_long(before_start)), st.cell_bold),
            money(s.opening_pence),
        ]
    )
    rows.append([para(_("Money in"), st.cell_bold), money(s.money_in_pence)])
    for label, pence in merged(s.in_by_stream):
        rows.append([para(money_in_from(label), st.cell_indent), money(pence)])
    rows.append([para(_("Money out"), st.cell_bold), money(s.money_out_pence)])
    rows.append(
        [para(_("Closing balance (end of {date})").format(date=day_long(s.end)), st.cell_bold), money(s.closing_pence)]
    )
    summary = table(rows, [FRAME_WIDTH - 40 * mm, 40 * mm], st.look, total_row=True, money_from=1)
    story: list[Flowable] = [
        *(
            titled(Paragraph(escape(_("Money through my direct payment account")), st.h1_free), summary)
            if heading
            else [kept(summary)]
        ),
        Spacer(1, st.look.gap * 0.5),
        para(
            _(
                "Opening balance {opening} + money in {money_in} - money out {money_out} = closing balance {closing}."
            ).format(
                opening=money(s.opening_pence),
                money_in=money(s.money_in_pence),
                money_out=money(s.money_out_pence),
                closing=money(s.closing_pence),
            ),
            st.note,
        ),
        *bank_check_lines(data, st),
    ]
    if data.stream_balances:
        head = [_("Funding stream"), _("Opening"), _("Money in"), _("Money out"), _("Closing")]
        brows: list[list[Any]] = [[para(h, st.cell_right_bold if i else st.cell_bold) for i, h in enumerate(head)]]
        for b in data.stream_balances:
            brows.append(
                [
                    para(b.label, st.cell),
                    money(b.opening_pence),
                    money(b.money_in_pence),
                    money(b.money_out_pence),
                    money(b.closing_pence),
                ]
            )
        brows.append(
            [
                _("Total"),
                money(s.opening_pence),
                money(s.money_in_pence),
                money(s.money_out_pence),
                money(s.closing_pence),
            ]
        )
        made = table(brows, label_and_four_amounts(st), st.look, total_row=True, money_from=1)
        story += titled(Paragraph(escape(_("Balance by funding stream")), st.h2_free), made)
    return story


def bank_check_lines(data: StatementData, st: Styles) -> list[Flowable]:
    """Where the opening balance came from, and whether the account agrees with the bank's statement."""
    lines: list[Flowable] = []
    if data.opening is not None:
        lines.append(
            para(
                _("Opening balance: {amount} in the account at the end of {date} (from {source}).").format(
                    amount=money(data.opening.balance_pence), date=day_long(data.opening.on_date),
                    source=data.opening.source,
                ),
                st.body,
            )
        )  # fmt: skip
    rec = data.reconciliation
    if rec is None:
        lines.append(para(_("This account has not yet been checked against a bank statement."), st.body))
    elif rec.difference_pence == 0:
        lines.append(
            para(
                _("The account agrees with the bank statement of {date}: {amount}.").format(
                    date=day_long(rec.on_date), amount=money(rec.bank_pence)
                ),
                st.body,
            )
        )
    else:
        lines.append(
            para(
                _(
                    "The bank statement of {date} says {bank}; the app now says {app}, a difference of {diff} "
                    "still to find."
                ).format(
                    date=day_long(rec.on_date), bank=money(rec.bank_pence), app=money(rec.app_pence_now),
                    diff=money(rec.difference_pence),
                ),
                st.body,
            )
        )  # fmt: skip
    return lines


def outside_section(data: StatementData, st: Styles) -> list[Flowable]:
    """Spending paid by others (the NHS team, the council or a provider) from notional or third-party budgets:
    it counts against the stream and the plan, never the account."""
    s = data.summary
    heading = Paragraph(escape(_("Money held for me by others (notional and third-party budgets)")), st.h1_free)
    held_elsewhere = [x for x in data.streams if x.held_as != "direct_payment"]
    if not s.outside_out_pence and not held_elsewhere:
        return []
    intro = para(
        _(
            "This money is paid by the NHS team, the council or a provider from a budget they hold for me. It "
            "counts against my plan, but it never goes through my account, so it is not in the figures above."
        ),
        st.body,
    )
    if not s.outside_out_pence:
        return [KeepTogether([heading, intro, para(_("Nothing was paid this way in these dates."), st.body)])]
    story = totals_table(
        _("Paid by others, by funding stream"),
        _("Funding stream"),
        merged(s.outside_by_stream or []),
        s.outside_out_pence,
        st,
        lead=[heading, intro],
    )
    listed = data.outside_transactions
    if listed:
        rows: list[list[Any]] = [
            [para(h, st.cell_right_bold if i == 2 else st.cell_bold) for i, h in enumerate(head)]
            for head in [[_("Date"), _("Paid to"), _("Amount")]]
        ]
        for txn in listed:
            who = " \u00b7 ".join(part for part in (txn.payee, txn.description) if part)
            signed = txn.amount_pence if txn.direction == "out" else -txn.amount_pence
            rows.append([day_long(txn.day), para(who, st.cell), money(signed)])
        widths = [w * mm for w in ((50, 95, 35) if st.look.large else (40, 110, 30))]
        made = table(rows, widths, st.look, money_from=2)
        story += titled(Paragraph(escape(_("Each payment made for me by others")), st.h2_free), made)
    return story


def totals_table(
    heading: str, title: str, totals: list[tuple[str, int]], grand: int, st: Styles, lead: Sequence[Flowable] = ()
) -> list[Flowable]:
    """A heading and a table of labels with amounts, and their total."""
    rows: list[list[Any]] = [[para(title, st.cell_bold), para(_("Amount"), st.cell_right_bold)]]
    rows += [[para(label, st.cell), money(pence)] for label, pence in totals]
    rows.append([_("Total"), money(grand)])
    made = table(rows, [FRAME_WIDTH - 40 * mm, 40 * mm], st.look, total_row=True, money_from=1)
    return titled(Paragraph(escape(heading), st.h2_free), made, lead)


def spending_section(data: StatementData, st: Styles, by_outcome: bool = False) -> list[Flowable]:
    s = data.summary
    heading = Paragraph(escape(_("Where the money went")), st.h1_free)
    if not s.money_out_pence:
        return [KeepTogether([heading, para(_("No money went out in these dates."), st.body)])]
    out = s.money_out_pence
    story = totals_table(_("By category"), _("Category"), merged(s.out_by_category), out, st, lead=[heading])
    story += totals_table(_("By plan line"), _("Plan line"), merged(s.out_by_plan_line), out, st)
    if by_outcome:
        story += totals_table(_("By outcome"), _("Outcome"), merged(s.out_by_outcome), out, st)
    return story


def plan_section(data: StatementData, st: Styles) -> list[Flowable]:
    heading = Paragraph(escape(_("My plan: planned and spent")), st.h1_free)
    if data.period_start is None or not data.plan_lines:
        return [KeepTogether([heading, para(_("There is no plan set up for these dates to compare with."), st.body)])]
    note = para(
        _(
            "From the start of the budget period ({start}) to {end}. 'Expected by now' is the planned amount "
            "shared evenly over the period."
        ).format(start=day_long(data.period_start), end=day_long(data.end)),
        st.note,
    )
    head = [_("Plan line"), _("Planned for the period"), _("Expected by now"), _("Spent"), _("Left")]
    rows: list[list[Any]] = [[para(h, st.cell_bold if i == 0 else st.cell_right_bold) for i, h in enumerate(head)]]
    for line in data.plan_lines:
        name = line.description
        if line.ahead_of_plan:
            name = _("{name} (spending is ahead of plan)").format(name=name)
        rows.append(
            [
                para(name, st.cell),
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
    return titled(note, table(rows, label_and_four_amounts(st), st.look, total_row=True, money_from=1), [heading])


def surplus_section(data: StatementData, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(escape(_("Surplus or shortfall")), st.h1_free)]
    sp = data.surplus
    if sp is None:
        story.append(para(_("There is no plan for these dates, so no surplus can be worked out."), st.body))
    elif sp.balance_pence < 0:
        story.append(
            para(
                _("On {date} the account was overdrawn by {amount}.").format(
                    date=day_long(data.end), amount=money(-sp.balance_pence)
                ),
                st.body,
            )
        )
    else:
        story += surplus_sum(data, st)
    story = [KeepTogether(story)]  # the heading and its figures stay on one page
    words: list[Flowable] = [Paragraph(escape(_("In my own words")), st.h2_free)]
    if data.explanation:
        if data.explanation_dates is not None:
            written_for = range_text(*data.explanation_dates)
            words.append(para(_("Written for {dates}:").format(dates=written_for), st.note))
        words.append(para(data.explanation, st.own_words))
    else:
        words.append(para(_("No explanation was written for these dates."), st.body))
    # Long words run over pages (a KeepTogether taller than a page cannot be laid out at all).
    story += [KeepTogether(words)] if len(data.explanation) < 600 else words
    return story


def surplus_sum(data: StatementData, st: Styles) -> list[Flowable]:
    """The surplus as councils work it out, every number shown: balance, less money owed, less the agreed
    contingency, less the weeks kept of the weekly amount."""
    sp = data.surplus
    assert sp is not None
    weekly_kind = (
        _("the weekly direct payment ({weekly} a week)")
        if sp.basis == "weekly_payment"
        else _("planned spending ({weekly} a week)")
    ).format(weekly=money(sp.weekly_pence))
    rows: list[list[Any]] = [
        [para(_("How the surplus is worked out"), st.cell_bold), para(_("Amount"), st.cell_right_bold)],
        [para(_("Money in the account at the end of {date}").format(date=day_long(data.end)), st.cell),
         money(sp.balance_pence)],
        [para(_("less money already owed (unpaid wages, invoices, tax due)"), st.cell), money(-sp.owed_pence)],
    ]  # fmt: skip
    for item in sp.owed[:8]:
        rows.append([para(item.description, st.cell_indent), money(-item.pence)])
    if len(sp.owed) > 8:
        rest = sum(i.pence for i in sp.owed[8:])
        rows.append([para(_("and {n} more").format(n=len(sp.owed) - 8), st.cell_indent), money(-rest)])
    rows += [
        [para(_("less the agreed contingency"), st.cell), money(-sp.contingency_pence)],
        [para(_("less {weeks} weeks of {what}").format(weeks=sp.threshold_weeks, what=weekly_kind), st.cell),
         money(-sp.threshold_pence)],
        [para(_("Surplus (never below nothing)"), st.cell_bold), money(sp.surplus_pence)],
    ]  # fmt: skip
    made = table(rows, [FRAME_WIDTH - 40 * mm, 40 * mm], st.look, total_row=True, money_from=1)
    covers = para(
        _("The money in the account covers {weeks} weeks of {what}.").format(
            weeks=weeks_text(sp.weeks_held_tenths), what=weekly_kind
        ),
        st.body,
    )
    return [made, Spacer(1, st.look.gap * 0.5), covers]
