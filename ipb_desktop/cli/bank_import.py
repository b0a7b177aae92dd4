"""`ipb-desktop import STORE FILE [--mapping NAME] [--columns ...] [--date-format F] [--flip-signs]
[--save-mapping NAME] [--dry-run] [--skip-bad-lines] [--account ID]`.

Prints what would be (or was) imported: new lines, lines already in, matches to hand-logged payments, pending
lines, problem lines and the balance check. Suggestions are printed but never applied from the command line.
Lines with problems stop the import (exit code 5) unless `--skip-bad-lines` is given after seeing them; a refused
CSV file gets the exact option that would read it. The column choices are remembered for the bank's layout.
"""

from __future__ import annotations

import argparse

from sqlalchemy.orm import Session

from ipb_desktop import after_import
from ipb_desktop.bankimport import service
from ipb_desktop.bankimport.column_options import MappingOptions
from ipb_desktop.bankimport.lines import LineProblem, StatementRefused
from ipb_desktop.bankimport.writer import clean_text
from ipb_desktop.cli.common import Subparsers, open_store, say, store_command, warn
from ipb_desktop.cli.import_advice import advice
from ipb_desktop.employment import owed
from ipb_desktop.errors import EXIT_INVALID_INPUT, EXIT_OK, IpbError
from ipb_desktop.fileops import expand_user
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
    parser.add_argument(
        "--columns",
        metavar="CHOICES",
        help=_(
            "which column holds what, by heading or number, for example "
            "date=1,amount=Amount,payee=Description or date=Date,paid-out=3,paid-in=4. Names: date, amount, "
            "paid-out, paid-in, payee, description, reference, balance, cr-dr, fee, state, currency"
        ),
    )
    parser.add_argument(
        "--date-format", metavar="FORMAT", help=_("how the dates are written: dd/mm/yyyy, mm/dd/yyyy or yyyy-mm-dd")
    )
    parser.add_argument(
        "--flip-signs",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=_(
            "the file shows spending without a minus (as card statements often do): turn every amount round. "
            "Remembered for this bank's layout; --no-flip-signs takes the signs as written"
        ),
    )
    parser.add_argument(
        "--save-mapping", metavar="NAME", help=_("remember the columns for this bank's layout under this name")
    )
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
    text = clean_text(" ".join(part for part in (line.payee, line.description) if part), 300)
    row = f"  {tag:<9} {date_short(line.txn_date)}  {money(line.amount_pence):>12}  {text}"
    return f"{row}  ({item.note})" if item.note else row


def print_preview(result: service.Preview, record_opening: bool = True) -> None:
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
    for pending in result.pending:
        day = date_short(pending.txn_date) if pending.txn_date else ""
        say(f"  {_('pending'):<9} {day:<10}  {money(pending.amount_pence):>12}  {pending.payee}")
    if result.signs_flipped:
        say(
            _(
                "This file shows spending without a minus, so spending was read as money out "
                "(use --no-flip-signs if that is wrong)."
            )
        )
    for notice in result.statement.notices:
        say(notice)
    for problem in result.statement.balance_mismatches:
        say(_("Balance: {problem}").format(problem=problem))
    if result.balance is not None:
        check = result.balance if record_opening else result.balance.without_opening()
        say(
            _("Balance on {date}: the bank says {bank}; the app will say {app}; difference {diff}").format(
                date=date_long(check.on), bank=money(check.bank_pence), app=money(check.app_pence),
                diff=money(check.difference_pence),
            )
        )  # fmt: skip


def _advise(
    args: argparse.Namespace, session: Session, problems: list[LineProblem], result: service.Preview | None
) -> None:
    """Print each problem with its column, then the option that would fix the file (for CSV)."""
    for problem in problems:
        warn(problem.located())
    options = _options(args)
    try:
        if result is not None and result.table is not None:
            table, mapping = result.table, result.mapping
        else:
            columns = service.csv_columns(session, expand_user(args.file))
            if columns is None:
                return
            table, mapping = columns[0], options.apply(columns[0].header, columns[1])
    except IpbError:
        return
    for line in advice(table, mapping, problems):
        warn(line)


def _options(args: argparse.Namespace) -> MappingOptions:
    return MappingOptions(args.columns, args.date_format, args.flip_signs)


def run_import(args: argparse.Namespace) -> int:
    path = expand_user(args.file)
    with open_store(args) as store:
        with store.reading() as session:
            try:
                result = service.preview(
                    session, path, mapping_name=args.mapping, account=args.account, options=_options(args)
                )
            except StatementRefused as refused:
                _advise(args, session, refused.line_problems, None)
                warn(_("Nothing was imported."))
                return EXIT_INVALID_INPUT
            print_preview(result, record_opening=not args.no_opening_balance)
            if result.problems:
                _advise(args, session, result.problems, result)
        if result.no_payments:
            say(_("This file has no payments in it, so there is nothing to import."))
            return EXIT_OK
        if result.problems and not args.skip_bad_lines:
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
            if not result.duplicates and not result.problems:
                warn(_("There are no payments in this file, only headings. Check it is the right file."))
                return EXIT_INVALID_INPUT
            say(_("Nothing new to import: every line is already in."))
            return EXIT_OK
        with store.transaction() as session:
            choices = service.ImportChoices(
                skip_bad_lines=args.skip_bad_lines,
                mapping_name=args.save_mapping,
                record_opening_balance=not args.no_opening_balance,
            )
            batch = service.commit(session, result, choices)
            added, matched, number = batch.lines_added, batch.lines_matched, batch.id
            paid = owed.match_payments(session)  # wages, HMRC and pension payments pay the payslips they fit
            followed = after_import.result_of(session, batch.id)
            after_import.keep_statement(session, number, result.source_name, path.read_bytes(), result.statement.lines)
            to_sort = after_import.to_sort_text(session, number)
    say(
        ngettext("Imported {n} new payment", "Imported {n} new payments", added).format(n=added)
        + ", "
        + ngettext("matched {m} logged by hand", "matched {m} logged by hand", matched).format(m=matched)
        + " "
        + _("(import number {id}; it can be undone from the app's import history).").format(id=number)
    )
    for match in paid:
        what, ids = _(owed.WHAT_LABELS[match.what]), ", ".join(map(str, match.payslip_ids))
        say(
            _("Payment {txn}: it pays the {what} of payslip {ids}.").format(
                txn=match.transaction_id, what=what, ids=ids
            )
        )
    if followed.opening is not None:
        say(after_import.opening_text(followed.opening))
    for text in after_import.linked_texts(followed.linked):
        say(text)
    if to_sort:
        say(to_sort)
    say(after_import.kept_text())
    return EXIT_OK
