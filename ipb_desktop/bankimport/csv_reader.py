"""CSV statements from UK banks and prepaid-card portals.

`read_table` finds the encoding, the delimiter and the row of headings (after any preamble lines);
`guess_mapping` guesses which column is which; `csv_rows.parse` reads every row with a column mapping.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
from collections import Counter
from dataclasses import dataclass, field, replace

from ipb_desktop.bankimport import cells
from ipb_desktop.bankimport.detect import decode_text
from ipb_desktop.bankimport.layouts import MARKS
from ipb_desktop.bankimport.lines import StatementRefused
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
    preamble: list[tuple[int, list[str]]] = field(default_factory=list)

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
            return CsvTable(encoding, delimiter, line_no, header, rows[position + 1 :], rows[:position])
    for position, ((line_no, row), (_next_no, following)) in enumerate(itertools.pairwise(rows)):
        # Headings this app does not know (the person maps them): a row of words above the first row of dates.
        if len(row) >= 2 and len(row) == len(following) and _has_date(following) and not _has_date(row):
            header = [cell.strip() for cell in row]
            return CsvTable(encoding, delimiter, line_no, header, rows[position + 1 :], rows[:position])
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


def _mark_column(table: CsvTable, mapping: ColumnMapping) -> int | None:
    """A column holding nothing but CR/DR marks (John Lewis card files: an unnamed last column)."""
    used = {v for v in mapping.columns().values() if v is not None}
    for index in range(len(table.header)):
        if index in used:
            continue
        values = {row[index].strip().upper() for _n, row in table.rows if index < len(row) and row[index].strip()}
        if values and values <= MARKS.keys():
            return index
    return None


def guess_mapping(table: CsvTable) -> ColumnMapping:
    """The headings' guess (checked against the first rows), or for a file without headings a guess from what
    the first rows hold."""
    mapping = _guess(table)
    if mapping.dr_cr is None and (mapping.amount is not None):
        mapping = replace(mapping, dr_cr=_mark_column(table, mapping))
    return mapping


def _guess(table: CsvTable) -> ColumnMapping:
    if table.header_line:
        return guess(table.header, table.sample(50))
    rows = table.sample(20)
    width = len(table.header)

    def share(test: object, column: int) -> float:
        values = [row[column] for row in rows if column < len(row) and row[column].strip()]
        ok = 0
        for value in values:
            with contextlib.suppress(ValueError):
                ok += bool(test(value))  # type: ignore[operator]
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
