"""CSV statements from UK banks and prepaid-card portals.

`read_table` finds the encoding, the delimiter and the row of headings (after any preamble lines);
`parse` reads every row with a column mapping, collecting each bad line with its number and reason.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from ipb_desktop.bankimport import balances, cells
from ipb_desktop.bankimport.detect import decode_text
from ipb_desktop.bankimport.lines import (
    LineProblem,
    ParsedStatement,
    StatementLine,
    StatementRefused,
    zero_lines_notice,
)
from ipb_desktop.bankimport.mapping import ColumnMapping, guess, header_signature, looks_like_header
from ipb_desktop.i18n import _

_DELIMITERS = (",", ";", "\t", "|")
_HEADER_SEARCH_ROWS = 30


@dataclass
class CsvTable:
    """The file split into rows. `header_line` is 0 when the file has no row of headings."""

    encoding: str
    delimiter: str
    header_line: int
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def signature(self) -> str:
        return header_signature(self.header)

    def sample(self, count: int = 5) -> list[list[str]]:
        return [row for _n, row in self.rows[:count]]


def _split(text: str, delimiter: str, limit: int | None = None) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((start, row))
                if limit is not None and len(rows) >= limit:
                    break
            start = reader.line_num + 1
    except csv.Error as exc:
        raise StatementRefused.because(
            _("this line could not be read as a CSV row ({detail})").format(detail=exc), start
        ) from exc
    return rows


def _delimiter(text: str) -> str:
    """The delimiter that splits the most rows into the same number (two or more) of columns."""
    best, best_score = ",", (-1, -1)
    for delimiter in _DELIMITERS:
        rows = _split(text, delimiter, limit=200) if delimiter in text else []
        counts = Counter(len(row) for _n, row in rows if len(row) >= 2)
        if not counts:
            continue
        width, hits = counts.most_common(1)[0]
        score = (hits, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _has_date(row: list[str]) -> bool:
    return any(cells.looks_like_date(cell) for cell in row)


def read_table(data: bytes) -> CsvTable:
    """Rows of the file with the row of headings found; refuses files that are not a statement."""
    text, encoding = decode_text(data)
    text = text.lstrip("\ufeff")
    delimiter = _delimiter(text)
    rows = _split(text, delimiter)
    if not rows:
        raise StatementRefused.because(_("this file is empty"))
    for position, (line_no, row) in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if looks_like_header(row):
            header = [cell.strip() for cell in row]
            return CsvTable(encoding, delimiter, line_no, header, rows[position + 1 :])
    for position, ((line_no, row), (_next_no, following)) in enumerate(
        zip(rows[:_HEADER_SEARCH_ROWS], rows[1 : _HEADER_SEARCH_ROWS + 1], strict=False)
    ):
        # Headings this app does not know (the person maps them): a row of words above the first row of dates.
        if len(row) >= 2 and len(row) == len(following) and _has_date(following) and not _has_date(row):
            return CsvTable(encoding, delimiter, line_no, [cell.strip() for cell in row], rows[position + 1 :])
    first = rows[0][1]
    if _has_date(first) and len(first) >= 2:
        width = max(len(row) for _n, row in rows[:50])
        header = [_("Column {n}").format(n=i + 1) for i in range(width)]
        return CsvTable(encoding, delimiter, 0, header, rows)
    raise StatementRefused.because(
        _(
            "this file does not look like a bank statement: no row of column headings with a date and an amount "
            "was found near the top. Check you chose the statement file"
        ),
        rows[0][0],
    )


def guess_mapping(table: CsvTable) -> ColumnMapping:
    """The headings' guess, or for a file without headings a guess from what the first rows hold."""
    if table.header_line:
        return guess(table.header)
    rows = table.sample(20)
    width = len(table.header)

    def share(test: object, column: int) -> float:
        values = [row[column] for row in rows if column < len(row) and row[column].strip()]
        ok = 0
        for value in values:
            try:
                ok += bool(test(value))  # type: ignore[operator]
            except ValueError:
                pass
        return ok / len(values) if values else 0.0

    date = next((i for i in range(width) if share(cells.looks_like_date, i) > 0.8), None)
    money = [i for i in range(width) if i != date and share(lambda v: cells.read_amount(v) is not None, i) > 0.8]
    texts = [i for i in range(width) if i != date and i not in money]
    payee = max(texts, key=lambda i: sum(len(r[i]) for r in rows if i < len(r)), default=None)
    if len(money) >= 3:
        return ColumnMapping(date=date, payee=payee, paid_out=money[0], paid_in=money[1], balance=money[2])
    return ColumnMapping(
        date=date, payee=payee, amount=money[0] if money else None, balance=money[1] if len(money) > 1 else None
    )


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _amount(row: list[str], mapping: ColumnMapping) -> int | None:
    if mapping.amount is not None:
        return cells.read_amount(_cell(row, mapping.amount))
    out = cells.read_amount(_cell(row, mapping.paid_out)) or 0
    paid_in = cells.read_amount(_cell(row, mapping.paid_in)) or 0
    if out and paid_in:
        raise ValueError(_("this line has money both paid out and paid in; it should be one or the other"))
    if not out and not paid_in:
        empty = not _cell(row, mapping.paid_out) and not _cell(row, mapping.paid_in)
        return None if empty else 0
    return -abs(out) if out else abs(paid_in)


def parse(table: CsvTable, mapping: ColumnMapping) -> ParsedStatement:
    """Every row read with `mapping`; each bad row becomes a problem with its line number and reason."""
    wrong = mapping.problems()
    if wrong:
        raise StatementRefused([LineProblem(0, reason) for reason in wrong])
    statement = ParsedStatement("csv", [])
    width = len(table.header)
    needed = max(v for v in mapping.as_dict().values() if v is not None) + 1
    order = cells.choose_order(_cell(row, mapping.date) for _n, row in table.rows)
    zero_lines = 0
    last = table.rows[-1][0] if table.rows else 0
    for line_no, row in table.rows:
        extra = [c for c in row[width:] if c.strip()]
        if len(row) < needed:
            if line_no == last:
                reason = _("this line is cut short, so the file may not have downloaded completely; download it again")
            else:
                reason = _("this line has {n} columns but the headings have {m}").format(n=len(row), m=width)
            statement.problems.append(LineProblem(line_no, reason))
            continue
        if extra and table.header_line:
            statement.problems.append(
                LineProblem(
                    line_no,
                    _("this line has more columns than the headings ({n}, not {m})").format(n=len(row), m=width),
                )
            )
            continue
        try:
            day = cells.read_date(_cell(row, mapping.date), order)
            amount = _amount(row, mapping)
            if amount is None:
                raise ValueError(_("this line has no amount"))
            balance_text = _cell(row, mapping.balance)
            balance = cells.read_amount(balance_text) if balance_text else None
        except ValueError as exc:
            statement.problems.append(LineProblem(line_no, str(exc)))
            continue
        if amount == 0:
            zero_lines += 1
            continue
        payee = _cell(row, mapping.payee)
        description = _cell(row, mapping.description)
        reference = _cell(row, mapping.reference)
        statement.lines.append(
            StatementLine(line_no, day, amount, payee, description, f"csv:{reference}" if reference else None, balance)
        )
    if zero_lines:
        statement.notices.append(zero_lines_notice(zero_lines))
    if mapping.balance is not None:
        statement.balance_mismatches, statement.bank_balance = balances.check_running(statement.lines)
    return statement
