"""The one way a CSV cell is written, so no spreadsheet runs a payee as a formula.

Payees and descriptions come from bank statements, which anyone who can pay money in can influence. A text cell
that begins with `=`, `+`, `-` or `@` (or a tab or carriage return, which some spreadsheets skip before looking)
would be run as a formula when the file is opened, so it gets an apostrophe in front: spreadsheets show the text
as it was. Numbers ("-12.50", "1250") stay numbers.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, Protocol

_RISKY_FIRST = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def spreadsheet_cell(value: object) -> str:
    """The text to write for one cell: None is empty, True/False are "true"/"false", risky text is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text.startswith(_RISKY_FIRST) and _NUMBER.fullmatch(text) is None:
        return "'" + text
    return text


class SafeWriter:
    """`csv.writer` that passes every cell through `spreadsheet_cell` (headings included)."""

    def __init__(self, handle: _Writable, lineterminator: str = "\r\n") -> None:
        self._writer = csv.writer(handle, lineterminator=lineterminator)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([spreadsheet_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)
