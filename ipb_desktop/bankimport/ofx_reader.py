"""OFX and QFX statements (1.x SGML and 2.x XML), read with the maintained `ofxparse` library.

The text is decoded here (from the header's CHARSET, the XML declaration, or by looking) and handed to
ofxparse as plain ASCII with character references, so odd or missing charset headers cannot trip it up.
ofxparse's own errors are put into plain words, with the line of the file they came from.
"""

from __future__ import annotations

import contextlib
import io
import re
import warnings
from decimal import Decimal
from typing import Any

from ipb_desktop.bankimport.cells import FIRST_YEAR, LAST_YEAR
from ipb_desktop.bankimport.detect import decode_text
from ipb_desktop.bankimport.lines import (
    BankBalance,
    LineProblem,
    ParsedStatement,
    StatementLine,
    StatementRefused,
    zero_lines_notice,
)
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import N_, _
from ipb_desktop.money import decimal_to_pence

_CHARSETS = {"1252": "cp1252", "8859-1": "latin-1", "ISO-8859-1": "latin-1", "UTF-8": "utf-8"}
_HEADER_LINE = re.compile(r"^\s*([A-Z]+)\s*:(.*)$")


def _decode(data: bytes) -> str:
    head = data[:2000].decode("latin-1")
    wanted: str | None = None
    charset = re.search(r"^\s*CHARSET:\s*(\S+)", head, re.MULTILINE)
    encoding = re.search(r"^\s*ENCODING:\s*(\S+)", head, re.MULTILINE)
    declared = re.search(r"<\?xml[^>]*encoding=[\"']([\w.-]+)[\"']", head, re.IGNORECASE)
    if encoding and encoding.group(1).upper() in ("UTF-8", "UNICODE"):
        wanted = "utf-8"
    elif charset:
        wanted = _CHARSETS.get(charset.group(1).upper())
    elif declared:
        wanted = declared.group(1)
    if wanted:
        try:
            return data.decode(wanted).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_text(data)[0].lstrip("\ufeff")


def _for_ofxparse(text: str) -> bytes:
    """ASCII with character references, and a header ofxparse reads the same way every time."""
    out: list[str] = []
    in_header = not text.lstrip().startswith("<")
    for line in text.split("\n"):
        if in_header:
            match = _HEADER_LINE.match(line)
            if "<" in line:
                in_header = False
            elif match and match.group(1) == "ENCODING":
                line = "ENCODING:USASCII"
            elif match and match.group(1) == "CHARSET":
                line = "CHARSET:1252"
            elif match and ":" in match.group(2):
                line = f"{match.group(1)}:{match.group(2).replace(':', '')}"
            elif match is None:
                line = ""
        out.append(line)
    return "\n".join(out).encode("ascii", "xmlcharrefreplace")


_PLAIN = [
    ("missing transaction date", N_("this payment has no date")),
    ("no transaction date", N_("this payment has no date")),
    ("invalid transaction date", N_("this payment's date is empty")),
    ("day is out of range", N_("this payment's date is not a real date")),
    ("month must be in", N_("this payment's date is not a real date")),
    ("invalid transaction amount", N_("this payment's amount is not an amount of money")),
    ("transaction amount", N_("this payment has no amount")),
    ("empty transaction name", N_("this payment has no name")),
    ("transaction name", N_("this payment has no name")),
    ("fit id", N_("this payment has no bank reference (FITID)")),
    ("transaction type", N_("this payment has no type")),
]


def _plain(error: str) -> str:
    lowered = error.lower()
    for key, words in _PLAIN:
        if key in lowered:
            detail = re.search(r"'(.*)'", error)
            text = _(words)
            return f"{text} ('{detail.group(1)}')" if detail else text
    return _("part of this payment could not be read ({detail})").format(detail=error.strip()[:80])


def _line_of(text_lines: list[str], needle: str, start: int = 0) -> int:
    for i in range(start, len(text_lines)):
        if needle in text_lines[i].upper():
            return i + 1
    return 0


