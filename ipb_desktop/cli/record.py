"""Subcommands that record things: outcome, rate, plan-line, pay, receive and receipt."""

from __future__ import annotations

import argparse
import os

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipb_desktop import ledger, outcomes, plan
from ipb_desktop.cli import common as cli_common
from ipb_desktop.cli.common import Subparsers, codes_of, current_period, open_store, say, store_command, warn
from ipb_desktop.employment import owed
from ipb_desktop.errors import InvalidInput
from ipb_desktop.fileops import expand_user
from ipb_desktop.formatting import date_long, money
from ipb_desktop.i18n import _
from ipb_desktop.models.enums import Direction, PaymentMethod, RatingScale
from ipb_desktop.models.schema import FundingStream, LifeArea
from ipb_desktop.money import parse_pence
from ipb_desktop.validate import parse_date


def register(subparsers: Subparsers) -> None:
    outcome = store_command(
        subparsers,
        "outcome",
        help=_("add an outcome: something that matters to you, in your own words"),
        description=_("Add an outcome in your own words, and how you will know it is happening."),
    )
    outcome.add_argument("--what", required=True, help=_("what matters to me, for example 'Sleep better'"))
    outcome.add_argument("--how", help=_("how I will know, for example 'I sleep through most nights'"))
    outcome.add_argument("--life-area", metavar="NAME", help=_("the part of life it belongs to, for example Money"))
    outcome.set_defaults(func=run_outcome)

    rate = store_command(
        subparsers,
        "rate",
        help=_("record how an outcome is going (a score)"),
        description=_("Record progress on an outcome: 0 to 10 in your own words unless you choose another scale."),
    )
    rate.add_argument("outcome_id", metavar="OUTCOME_ID", type=int, help=_("the outcome's number"))
    rate.add_argument("score", metavar="SCORE", help=_("a whole number: 0 to 10, or -2 to 2 for goal attainment"))
    rate.add_argument("--date", metavar="DATE", help=_("the day of the rating (default: today)"))
    rate.add_argument("--note", help=_("a few words about how it is going"))
    rate.add_argument(
        "--scale",
        default=RatingScale.OWN_WORDS.value,
        help=_("one of: {codes} (default: own_words)").format(codes=codes_of(RatingScale)),
    )
    rate.add_argument("--instrument", metavar="NAME", help=_("for the 'external' scale: which questionnaire"))
    rate.set_defaults(func=run_rate)

    line = store_command(
        subparsers,
        "plan-line",
        help=_("add a line of agreed support to the plan, with its planned amount"),
        description=_("Add support agreed in the care and support plan, with the amount planned for the period."),
    )
    line.add_argument("--description", required=True, help=_("what the support is, for example 'Pottery class'"))
    line.add_argument("--amount", required=True, help=_("planned amount for the whole period, for example 300.00"))
    line.add_argument("--category", metavar="NAME", help=_("spending category, for example 'Gym and exercise'"))
    line.add_argument("--stream", metavar="ID", type=int, help=_("number of the funding stream that pays for it"))
    line.add_argument(
        "--outcome", metavar="ID", type=int, action="append", default=[], help=_("an outcome it helps (repeatable)")
    )
    line.add_argument(
        "--period", metavar="ID", type=int, help=_("budget period number (default: the stream's, else today's)")
    )
    line.add_argument("--notes", help=_("anything to remember about it"))
    line.set_defaults(func=run_plan_line)

    for name, direction, summary in (
        ("pay", Direction.OUT, _("record money going out of the account")),
        ("receive", Direction.IN, _("record money coming into the account")),
    ):
        txn = store_command(subparsers, name, help=summary)
        txn.add_argument("--date", metavar="DATE", help=_("the day, for example 23/11/2026 (default: today)"))
        txn.add_argument("--amount", required=True, help=_("how much, for example 37.50"))
        txn.add_argument(
            "--payee",
            required=True,
            help=_("who was paid") if direction == Direction.OUT else _("who the money came from"),
        )
        txn.add_argument("--description", help=_("what it was for"))
        txn.add_argument("--category", metavar="NAME", help=_("category name, for example 'Travel'"))
        txn.add_argument("--plan-line", metavar="ID", type=int, help=_("number of the plan line it belongs to"))
        txn.add_argument("--stream", metavar="ID", type=int, help=_("number of the funding stream"))
        txn.add_argument("--outcome", metavar="ID", type=int, help=_("number of the outcome it helps"))
        txn.add_argument("--method", help=_("how it was paid, one of: {codes}").format(codes=codes_of(PaymentMethod)))
        txn.add_argument("--reconciled", action="store_true", help=_("mark it as checked against the bank statement"))
        txn.set_defaults(func=run_transaction, direction=direction.value)

    receipt = store_command(
        subparsers,
        "receipt",
        help=_("keep a photo or PDF of a receipt with a payment"),
        description=_("Keep a receipt (JPEG, PNG, GIF, WebP or PDF) inside the encrypted store, with a payment."),
    )
    receipt.add_argument("txn_id", metavar="TXN_ID", type=int, help=_("the payment's number"))
    receipt.add_argument("file", metavar="FILE", help=_("the photo or PDF file"))
    receipt.set_defaults(func=run_receipt)


def _life_area_id(session: Session, name: str | None) -> int | None:
    if name is None or not name.strip():
        return None
    found = session.scalars(select(LifeArea).where(func.lower(LifeArea.name) == name.strip().lower())).first()
    if found is None:
        names = ", ".join(area.name for area in outcomes.life_areas(session))
        raise InvalidInput(
            "life_area",
            _("there is no life area called '{name}'. Choose one of: {names}").format(
                name=name.strip()[:60], names=names
            ),
        )
    return found.id


