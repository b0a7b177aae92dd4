"""What every reader gives back: statement lines, problems with their line numbers, and the refusal error."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ipb_desktop import limits
from ipb_desktop.errors import FieldProblem, InvalidInput
from ipb_desktop.i18n import _, ngettext

MAX_FILE_BYTES = limits.MAX_STATEMENT_BYTES


@dataclass(frozen=True)
class StatementLine:
    """One line of a statement. `amount_pence` is signed: below zero is money out of the account."""

    line_no: int
    txn_date: dt.date
    amount_pence: int
    payee: str
    description: str = ""
    fitid: str | None = None
    balance_pence: int | None = None

    @property
    def direction(self) -> str:
        return "out" if self.amount_pence < 0 else "in"


@dataclass(frozen=True)
class PendingLine:
    """A line the bank has not finished (Revolut's PENDING): left out now, brought in from a later file once the
    bank has completed it. `txn_date` is when it was started, when the file says."""

    line_no: int
    txn_date: dt.date | None
    amount_pence: int
    payee: str


@dataclass(frozen=True)
class LineProblem:
    """Something wrong on one line of the file (line 0 means the file as a whole), in plain words.

    `column` is the heading of the column the problem is in and `field` what that column was used for ("date",
    "amount" ...), when the problem is in one cell."""

    line_no: int
    reason: str
    column: str = ""
    field: str = ""

    def __str__(self) -> str:
        if self.line_no <= 0:
            return self.reason
        return _("Line {n}: {reason}").format(n=self.line_no, reason=self.reason)

    def located(self) -> str:
        """The problem with its column named too: "Line 5, column 'Date': the date is missing"."""
        if self.line_no <= 0 or not self.column:
            return str(self)
        return _("Line {n}, column '{column}': {reason}").format(n=self.line_no, column=self.column, reason=self.reason)


@dataclass(frozen=True)
class BankBalance:
    """The balance the bank gives, and the date it is for."""

    on: dt.date
    pence: int


@dataclass
class ParsedStatement:
    """A whole file read, before it is compared with the store."""

    file_format: str
    lines: list[StatementLine]
    problems: list[LineProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    balance_mismatches: list[LineProblem] = field(default_factory=list)
    bank_balance: BankBalance | None = None
    account_id: str = ""
    accounts: list[str] = field(default_factory=list)
    currency: str | None = None
    pending: list[PendingLine] = field(default_factory=list)
    signs_flipped: bool = False


class StatementRefused(InvalidInput):
    """The file cannot be imported at all; each problem says where and why. Nothing has been saved."""

    def __init__(self, problems: list[LineProblem]) -> None:
        if not problems:
            problems = [LineProblem(0, _("this file cannot be imported"))]
        self.line_problems = list(problems)
        first, *rest = [FieldProblem(_("statement"), str(p)) for p in problems]
        super().__init__(first.field, first.reason, *rest)

    @classmethod
    def because(cls, reason: str, line_no: int = 0) -> StatementRefused:
        return cls([LineProblem(line_no, reason)])


def read_statement_file(path: Path | str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, refusing anything too big to be a statement (checked before reading it)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise StatementRefused.because(
                _(
                    "this file is {size} MB; the most this app imports is {max} MB. A bank statement is usually "
                    "much smaller: check you chose the right file, or download a shorter date range"
                ).format(size=round(size / 1048576, 1), max=max_bytes // 1048576)
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise StatementRefused.because(_("there is no file called {name}").format(name=path.name)) from exc
    except IsADirectoryError as exc:
        raise StatementRefused.because(_("{name} is a folder, not a file").format(name=path.name)) from exc
    except PermissionError as exc:
        raise StatementRefused.because(
            _("this app is not allowed to read {name}; check the file's permissions").format(name=path.name)
        ) from exc
    if not data.strip():
        raise StatementRefused.because(_("this file is empty"))
    return data


def pending_notice(count: int) -> str:
    return ngettext(
        "{n} payment is still pending at the bank, so it was left out. It will come in when you import a later "
        "file in which the bank has finished it",
        "{n} payments are still pending at the bank, so they were left out. They will come in when you import a "
        "later file in which the bank has finished them",
        count,
    ).format(n=count)


def zero_lines_notice(count: int) -> str:
    return ngettext(
        "{n} line with an amount of 0.00 was left out: it moves no money",
        "{n} lines with an amount of 0.00 were left out: they move no money",
        count,
    ).format(n=count)
