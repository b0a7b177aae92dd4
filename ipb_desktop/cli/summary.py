"""The `summary` subcommand: balance, money in and out by stream and category, spending per plan line and
outcome with each outcome's latest rating, and the funding streams of the period.

Which dates: the current budget period (`budget.period_for(today)`) unless --from/--to say otherwise; with no
budget period at all, all time (the first payment to the later of today and the last payment). Both dates
are included.

`summary --json` prints one JSON object. Its keys are stable (new keys may be added; none will be renamed or
removed without changing "schema"). Every amount appears twice: `<name>` is a string with two decimals
("1234.50", "-3.00") and `<name>_pence` the same amount as an integer number of pence. Dates are ISO
(YYYY-MM-DD).

    schema            "ipb-desktop.summary/1"
    today             the date the summary was made
    from, to          the first and last day counted (both included)
    period            {"id", "name", "start", "end"} of the budget period containing `from`, or null
    balance_today     balance at the end of today (all payments dated today or before)
    opening           balance at the end of the day before `from`
    money_in          money in from `from` to `to`
    money_out         money out from `from` to `to`
    closing           balance at the end of `to` (opening + money_in - money_out)
    in_by_stream      list of {"id", "label", "amount", "amount_pence"}: money in by funding stream
    in_by_category    the same shape: money in by category (budget payment, own contribution, refund ...)
    out_by_category   the same shape: money out by category
    out_by_plan_line  the same shape: money out by plan line
    out_by_outcome    the same shape: money out by outcome
                      (in these five lists "id" is null for money not linked to any; the label says so)
    outcomes          list of {"id", "what_matters", "status", "spent", "spent_pence", "latest_rating"} for every
                      outcome; spent is money out for it from `from` to `to`; latest_rating is null or
                      {"date", "score", "scale", "note", "recorded_by"} (the newest 0-10 own-words rating)
    streams           list of {"id", "funder_name", "funder_kind", "held_as", "schedule", "amount", "weekly",
                      "yearly", "period_budget", "received", "spent", "left"} (each amount with its _pence twin)
                      for the streams of `period`, counted from its first day up to today; [] when period is null
                      (added later: "committed", "spent_by_others", "paid_in_budget" amounts and
                      "payments_in_period"; the yearly amount and period budget are counted by payments, as on
                      every other surface: see ipb_desktop.budget)
    spent_by_others   spending paid by others from notional or third-party budgets, `from` to `to` (not in the
                      account's money_out)
    opening_recorded  null or {"date", "source", "balance", "balance_pence"}: the account's recorded opening balance
    reconciled        null or {"date", "bank_balance", "bank_balance_pence", "agrees"}: the latest reconciliation
                      with a bank statement on or before `to`
    to_sort           how many payments of money in are not linked to a funding stream
    contribution      null or {"weekly", "due", "paid", "owed"} (each with _pence): the assessed contribution
                      from the start of `period` to today (ipb_desktop.repayments)
    (outcomes' "spent" counts all spending for each outcome, through plan lines too: figures.OUTCOME_SHARE_RULE)
    employment        personal assistants: hours worked, gross, employer costs, paid to / owed to HMRC and the
                      pension, owed to each PA, holiday left, reminders (see `ipb_desktop.employment.report`)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipb_desktop import accounts, budget, employment, figures, funders, outcomes
from ipb_desktop.cli import common as cli_common
from ipb_desktop.cli.common import Subparsers, open_store, say, store_command
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.schema import BudgetPeriod, Transaction
from ipb_desktop.money import format_plain
from ipb_desktop.validate import parse_date

SCHEMA = "ipb-desktop.summary/1"


def register(subparsers: Subparsers) -> None:
    summary = store_command(
        subparsers,
        "summary",
        help=_("show the balance, money in and out, and how each outcome is going"),
        description=_(
            "Show the balance, money in and out by funding stream and category, spending on each plan line and "
            "outcome, and each outcome's latest rating. Covers the current budget period unless --from and --to "
            "say otherwise."
        ),
    )
    summary.add_argument("--json", action="store_true", help=_("print JSON for other programs instead of text"))
    summary.add_argument("--from", dest="start", metavar="DATE", help=_("first day to count"))
    summary.add_argument("--to", dest="end", metavar="DATE", help=_("last day to count"))
    summary.set_defaults(func=run_summary)


def _amount(name: str, pence: int) -> dict[str, Any]:
    return {name: format_plain(pence), f"{name}_pence": pence}


def _totals(rows: list[figures.Total]) -> list[dict[str, Any]]:
    return [{"id": row.key_id, "label": row.label, **_amount("amount", row.pence)} for row in rows]


def _default_range(session: Session, day: dt.date) -> tuple[dt.date, dt.date]:
    period = budget.period_for(session, day)
    if period is not None:
        return period.start_date, period.end_date
    first, last = session.execute(
        select(func.min(Transaction.txn_date), func.max(Transaction.txn_date)).where(Transaction.deleted_at.is_(None))
    ).one()
    return (first or day), max(last or day, day)


def summary_data(session: Session, start: dt.date | None, end: dt.date | None, day: dt.date) -> dict[str, Any]:
    """The summary as plain data (the JSON object described in this module's docstring)."""
    default_start, default_end = _default_range(session, day)
    start, end = start or default_start, end or default_end
    if end < start:
        raise InvalidInput("to", _("the last day is before the first day; please swap them"))
    period = session.scalars(
        select(BudgetPeriod).where(BudgetPeriod.start_date <= start, BudgetPeriod.end_date >= start)
    ).first()
    totals = figures.period_summary(session, start, end)
    spent_on = {row.key_id: row.pence for row in figures.money_out_by_outcome(session, start, end, None)}
    latest = outcomes.latest_ratings(session)
    outcome_rows = []
    for outcome in outcomes.list_outcomes(session):
        rating = latest.get(outcome.id)
        outcome_rows.append(
            {
                "id": outcome.id,
                "what_matters": outcome.what_matters,
                "status": outcome.status,
                **_amount("spent", spent_on.get(outcome.id, 0)),
                "latest_rating": None
                if rating is None
                else {
                    "date": rating.rated_on.isoformat(),
                    "score": rating.score,
                    "scale": rating.scale,
                    "note": rating.note,
                    "recorded_by": rating.recorded_by,
                },
            }
        )
    streams = []
    if period is not None:
        for stream in figures.stream_figures(session, period.id, day):
            row: dict[str, Any] = {
                "id": stream.stream_id,
                "funder_name": stream.funder_name,
                "funder_kind": stream.funder_kind,
                "held_as": stream.held_as,
                "schedule": stream.schedule,
            }
            for name in ("amount", "weekly", "yearly", "period_budget", "received", "spent", "left", "committed"):
                row.update(_amount(name, getattr(stream, f"{name}_pence")))
            row.update(_amount("spent_by_others", stream.spent_outside_pence))
            row.update(_amount("paid_in_budget", stream.paid_in_budget_pence))
            row["payments_in_period"] = stream.payments_in_period
            streams.append(row)
    opened = accounts.opening(session)
    rec = accounts.last_reconciliation(session, end)
    return {
        "schema": SCHEMA,
        "today": day.isoformat(),
        "from": start.isoformat(),
        "to": end.isoformat(),
        "period": None
        if period is None
        else {
            "id": period.id,
            "name": period.name,
            "start": period.start_date.isoformat(),
            "end": period.end_date.isoformat(),
        },
        **_amount("balance_today", figures.balance_on(session, day)),
        **_amount("opening", totals.opening_pence),
        **_amount("money_in", totals.money_in_pence),
        **_amount("money_out", totals.money_out_pence),
        **_amount("closing", totals.closing_pence),
        "in_by_stream": _totals(totals.in_by_stream),
        "in_by_category": _totals(figures.money_in_by_category(session, start, end)),
        "out_by_category": _totals(totals.out_by_category),
        "out_by_plan_line": _totals(totals.out_by_plan_line),
        "out_by_outcome": _totals(totals.out_by_outcome),
        "outcomes": outcome_rows,
        "streams": streams,
        "employment": employment.summary_section(session, start, end, day),
        **_amount("spent_by_others", totals.outside_out_pence),
        "opening_recorded": None
        if opened is None
        else {"date": opened.on_date.isoformat(), "source": opened.source, **_amount("balance", opened.balance_pence)},
        "reconciled": None
        if rec is None
        else {
            "date": rec.on_date.isoformat(),
            **_amount("bank_balance", rec.bank_pence),
            "agrees": rec.difference_pence == 0,
        },
        "to_sort": len(funders.to_sort(session)),
        "contribution": None if period is None else _contribution(session, period.id, day),
    }


def _contribution(session: Session, period_id: int, day: dt.date) -> dict[str, Any] | None:
    from ipb_desktop import repayments

    found = repayments.contribution(session, period_id, day)
    if not found.weekly_pence:
        return None
    return {
        **_amount("weekly", found.weekly_pence),
        **_amount("due", found.due_pence),
        **_amount("paid", found.paid_pence),
        **_amount("owed", found.owed_pence),
    }


def _day(iso: str) -> str:
    from ipb_desktop.formatting import date_long  # babel: only for the text, never for --json

    return date_long(dt.date.fromisoformat(iso))


def money(pence: int) -> str:
    from ipb_desktop import formatting

    return formatting.money(pence)


def _table(title: str, rows: list[dict[str, Any]], lines: list[str]) -> None:
    lines.append("")
    lines.append(title)
    if not rows:
        lines.append("  " + _("(nothing)"))
    for row in rows:
        number = f"{row['id']}. " if row["id"] is not None else ""
        lines.append(f"  {number}{row['label']}: {money(row['amount_pence'])}")


def summary_text(data: dict[str, Any]) -> str:
    """The summary in plain words, for a person reading a terminal."""
    lines = [_("Summary from {start} to {end}").format(start=_day(data["from"]), end=_day(data["to"]))]
    if data["period"] is not None:
        lines.append(_("Budget period: {name}").format(name=data["period"]["name"]))
    lines.append("")
    lines.append(
        _("Balance today ({date}): {amount}").format(
            date=_day(data["today"]), amount=money(data["balance_today_pence"])
        )
    )
    lines.append(_("Balance at the start: {amount}").format(amount=money(data["opening_pence"])))
    lines.append(_("Money in: {amount}").format(amount=money(data["money_in_pence"])))
    lines.append(_("Money out: {amount}").format(amount=money(data["money_out_pence"])))
    lines.append(_("Balance at the end: {amount}").format(amount=money(data["closing_pence"])))
    _table(_("Money in by funding stream"), data["in_by_stream"], lines)
    _table(_("Money in by category"), data["in_by_category"], lines)
    _table(_("Money out by category"), data["out_by_category"], lines)
    _table(_("Money out by plan line"), data["out_by_plan_line"], lines)
    lines.append("")
    lines.append(_("Outcomes"))
    if not data["outcomes"]:
        lines.append("  " + _("(none yet)"))
    for row in data["outcomes"]:
        rating = row["latest_rating"]
        how = (
            _("latest rating {score} out of 10 on {date}").format(score=rating["score"], date=_day(rating["date"]))
            if rating
            else _("not rated yet")
        )
        lines.append(
            _("  {id}. {what}: {spent} spent; {how}").format(
                id=row["id"], what=row["what_matters"], spent=money(row["spent_pence"]), how=how
            )
        )
    if data["streams"]:
        lines.append("")
        lines.append(_("Funding streams this period (so far)"))
        for row in data["streams"]:
            lines.append(
                _("  {id}. {funder}: budget {budget}, received {received}, spent {spent}, left {left}").format(
                    id=row["id"],
                    funder=row["funder_name"],
                    budget=money(row["period_budget_pence"]),
                    received=money(row["received_pence"]),
                    spent=money(row["spent_pence"]),
                    left=money(row["left_pence"]),
                )
            )
    _employment_text(data.get("employment"), lines)
    return "\n".join(lines)


def _employment_text(section: dict[str, Any] | None, lines: list[str]) -> None:
    """A few lines on employing PAs, only when there is a PA (the full figures are in --json)."""
    if not section or not section["employees"]:
        return
    lines += ["", _("Employing personal assistants")]
    lines.append(
        _("  Hours worked: {hours}; gross pay {gross}; employer costs {costs}").format(
            hours=section["hours_worked"],
            gross=money(section["gross_pence"]),
            costs=money(section["employer_costs_pence"]),
        )
    )
    owed = [(row["name"], row["amount_pence"]) for row in section["owed_to_pas"]]
    owed += [("HMRC", section["owed_to_hmrc_pence"]), (_("the pension provider"), section["owed_to_pension_pence"])]
    for who, pence in owed:
        if pence:
            lines.append(_("  Still to pay {who}: {amount}").format(who=who, amount=money(pence)))
    for row in section["employees"]:
        lines.append(
            _("  {name}: {hours} hours worked, {left} hours of holiday left").format(
                name=row["name"], hours=row["hours_worked"], left=row["holiday"]["left_hours"]
            )
        )


def run_summary(args: argparse.Namespace) -> int:
    start = parse_date(args.start, "from") if args.start else None
    end = parse_date(args.end, "to") if args.end else None
    with open_store(args, whole_file=False) as store, store.reading() as session:
        data = summary_data(session, start, end, cli_common.today())
    if args.json:
        say(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        say(summary_text(data))
    return 0