def run_outcome(args: argparse.Namespace) -> int:
    with open_store(args) as store, store.transaction() as session:
        details = outcomes.OutcomeDetails(args.what, args.how, _life_area_id(session, args.life_area))
        added = outcomes.add_outcome(session, details, cli_common.today())
        outcome_id, what = added.id, added.what_matters
    say(_("Added outcome {id}: {what}").format(id=outcome_id, what=what))
    return 0


def _score(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError as exc:
        raise InvalidInput("score", _("'{text}' is not a whole number, for example 7").format(text=text[:20])) from exc


def run_rate(args: argparse.Namespace) -> int:
    score = _score(args.score)
    day = parse_date(args.date, "date") if args.date else cli_common.today()
    details = outcomes.RatingDetails(day, score, args.scale.strip(), args.note, args.instrument)
    with open_store(args) as store, store.transaction() as session:
        rating = outcomes.add_rating(session, args.outcome_id, details)
        who = rating.recorded_by
    say(
        _("Recorded a rating of {score} for outcome {id} on {date} (by {who}).").format(
            score=score, id=args.outcome_id, date=date_long(day), who=who
        )
    )
    return 0


def _category_id(session: Session, name: str | None) -> int | None:
    return plan.category_named(session, name).id if name and name.strip() else None


def run_plan_line(args: argparse.Namespace) -> int:
    amount = parse_pence(args.amount, "amount")
    with open_store(args) as store, store.transaction() as session:
        period_id = args.period
        if period_id is None and args.stream is not None:
            stream = session.get(FundingStream, args.stream)
            period_id = stream.period_id if stream is not None else None
        period = current_period(session, period_id, cli_common.today())
        details = plan.PlanLineDetails(
            description=args.description,
            planned_pence=amount,
            category_id=_category_id(session, args.category),
            stream_id=args.stream,
            outcome_ids=tuple(args.outcome),
            notes=args.notes,
        )
        line = plan.add_plan_line(session, period.id, details)
        line_id, description, period_name = line.id, line.description, period.name
    say(
        _("Added plan line {id}: {description}, {amount} planned in period '{period}'.").format(
            id=line_id, description=description, amount=money(amount), period=period_name
        )
    )
    return 0


def run_transaction(args: argparse.Namespace) -> int:
    amount = parse_pence(args.amount, "amount")
    day = parse_date(args.date, "date") if args.date else cli_common.today()
    with open_store(args) as store, store.transaction() as session:
        draft = ledger.TransactionDraft(
            txn_date=day,
            direction=args.direction,
            amount_pence=amount,
            payee=args.payee,
            description=args.description or "",
            payment_method=args.method.strip() if args.method else None,
            category_id=_category_id(session, args.category),
            plan_line_id=args.plan_line,
            stream_id=args.stream,
            outcome_id=args.outcome,
            reconciled=args.reconciled,
        )
        notes = ledger.gentle_warnings(session, draft)
        txn = ledger.add_transaction(session, draft)
        txn_id, payee = txn.id, txn.payee
        matched = owed.match_payments(session) if args.direction == Direction.OUT else []
    if args.direction == Direction.OUT:
        line = _("Recorded payment {id}: {amount} out to {payee} on {date}.")
    else:
        line = _("Recorded payment {id}: {amount} in from {payee} on {date}.")
    say(line.format(id=txn_id, amount=money(amount), payee=payee, date=date_long(day)))
    for match in matched:
        say(
            _("It pays the {what} of payslip {ids}.").format(
                what=_(owed.WHAT_LABELS[match.what]), ids=", ".join(map(str, match.payslip_ids))
            )
        )
    for note in notes:
        warn(note)
    return 0


def _read_receipt(file: str) -> tuple[str, bytes]:
    path = expand_user(file)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > ledger.MAX_RECEIPT_BYTES:  # say the real size, without reading a huge file
                raise InvalidInput(
                    "receipt",
                    _("that file is {size} MB; the most is {max} MB. Try a smaller photo or scan").format(
                        size=f"{size / 1048576:.1f}", max=ledger.MAX_RECEIPT_BYTES // 1048576
                    ),
                )
            # One byte more than allowed is enough for the ledger to say a growing file is too big.
            return path.name, handle.read(ledger.MAX_RECEIPT_BYTES + 1)
    except FileNotFoundError as exc:
        raise InvalidInput("file", _("there is no file at {path}").format(path=path)) from exc
    except IsADirectoryError as exc:
        raise InvalidInput(
            "file", _("{path} is a folder; choose the photo or PDF inside it").format(path=path)
        ) from exc
    except OSError as exc:
        raise InvalidInput(
            "file", _("{path} could not be read ({reason})").format(path=path, reason=exc.strerror)
        ) from exc


def run_receipt(args: argparse.Namespace) -> int:
    name, content = _read_receipt(args.file)
    with open_store(args) as store, store.transaction() as session:
        receipt = ledger.attach_receipt(session, args.txn_id, name, content)
        receipt_id, size = receipt.id, receipt.size_bytes
    say(
        _("Kept receipt {id} ({name}, {size} KB) with payment {txn}.").format(
            id=receipt_id, name=name, size=max(1, round(size / 1024)), txn=args.txn_id
        )
    )
    return 0
