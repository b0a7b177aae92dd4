"""`ipb-desktop import STORE FILE [--mapping NAME] [--dry-run] [--skip-bad-lines] [--account ID]`.

Prints what would be (or was) imported: new lines, lines already in, matches to hand-logged payments, problem
lines and the balance check. Suggestions are printed but never applied from the command line. Lines with
problems stop the import (exit code 5) unless `--skip-bad-lines` is given after seeing them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ipb_desktop import after_import, documents
from ipb_desktop.bankimport import service
from ipb_desktop.cli.common import Subparsers, open_store, say, store_command, warn
from ipb_desktop.errors import EXIT_INVALID_INPUT, EXIT_OK
from ipb_desktop.formatting import date_long, date_short, money
from ipb_desktop.i18n import _, ngettext


def register(subparsers: Subparsers) -> None:
    parser = store_command(
        subparsers,
        "import",
        help=_("bring in a bank or prepaid-card statement (CSV, OFX, QFX or QIF)"),
        description=_(
            "Bring in a statement downloaded from your bank or prepaid-card website. Lines already in the store "
            "are left alone, and lines that match a payment you logged by hand are marked as checked against the "
            "bank. Use --dry-run first to see what would happen."
        ),
    )
    parser.add_argument("file", metavar="FILE", help=_("the statement file"))
    parser.add_argument("--mapping", metavar="NAME", help=_("a saved CSV column mapping to use, by its name"))
    parser.add_argument("--account", metavar="ID", help=_("for an OFX file with several accounts: which one"))
    parser.add_argument("--dry-run", action="store_true", help=_("show what would be imported; save nothing"))
    parser.add_argument(
        "--skip-bad-lines",
        action="store_true",
        help=_("import the good lines even though some lines have problems (those lines are left out)"),
    )
    parser.add_argument(
        "--no-opening-balance",
        action="store_true",
        help=_("on a first import, do not record the bank's opening balance from the file"),
    )
    parser.set_defaults(func=run_import)


def _line(tag: str, item: service.PreviewLine) -> str:
    line = item.line
    text = " ".join(part for part in (line.payee, line.description) if part)
    row = f"  {tag:<9} {date_short(line.txn_date)}  {money(line.amount_pence):>12}  {text}"
    return f"{row}  ({item.note})" if item.note else row


def print_preview(result: service.Preview) -> None:
    say(_("Statement: {name} ({kind})").format(name=result.source_name, kind=result.file_format.upper()))
    if result.mapping is not None:
        say(_("Columns: {how}").format(how=result.mapping_name or _("guessed from the headings")))
    say(
        _("{new} new, {dup} already in, {match} matching payments you logged by hand, {bad} with problems").format(
            new=len(result.new), dup=len(result.duplicates), match=len(result.matches), bad=len(result.problems)
        )
    )
    for item in result.new:
        say(_line(_("new"), item))
        suggestion = result.suggestions.get(item.bank_id)
        if suggestion is not None:
            say(
                "            "
                + _("suggested: {label} ({reason})").format(label=suggestion.label, reason=suggestion.reason)
            )
    for item in result.matches:
        say(_line(_("match"), item))
    for item in result.duplicates:
        say(_line(_("already in"), item))
    for notice in result.statement.notices:
        say(notice)
    for problem in result.statement.balance_mismatches:
        say(_("Balance: {problem}").format(problem=problem))
    if result.balance is not None:
        check = result.balance
        say(
            _("Balance on {date}: the bank says {bank}; the app will say {app}; difference {diff}").format(
                date=date_long(check.on), bank=money(check.bank_pence), app=money(check.app_pence),
                diff=money(check.difference_pence),
            )
        )  # fmt: skip


def run_import(args: argparse.Namespace) -> int:
    path = Path(args.file).expanduser()
    with open_store(args) as store:
        with store.reading() as session:
            result = service.preview(session, path, mapping_name=args.mapping, account=args.account)
            print_preview(result)
        if result.problems:
            for problem in result.problems:
                warn(str(problem))
            if not args.skip_bad_lines:
                warn(
                    _(
                        "Nothing was imported. Fix the file, or run again with --skip-bad-lines to import the other "
                        "lines without these."
                    )
                )
                return EXIT_INVALID_INPUT
        if args.dry_run:
            say(_("Nothing was saved (this was a dry run)."))
            return EXIT_OK
        if not result.has_changes:
            say(_("Nothing new to import: every line is already in."))
            return EXIT_OK
        with store.transaction() as session:
            choices = service.ImportChoices(
                skip_bad_lines=args.skip_bad_lines, record_opening_balance=not args.no_opening_balance
            )
            batch = service.commit(session, result, choices)
            added, matched, number = batch.lines_added, batch.lines_matched, batch.id
            followed = after_import.result_of(session, batch.id)
            days = [line.txn_date for line in result.statement.lines]
            documents.keep_bank_statement(
                session, result.source_name, path.read_bytes(), min(days, default=None), max(days, default=None), number
            )
    say(
        ngettext("Imported {n} new payment", "Imported {n} new payments", added).format(n=added)
        + ", "
        + ngettext("matched {m} logged by hand", "matched {m} logged by hand", matched).format(m=matched)
        + " "
        + _("(import number {id}; it can be undone from the app's import history).").format(id=number)
    )
    if followed.opening is not None:
        say(
            _("Opening balance recorded from the file: {amount} at the end of {date}.").format(
                amount=money(followed.opening.balance_pence), date=date_long(followed.opening.on_date)
            )
        )
    for link in followed.linked:
        say(
            _("Linked money in of {amount} on {date} from {payer} to {funder}.").format(
                amount=money(link.amount_pence), date=date_short(link.day), payer=link.payer, funder=link.funder_name
            )
        )
    return EXIT_OK