def parse(data: bytes, account: str | None = None) -> ParsedStatement:
    """The statement for `account` (or the first account with payments) in an OFX/QFX file."""
    from ofxparse import OfxParser

    text = _decode(data)
    upper_lines = text.upper().split("\n")
    if "</OFX>" not in text.upper():
        raise StatementRefused.because(
            _("this file stops part of the way through, so it may not have downloaded completely; download it again"),
            len(upper_lines),
        )
    with warnings.catch_warnings():
        # ofxparse uses older BeautifulSoup calls, and an HTML parser for XML; neither matters here.
        warnings.simplefilter("ignore")
        try:
            ofx = OfxParser.parse(io.BytesIO(_for_ofxparse(text)), fail_fast=False)
        except Exception as exc:  # ofxparse raises many kinds; the person needs one plain message.
            raise StatementRefused.because(
                _("this OFX file could not be read ({detail}); download it again").format(detail=str(exc)[:80])
            ) from exc
    accounts = [a for a in ofx.accounts if getattr(a, "statement", None) is not None]
    if not accounts:
        raise StatementRefused.because(_("this file has no bank statement in it"))
    chosen = _choose(accounts, account)
    statement = chosen.statement
    account_id = str(chosen.account_id or "")
    parsed = ParsedStatement("ofx", [], account_id=account_id, accounts=[str(a.account_id) for a in accounts])
    if len(accounts) > 1:
        parsed.notices.append(
            _("This file holds {n} accounts ({ids}); this is account {chosen}. Choose another to import it instead.")
            .format(n=len(accounts), ids=", ".join(parsed.accounts), chosen=account_id)
        )  # fmt: skip
    currency = (getattr(statement, "currency", None) or "").upper()
    parsed.currency = currency or None
    if currency and currency != "GBP":
        parsed.notices.append(
            _("This statement is in {currency}, not pounds. Amounts are brought in as they are.").format(
                currency=currency
            )
        )
    for entry in statement.discarded_entries:
        tag = entry.get("content")
        line_no = int(getattr(tag, "sourceline", 0) or 0)
        parsed.problems.append(LineProblem(line_no, _plain(str(entry.get("error", "")))))
    for warning in statement.warnings:
        if (
            "balance amount was empty" in warning
            and "ledger" in warning
            and getattr(statement, "balance", None) is None
        ):
            parsed.problems.append(
                LineProblem(
                    _line_of(upper_lines, "<LEDGERBAL>"),
                    _("the bank's closing balance is empty, so the file may be damaged; download it again"),
                )
            )
            break
    _add_lines(parsed, statement.transactions, upper_lines, account_id)
    balance, when = getattr(statement, "balance", None), getattr(statement, "balance_date", None)
    if balance is not None and when is not None:
        with contextlib.suppress(InvalidInput, ArithmeticError, ValueError):
            parsed.bank_balance = BankBalance(when.date(), decimal_to_pence(Decimal(balance)))
    return parsed


def _choose(accounts: list[Any], wanted: str | None) -> Any:
    if wanted:
        for candidate in accounts:
            if str(candidate.account_id) == wanted:
                return candidate
        raise StatementRefused.because(
            _("this file has no account {wanted} (it has {found})").format(
                wanted=wanted, found=", ".join(str(a.account_id) for a in accounts)
            )
        )
    return next((a for a in accounts if a.statement.transactions), accounts[0])


def _add_lines(parsed: ParsedStatement, transactions: list[Any], upper_lines: list[str], account_id: str) -> None:
    position = 0
    zero = 0
    for txn in transactions:
        fitid = str(txn.id or "").strip()
        found = _line_of(upper_lines, f"<FITID>{fitid.upper()}", position) if fitid else 0
        line_no = found or _line_of(upper_lines, "<STMTTRN>", position)
        position = line_no or position
        try:
            pence = decimal_to_pence(Decimal(txn.amount))
        except (InvalidInput, ArithmeticError, ValueError) as exc:
            why = exc.reason if isinstance(exc, InvalidInput) else _("that is not an amount of money")
            parsed.problems.append(
                LineProblem(
                    line_no, _("the amount {amount} cannot be used: {why}").format(amount=str(txn.amount)[:20], why=why)
                )
            )
            continue
        if pence == 0:
            zero += 1
            continue
        if not FIRST_YEAR <= txn.date.year <= LAST_YEAR:
            parsed.problems.append(
                LineProblem(
                    line_no, _("{day} is not a date this app can use (1990 to 2100)").format(day=txn.date.date())
                )
            )
            continue
        payee = (txn.payee or "").strip()
        memo = (txn.memo or "").strip()
        bank_id = f"ofx:{account_id}:{fitid}" if fitid else None
        parsed.lines.append(
            StatementLine(line_no, txn.date.date(), pence, payee or memo, memo if memo != payee and payee else "",
                          bank_id)
        )  # fmt: skip
    if zero:
        parsed.notices.append(zero_lines_notice(zero))
