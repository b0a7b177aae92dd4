"""What UK banks' CSV files say beyond their columns: summary lines above or below the payments, the words for a
line the bank has not finished, CR/DR marks, and the headings that mark a card statement (spending shown without
a minus). docs/BANK_FORMATS.md has the whole detection table for people adding their bank.
"""

from __future__ import annotations

from ipb_desktop.bankimport.mapping import normalise_heading

# Lines above or below the payments that give a figure for the account, not a payment (Nationwide's
# "Arranged Overdraft Limit" after the last payment, its "Account Balance:" before the first).
SUMMARY_LABELS = frozenset(
    {
        "account name", "account number", "account balance", "available balance", "balance",
        "closing balance", "opening balance", "current balance", "ledger balance", "cleared balance",
        "arranged overdraft limit", "overdraft limit", "credit limit", "available credit", "available to spend",
        "balance brought forward", "balance carried forward", "total", "totals", "end of statement",
        "statement period", "sort code", "card number",
    }
)  # fmt: skip
# The summary lines whose figure is the account's balance (the bank's own "closing balance").
BALANCE_LABELS = frozenset(
    {"account balance", "closing balance", "current balance", "ledger balance", "balance carried forward"}
)
# A `State` / `Status` column's words for a line the bank has not finished, and for one that moved no money.
PENDING_STATES = frozenset({"pending", "in progress", "authorised", "authorized", "not yet cleared", "uncleared"})
NOT_MOVED_STATES = frozenset({"reverted", "declined", "failed", "cancelled", "canceled", "rejected"})
# CR (money in) and DR (money out), in their own column or after the amount.
MARKS = {"CR": 1, "C": 1, "CREDIT": 1, "DR": -1, "D": -1, "DEBIT": -1}
# Headings only card statements use: their spending is shown without a minus (a payment to the card is CR).
CARD_HEADINGS = frozenset({"date processed", "processed date", "card member", "cardmember", "card number"})


def summary_label(row: list[str]) -> str:
    """The label of a summary line ("arranged overdraft limit"), or "" for any other row."""
    first = next((cell for cell in row if cell.strip()), "").strip()
    if not first or not first[0].isalpha():  # a payment's row starts with a date, a number or an id
        return ""
    label = normalise_heading(first)
    return label if label in SUMMARY_LABELS else ""


def is_card_layout(header: list[str]) -> bool:
    return any(normalise_heading(h) in CARD_HEADINGS for h in header)


def split_mark(text: str) -> tuple[str, int]:
    """ "12.50 CR" -> ("12.50", 1); "£3.00DR" -> ("£3.00", -1); "12.50" -> ("12.50", 0)."""
    raw = text.strip()
    upper = raw.upper()
    for word in ("CR", "DR"):
        rest = raw[: -len(word)].rstrip()
        if upper.endswith(word) and rest and (rest[-1].isdigit() or rest[-1] == ")"):
            return rest, MARKS[word]
    return raw, 0


def state_of(text: str) -> str:
    """ "pending", "not moved" or "" (completed, or no state given)."""
    word = normalise_heading(text)
    if word in PENDING_STATES:
        return "pending"
    if word in NOT_MOVED_STATES:
        return "not moved"
    return ""
