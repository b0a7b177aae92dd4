"""QIF statements (Quicken Interchange Format): records of `D`ate, `T`/`U` amount, `P`ayee, `M`emo, ended by `^`.

Dates in QIF are written many ways (15/01/2024, 01/15'24, 2024-01-15); the order is decided from the whole file.
"""

from __future__ import annotations

import html
import re

from ipb_desktop.bankimport import cells
from ipb_desktop.bankimport.detect import decode_text
from ipb_desktop.bankimport.lines import (
    LineProblem,
    ParsedStatement,
    StatementLine,
    StatementRefused,
    zero_lines_notice,
)
from ipb_desktop.i18n import _

# Some banks (Santander) pad the payee to a fixed width and add the balance after a comma: "TESCO    , 1080.00".
_PADDED_TAIL = re.compile(r"\s{2,},\s*[-+]?£?[\d,]*\d(\.\d\d)?\s*$")


def clean(text: str) -> str:
    """A payee or memo as a person would write it: "M&amp;S" becomes "M&S", padding and a figure tacked on
    after it go."""
    return " ".join(html.unescape(_PADDED_TAIL.sub("", text)).split())


_NON_BANK = ("!type:invst", "!type:memorized", "!type:cat", "!type:class", "!type:prices", "!type:security")


def parse(data: bytes) -> ParsedStatement:
    text, _encoding = decode_text(data)
    records: list[tuple[int, dict[str, str]]] = []
    current: dict[str, str] = {}
    start = 0
    skipping = False
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("!"):
            skipping = line.lower().startswith(_NON_BANK)
            continue
        if skipping:
            continue
        if line == "^":
            if current:
                records.append((start, current))
            current = {}
            continue
        if not current:
            start = number
        code, value = line[0].upper(), line[1:].strip()
        if code in "DTUPMN" and code not in current:
            current[code] = value
    if current:
        raise StatementRefused.because(
            _("the last payment in this file has no end mark (^), so the file may be cut short; download it again"),
            start,
        )
    if not records:
        raise StatementRefused.because(_("this QIF file has no payments in it"))
    order = cells.choose_order(fields.get("D", "").replace("'", "/") for _n, fields in records)
    statement = ParsedStatement("qif", [])
    zero = 0
    for line_no, fields in records:
        try:
            day = cells.read_date(fields.get("D", "").replace("'", "/"), order)
            amount = cells.read_amount(fields.get("T", fields.get("U", "")))
            if amount is None:
                raise ValueError(_("this payment has no amount"))
        except ValueError as exc:
            statement.problems.append(LineProblem(line_no, str(exc)))
            continue
        if amount == 0:
            zero += 1
            continue
        payee, memo = clean(fields.get("P", "")), clean(fields.get("M", ""))
        statement.lines.append(StatementLine(line_no, day, amount, payee or memo, memo if payee else ""))
    if zero:
        statement.notices.append(zero_lines_notice(zero))
    return statement
