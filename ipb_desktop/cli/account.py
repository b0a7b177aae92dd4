"""The account: who it is, its opening balance, reconciling with the bank, and money in still to sort.

    ipb-desktop account STORE [--name NAME] [--last-four 1234] [--users "WHO"]
    ipb-desktop opening-balance STORE --date DATE --balance AMOUNT [--source WORDS]
    ipb-desktop reconcile STORE --date DATE --balance AMOUNT
    ipb-desktop to-sort STORE
    ipb-desktop repay STORE --stream N --date DATE --amount AMOUNT [--clawback]
    ipb-desktop surplus STORE [--basis weekly_payment|planned] [--weeks N] [--contingency AMOUNT]

`reconcile` exits 0 (and records the reconciliation, marking the payments up to that day as checked against
the bank) when the app's balance at the end of DATE is the bank's; otherwise it exits 5 and prints the
difference and the payments not yet checked that could explain it.
"""

from __future__ import annotations

import argparse

from ipb_desktop import accounts, funders
from ipb_desktop.cli.common import Subparsers, open_store, say, store_command
from ipb_desktop.errors import EXIT_INVALID_INPUT, EXIT_OK
from ipb_desktop.formatting import date_long, date_short, money
from ipb_desktop.i18n import _
from ipb_desktop.money import parse_pence
from ipb_desktop.validate import parse_date


def register(subparsers: Subparsers) -> None:
    account = store_command(subparsers, "account", help=_("show or set who the account is (printed on the statement)"))
    account.add_argument("--name", help=_("the account's name, for example 'A Testwood direct payment account'"))
    account.add_argument("--last-four", metavar="DIGITS", help=_("the last four digits of the account number"))
    account.add_argument("--users", metavar="WHO", help=_("who may use the account"))
    account.set_defaults(func=run_account)

    opening = store_command(
        subparsers,
        "opening-balance",
        help=_("record what the account held before the first payment in the app"),
    )
    opening.add_argument("--date", required=True, metavar="DATE", help=_("the day the balance is for (its end)"))
    opening.add_argument("--balance", required=True, metavar="AMOUNT", help=_("the balance, for example 412.41"))
    opening.add_argument("--source", metavar="WORDS", help=_("where the figure came from"))
    opening.set_defaults(func=run_opening)

    rec = store_command(
        subparsers,
        "reconcile",
        help=_("check the app's balance against the bank statement's for a day"),
    )
    rec.add_argument("--date", required=True, metavar="DATE", help=_("the day on the bank statement"))
    rec.add_argument("--balance", required=True, metavar="AMOUNT", help=_("the bank's balance at the end of it"))
    rec.set_defaults(func=run_reconcile)

    sort = store_command(subparsers, "to-sort", help=_("list money in that is not linked to a funding stream"))
    sort.set_defaults(func=run_to_sort)

    repay = store_command(
        subparsers, "repay", help=_("record money paid back to a funder, or kept back by it (a clawback)")
    )
    repay.add_argument("--stream", required=True, type=int, metavar="N", help=_("the funding stream's number"))
    repay.add_argument("--date", required=True, metavar="DATE", help=_("the day it was paid back"))
    repay.add_argument("--amount", required=True, metavar="AMOUNT", help=_("how much, for example 350.00"))
    repay.add_argument("--clawback", action="store_true", help=_("the funder kept it back: it never left the account"))
    repay.set_defaults(func=run_repay)

    spare = store_command(
        subparsers, "surplus", help=_("show the surplus worked out as councils do, and change how it is worked out")
    )
    spare.add_argument("--basis", choices=("weekly_payment", "planned"), help=_("weeks of what: the weekly "
                       "direct payment (weekly_payment) or planned spending (planned)"))  # fmt: skip
    spare.add_argument("--weeks", choices=("4", "6", "8", "10", "12"), help=_("how many weeks may be kept"))
    spare.add_argument(
        "--contingency", metavar="AMOUNT", help=_("an agreed contingency kept aside, for example 250.00")
    )
    spare.set_defaults(func=run_surplus)


def run_account(args: argparse.Namespace) -> int:
    with open_store(args) as store, store.transaction() as session:
        now = accounts.identity(session)
        if args.name is not None or args.last_four is not None or args.users is not None:
            now = accounts.set_identity(
                session,
                args.name if args.name is not None else now.name,
                args.last_four if args.last_four is not None else now.last_four,
                args.users if args.users is not None else now.users,
            )
    say(_("Account name: {name}").format(name=now.name or _("not recorded")))
    say(_("Account number ends: {digits}").format(digits=now.last_four or _("not recorded")))
    say(_("Who may use it: {who}").format(who=now.users or _("not recorded")))
    return EXIT_OK


