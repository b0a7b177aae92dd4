"""Command-line statements, review packs and CSV exports (registered in `ipb_desktop.cli.COMMAND_MODULES`):

    ipb-desktop statement STORE (--from DATE --to DATE | --preset NAME) --out FILE.pdf|FILE.html [--large-print]
                          [--language en_GB|cy] [--format pdf|html]
    ipb-desktop review-pack STORE --out FILE.pdf|FILE.html [--large-print] [--no-transactions]
                          [--from DATE --to DATE] [--language en_GB|cy] [--format pdf|html]
    ipb-desktop export-csv STORE --out FILE.csv [--what transactions|summary] [--from DATE --to DATE | --preset]
    ipb-desktop evidence-pack STORE (--from DATE --to DATE | --preset NAME) --out FILE.pdf|FILE.html [--large-print]
                          [--language en_GB|cy] [--format pdf|html]

Each prints where the file was saved and that it is not encrypted. Exit codes are those of `ipb_desktop.cli`.
A document is written in the language given with --language, or else the one chosen in the store's settings.
It is a PDF, or its accessible twin (a web page with real headings and tables, the same figures) when --out
ends in .html or --format html is given.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ipb_desktop import i18n, settings
from ipb_desktop.cli import common as cli_common
from ipb_desktop.cli.common import Subparsers, open_store, say, store_command, store_path
from ipb_desktop.errors import IpbError
from ipb_desktop.i18n import _
from ipb_desktop.models.store import Store
from ipb_desktop.statements import csv_export, html_documents, output, pdf_review_pack, pdf_statement
from ipb_desktop.statements.periods import DateRange, Preset, check_range, resolve
from ipb_desktop.validate import parse_date


def _range_options(parser: argparse.ArgumentParser, preset: bool = True) -> None:
    parser.add_argument("--from", dest="start", metavar="DATE", help=_("first day, for example 01/04/2026"))
    parser.add_argument("--to", dest="end", metavar="DATE", help=_("last day, for example 30/06/2026"))
    if preset:
        parser.add_argument(
            "--preset",
            choices=[p.value for p in Preset],
            help=_("instead of --from and --to: {choices}").format(choices=", ".join(p.value for p in Preset)),
        )


LANGUAGES = ("en_GB", "cy")


def _language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        help=_("the document's language: en_GB (English) or cy (Welsh); by default the one chosen in the store"),
    )


@contextmanager
def _document_language(args: argparse.Namespace, store: Store) -> Iterator[None]:
    """Write the document in the language asked for (or the store's own choice), then go back."""
    chosen = getattr(args, "language", None)
    if chosen is None:
        with store.reading() as session:
            chosen = settings.get(session, "language") or "en_GB"
    before = i18n.current_locale()
    i18n.set_locale(chosen)
    try:
        yield
    finally:
        i18n.set_locale(before)


def _format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("pdf", "html"),
        help=_("pdf, or html for the accessible version (a web page); by default from the end of --out"),
    )


def _as_html(args: argparse.Namespace, out: Path) -> bool:
    """The accessible web page when asked for with --format html, or when --out ends in .html."""
    chosen = getattr(args, "format", None)
    return chosen == "html" if chosen is not None else html_documents.is_html(out)


def register(subparsers: Subparsers) -> None:
    statement = store_command(
        subparsers,
        "statement",
        help=_("save a statement (monitoring return) for some dates as a PDF or an accessible web page"),
    )
    _range_options(statement)
    statement.add_argument(
        "--out", required=True, metavar="FILE", help=_("where to save it: FILE.pdf, or FILE.html for a web page")
    )
    statement.add_argument("--large-print", action="store_true", help=_("bigger text"))
    _language_option(statement)
    _format_option(statement)
    statement.set_defaults(func=run_statement)

    pack = store_command(
        subparsers,
        "review-pack",
        help=_("save a review pack as a PDF or an accessible web page (by default: since the last review)"),
    )
    _range_options(pack, preset=False)
    pack.add_argument(
        "--out", required=True, metavar="FILE", help=_("where to save it: FILE.pdf, or FILE.html for a web page")
    )
    pack.add_argument("--large-print", action="store_true", help=_("bigger text and more space"))
    pack.add_argument("--no-transactions", action="store_true", help=_("leave out the full list of payments"))
    _language_option(pack)
    _format_option(pack)
    pack.set_defaults(func=run_review_pack)

    export = store_command(
        subparsers,
        "export-csv",
        help=_("save payments or the summary as a CSV file for a spreadsheet (by default: this budget year)"),
    )
    _range_options(export)
    export.add_argument("--out", required=True, metavar="FILE.csv", help=_("where to save the CSV file"))
    export.add_argument(
        "--what",
        choices=("transactions", "summary"),
        default="transactions",
        help=_("transactions (every payment, the default) or summary (the statement's figures)"),
    )
    export.set_defaults(func=run_export_csv)

    evidence = store_command(
        subparsers,
        "evidence-pack",
        help=_("save the statement with every receipt and bank statement for some dates, as one PDF (or a web page)"),
    )
    _range_options(evidence)
    evidence.add_argument(
        "--out", required=True, metavar="FILE", help=_("where to save it: FILE.pdf, or FILE.html for a web page")
    )
    evidence.add_argument("--large-print", action="store_true", help=_("bigger text"))
    _language_option(evidence)
    _format_option(evidence)
    evidence.set_defaults(func=run_evidence_pack)


