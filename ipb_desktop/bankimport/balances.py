"""Balances: checking a statement's running balance against its own amounts. (The app's balance on a date is
`figures.balance_on`, the one definition every surface uses.)"""

from __future__ import annotations

from ipb_desktop.bankimport.lines import BankBalance, LineProblem, StatementLine
from ipb_desktop.formatting import money
from ipb_desktop.i18n import _


def chronological(lines: list[StatementLine]) -> list[StatementLine]:
    """The lines oldest first. Banks list newest first or oldest first; the first and last dates say which."""
    if len(lines) >= 2 and lines[0].txn_date > lines[-1].txn_date:
        return lines[::-1]
    # All one day: the order whose running balance adds up.
    one_day = len(lines) >= 2 and lines[0].txn_date == lines[-1].txn_date
    if one_day and len(_mismatches(lines[::-1])) < len(_mismatches(lines)):
        return lines[::-1]
    return list(lines)


def _mismatches(ordered: list[StatementLine]) -> list[tuple[StatementLine, int]]:
    found: list[tuple[StatementLine, int]] = []
    previous: int | None = None
    for line in ordered:
        if line.balance_pence is None:
            previous = None
            continue
        if previous is not None and previous + line.amount_pence != line.balance_pence:
            found.append((line, previous + line.amount_pence))
        previous = line.balance_pence
    return found


def check_running(lines: list[StatementLine]) -> tuple[list[LineProblem], BankBalance | None]:
    """Each line's balance should be the line before's balance plus its amount. Returns every line where it is
    not, and the closing balance (the bank's figure after the newest line).

    Lines are checked in the file's order, or in date order when a line out of place (an interest line listed
    early) makes the running balance add up only that way; the closing balance comes from the last line of that
    order, so it is the balance after the newest line rather than after the file's last row."""
    ordered = chronological(lines)
    by_date = sorted(ordered, key=lambda line: line.txn_date)
    if by_date != ordered and len(_mismatches(by_date)) <= len(_mismatches(ordered)):
        ordered = by_date
    problems = [
        LineProblem(
            line.line_no,
            _(
                "the file says the balance after this line is {given}, but the balance before it and this amount "
                "make {expected} (a difference of {diff})"
            ).format(
                given=money(line.balance_pence or 0),
                expected=money(expected),
                diff=money(abs((line.balance_pence or 0) - expected)),
            ),
        )
        for line, expected in _mismatches(ordered)
    ]
    closing = next((line for line in reversed(ordered) if line.balance_pence is not None), None)
    balance = (
        BankBalance(closing.txn_date, closing.balance_pence) if closing and closing.balance_pence is not None else None
    )
    return problems, balance
