"""Subcommands that set a store up: init, holder, period and stream."""

from __future__ import annotations

import argparse

from ipb_desktop import budget, holder, seed
from ipb_desktop.cli import common as cli_common
from ipb_desktop.cli.common import (
    PASSPHRASE_ENV,
    Subparsers,
    actor_for,
    ask_new_passphrase,
    codes_of,
    current_period,
    open_store,
    say,
    store_command,
    store_path,
)
from ipb_desktop.errors import InvalidInput
from ipb_desktop.formatting import date_long, money
from ipb_desktop.i18n import _
from ipb_desktop.models.enums import FunderKind, HeldAs, Schedule
from ipb_desktop.models.store import Store
from ipb_desktop.money import parse_pence
from ipb_desktop.validate import parse_date


def register(subparsers: Subparsers) -> None:
    init = store_command(
        subparsers,
        "init",
        help=_("make a new, empty budget store"),
        description=_(
            "Make a new budget store. You choose a passphrase that locks it: type it twice when asked, "
            "or set {env}. It is never taken from the command line."
        ).format(env=PASSPHRASE_ENV),
    )
    init.set_defaults(func=run_init)

    who = store_command(
        subparsers,
        "holder",
        help=_("save the budget holder's details"),
        description=_("Save the details of the person whose budget this is. Options you leave out stay as they were."),
    )
    who.add_argument("--name", help=_("full name"))
    who.add_argument("--preferred-name", help=_("the name they like to be called"))
    who.add_argument("--nhs-number", metavar="NUMBER", help=_("10-digit NHS number, for example 943 476 5919"))
    who.add_argument("--council-ref", metavar="REF", help=_("the council's reference number"))
    who.add_argument("--care-coordinator", metavar="NAME", help=_("care coordinator's name"))
    who.add_argument("--planner", metavar="NAME", help=_("peer support planner's name"))
    who.add_argument("--next-review", metavar="DATE", help=_("date of the next review, for example 01/03/2027"))
    who.set_defaults(func=run_holder)

    period = store_command(
        subparsers,
        "period",
        help=_("add a budget period (usually 1 April to 31 March)"),
        description=_("Add a budget period. Both dates are included. Periods cannot overlap."),
    )
    period.add_argument("--name", help=_("a name for the period (default: the years, like '2026 to 2027')"))
    period.add_argument("--start", metavar="DATE", required=True, help=_("first day, for example 01/04/2026"))
    period.add_argument("--end", metavar="DATE", required=True, help=_("last day, for example 31/03/2027"))
    period.set_defaults(func=run_period)

    stream = store_command(
        subparsers,
        "stream",
        help=_("add a funding stream (money the budget gets from one funder)"),
        description=_("Add a funding stream to a budget period."),
    )
    stream.add_argument(
        "--funder-kind", metavar="KIND", required=True, help=_("one of: {codes}").format(codes=codes_of(FunderKind))
    )
    stream.add_argument("--funder", metavar="NAME", required=True, help=_("who pays, for example Exampleshire Council"))
    stream.add_argument("--amount", required=True, help=_("amount of each payment, for example 520.00"))
    stream.add_argument(
        "--schedule", required=True, help=_("how often it is paid, one of: {codes}").format(codes=codes_of(Schedule))
    )
    stream.add_argument(
        "--held-as",
        default=HeldAs.DIRECT_PAYMENT.value,
        help=_("how the money is held, one of: {codes} (default: direct_payment)").format(codes=codes_of(HeldAs)),
    )
    stream.add_argument(
        "--paid-in",
        metavar="AMOUNT",
        help=_(
            "for a mixed stream: the part of each payment paid into the account, for example 300.00 "
            "(the rest is held by the funder)"
        ),
    )
    stream.add_argument(
        "--period", metavar="ID", type=int, help=_("budget period number (default: the one covering today)")
    )
    stream.add_argument("--notes", help=_("anything to remember about this stream"))
    stream.set_defaults(func=run_stream)


def create_store(args: argparse.Namespace) -> Store:
    """A new store at STORE (refused before asking for a passphrase if something is already there)."""
    path = store_path(args).absolute()
    actor = actor_for(args)
    if path.exists():
        raise InvalidInput(
            "store",
            _("a file called {name} is already there. Choose another name, or open that store instead").format(
                name=path.name
            ),
        )
    store = seed.create_store(path, ask_new_passphrase(PASSPHRASE_ENV))
    store.actor = actor
    return store


def run_init(args: argparse.Namespace) -> int:
    store = create_store(args)
    store.close()
    say(_("Made a new budget store at {path}.").format(path=store.path))
    return 0


def _keep(given: str | None, saved: str | None) -> str | None:
    """An option left out keeps what was saved before; an empty option ("") clears that detail."""
    return saved if given is None else given


def run_holder(args: argparse.Namespace) -> int:
    review = parse_date(args.next_review, "next_review") if args.next_review else None
    with open_store(args) as store, store.transaction() as session:
        old = holder.get_holder(session)
        details = holder.HolderDetails(
            name=_keep(args.name, old.name if old else None) or "",
            preferred_name=_keep(args.preferred_name, old.preferred_name if old else None),
            nhs_number=_keep(args.nhs_number, old.nhs_number if old else None),
            council_reference=_keep(args.council_ref, old.council_reference if old else None),
            care_coordinator=_keep(args.care_coordinator, old.care_coordinator if old else None),
            peer_support_planner=_keep(args.planner, old.peer_support_planner if old else None),
            next_review_date=review if args.next_review is not None else (old.next_review_date if old else None),
        )
        name = holder.save_holder(session, details).name
    say(_("Saved the budget holder's details for {name}.").format(name=name))
    return 0


def run_period(args: argparse.Namespace) -> int:
    start = parse_date(args.start, "start")
    end = parse_date(args.end, "end")
    name = args.name if args.name is not None else _("{start} to {end}").format(start=start.year, end=end.year)
    with open_store(args) as store, store.transaction() as session:
        period = budget.add_period(session, name, start, end)
        period_id, period_name = period.id, period.name
    say(
        _("Added budget period {id}, '{name}': {start} to {end}.").format(
            id=period_id, name=period_name, start=date_long(start), end=date_long(end)
        )
    )
    return 0


def run_stream(args: argparse.Namespace) -> int:
    amount = parse_pence(args.amount, "amount")
    details = budget.StreamDetails(
        funder_kind=args.funder_kind.strip(),
        funder_name=args.funder,
        amount_pence=amount,
        schedule=args.schedule.strip(),
        held_as=args.held_as.strip(),
        notes=args.notes,
        paid_in_pence=None if args.paid_in is None else parse_pence(args.paid_in, "paid_in"),
    )
    with open_store(args) as store, store.transaction() as session:
        period = current_period(session, args.period, cli_common.today())
        stream = budget.add_stream(session, period.id, details)
        stream_id, period_name = stream.id, period.name
    say(
        _("Added funding stream {id}: {amount} {schedule} from {funder}, in period '{period}'.").format(
            id=stream_id,
            amount=money(amount),
            schedule=details.schedule,
            funder=details.funder_name.strip(),
            period=period_name,
        )
    )
    return 0