def _dates(args: argparse.Namespace, store_range: DateRange | None) -> DateRange:
    """From --from/--to, else from the preset (or the default range given)."""
    if args.start or args.end:
        if not (args.start and args.end):
            raise IpbError(_("Give both --from and --to, or neither."))
        return check_range(parse_date(args.start, "from"), parse_date(args.end, "to"))
    if store_range is None:
        raise IpbError(_("Say which dates: --from DATE --to DATE, or --preset NAME."))
    return store_range


def _store_dates(args: argparse.Namespace, store: Store, fallback: Preset | None = None) -> DateRange:
    """--from/--to, else --preset, else `fallback` (None: the person must say which dates)."""
    preset = None if args.start or args.end else getattr(args, "preset", None) or fallback
    if preset is None:
        return _dates(args, None)
    with store.reading() as session:
        return resolve(session, preset, cli_common.today())


def _out(args: argparse.Namespace) -> Path:
    return output.check_destination(Path(args.out), store_path(args))


# Writes one document of a store for some dates to an open file (the web page or the PDF of it).
Writer = Callable[[Store, BinaryIO, DateRange], object]


def _save_document(args: argparse.Namespace, fallback: Preset | None, as_html: Writer, as_pdf: Writer) -> int:
    """The statement, review pack or evidence pack as --out asks (web page or PDF), in the document's language,
    for the dates asked (else `fallback`); then say that the file is not encrypted."""
    out = _out(args)
    write = as_html if _as_html(args, out) else as_pdf
    with open_store(args, whole_file=False) as store:  # reads only: each page is checked as it is read
        dates = _store_dates(args, store, fallback)
        with _document_language(args, store):
            output.write_file(out, lambda handle: write(store, handle, dates))
    say(output.not_encrypted_note(out))
    return 0


def run_statement(args: argparse.Namespace) -> int:
    return _save_document(
        args,
        None,
        lambda store, handle, dates: html_documents.write_statement_from_store(
            store, handle, dates.start, dates.end, cli_common.today()
        ),
        lambda store, handle, dates: pdf_statement.write_from_store(
            store, handle, dates.start, dates.end, cli_common.today(), args.large_print
        ),
    )


def run_review_pack(args: argparse.Namespace) -> int:
    return _save_document(
        args,
        Preset.SINCE_LAST_REVIEW,
        lambda store, handle, dates: html_documents.write_review_pack_from_store(
            store, handle, dates.start, dates.end, cli_common.today(), not args.no_transactions
        ),
        lambda store, handle, dates: pdf_review_pack.write_from_store(
            store,
            handle,
            dates.start,
            dates.end,
            cli_common.today(),
            large_print=args.large_print,
            include_transactions=not args.no_transactions,
        ),
    )


def run_export_csv(args: argparse.Namespace) -> int:
    out = _out(args)
    with open_store(args, whole_file=False) as store:  # reads only: each page is checked as it is read
        dates = _store_dates(args, store, Preset.THIS_BUDGET_YEAR)
        if args.what == "summary":
            csv_export.export_summary(store, out, dates.start, dates.end, cli_common.today())
        else:
            csv_export.export_transactions(store, out, dates.start, dates.end)
    say(output.not_encrypted_note(out))
    return 0


def run_evidence_pack(args: argparse.Namespace) -> int:
    from ipb_desktop.statements import pdf_evidence

    return _save_document(
        args,
        None,
        lambda store, handle, dates: html_documents.write_evidence_pack_from_store(
            store, handle, dates.start, dates.end, cli_common.today()
        ),
        lambda store, handle, dates: pdf_evidence.write_from_store(
            store, handle, dates.start, dates.end, cli_common.today(), args.large_print
        ),
    )