def run_opening(args: argparse.Namespace) -> int:
    day = parse_date(args.date, "date")
    pence = parse_pence(args.balance, "balance", allow_negative=True)
    with open_store(args) as store, store.transaction() as session:
        accounts.set_opening(session, day, pence, args.source or _("typed by hand"))
    say(_("Opening balance recorded: {amount} at the end of {date}.").format(amount=money(pence), date=date_long(day)))
    return EXIT_OK


def run_reconcile(args: argparse.Namespace) -> int:
    day = parse_date(args.date, "date")
    pence = parse_pence(args.balance, "balance", allow_negative=True)
    with open_store(args) as store, store.transaction() as session:
        result = accounts.reconcile(session, day, pence)
    if result.agrees:
        say(
            _("The account agrees with the bank statement of {date}: {amount}. Recorded.").format(
                date=date_long(day), amount=money(pence)
            )
        )
        return EXIT_OK
    say(
        _("The bank says {bank} at the end of {date}; the app says {app}. The difference is {diff}.").format(
            bank=money(result.bank_pence), date=date_long(day), app=money(result.app_pence),
            diff=money(result.difference_pence),
        )
    )  # fmt: skip
    if result.unticked:
        say(_("Payments not yet checked against the bank that could explain it:"))
        for line in result.unticked:
            say(f"  {line.txn_id:>6}  {date_short(line.day)}  {money(line.signed_pence):>12}  {line.payee}")
    else:
        say(_("Every payment up to that day is checked; look for a payment missing from the app."))
    say(_("Nothing was recorded."))
    return EXIT_INVALID_INPUT


def run_to_sort(args: argparse.Namespace) -> int:
    with open_store(args, whole_file=False) as store, store.reading() as session:
        rows = funders.to_sort(session)
    if not rows:
        say(_("All money in is linked to a funding stream."))
    for row in rows:
        say(f"  {row.txn_id:>6}  {date_short(row.day)}  {money(row.amount_pence):>12}  {row.payer}")
    return EXIT_OK


def run_repay(args: argparse.Namespace) -> int:
    from ipb_desktop import repayments

    day = parse_date(args.date, "date")
    pence = parse_pence(args.amount, "amount")
    with open_store(args) as store, store.transaction() as session:
        txn = repayments.record_repayment(session, args.stream, day, pence, clawback=args.clawback)
        number, funder = txn.id, txn.payee
    say(
        (_("Clawback recorded: {amount} kept back by {funder} (payment {id}).") if args.clawback
         else _("Repayment recorded: {amount} paid back to {funder} (payment {id}).")).format(
            amount=money(pence), funder=funder, id=number
        )
    )  # fmt: skip
    return EXIT_OK


def run_surplus(args: argparse.Namespace) -> int:
    from ipb_desktop import budget, figures, settings
    from ipb_desktop.cli import common as cli_common

    day = cli_common.today()
    with open_store(args) as store, store.transaction() as session:
        if args.basis:
            settings.put(session, "surplus_basis", args.basis)
        if args.weeks:
            settings.put(session, "surplus_weeks", args.weeks)
        if args.contingency is not None:
            settings.put(session, "contingency_pence", str(parse_pence(args.contingency, "contingency")))
        period = budget.period_for(session, day)
        found = figures.surplus(session, period.id, day) if period is not None else None
    if found is None:
        say(_("There is no budget period yet, so no surplus can be worked out."))
        return EXIT_OK
    what = _("the weekly direct payment") if found.basis == "weekly_payment" else _("planned spending")
    say(
        _("Money in the account at the end of {date}: {amount}").format(
            date=date_long(day), amount=money(found.balance_pence)
        )
    )
    say(_("  less money already owed: {amount}").format(amount=money(found.owed_pence)))
    for item in found.owed:
        say(f"    {item.description}: {money(item.pence)}")
    say(_("  less the agreed contingency: {amount}").format(amount=money(found.contingency_pence)))
    say(
        _("  less {weeks} weeks of {what} ({weekly} a week): {amount}").format(
            weeks=found.threshold_weeks,
            what=what,
            weekly=money(found.weekly_pence),
            amount=money(found.threshold_pence),
        )
    )
    say(_("Surplus: {amount}").format(amount=money(found.surplus_pence)))
    return EXIT_OK
