"""Reading every row of a CSV statement with a column mapping, collecting each bad line with its number, its
column and the reason.

Signs: a CR/DR mark (in its own column or after the amount) always decides. Unmarked amounts are taken as
written, unless the mapping says to flip them, or (when the mapping leaves it to the app) the file is a card
statement: card headings, or CR marks with no DR marks, mean spending is shown without a minus.
"""

from __future__ import annotations

import datetime as dt

from ipb_desktop.bankimport import balances, cells, layouts
from ipb_desktop.bankimport.csv_reader import CsvTable
from ipb_desktop.bankimport.lines import (
    BankBalance,
    LineProblem,
    ParsedStatement,
    PendingLine,
    StatementLine,
    StatementRefused,
    pending_notice,
    zero_lines_notice,
)
from ipb_desktop.bankimport.mapping import ColumnMapping
from ipb_desktop.i18n import _, ngettext

# Columns a short row may leave off (a last column of CR marks that is empty on spending lines).
_OPTIONAL = frozenset({"dr_cr", "fee", "state", "currency"})


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _text(row: list[str], index: int | None) -> str:
    """A text cell without the apostrophe some banks (NatWest) put first to keep spreadsheets from changing it."""
    return _cell(row, index).removeprefix("'").strip()


def _mark(row: list[str], mapping: ColumnMapping) -> int:
    return layouts.MARKS.get(_cell(row, mapping.dr_cr).upper(), 0) if mapping.dr_cr is not None else 0


def flips_signs(table: CsvTable, mapping: ColumnMapping) -> bool:
    """Whether unmarked amounts are read the other way round: the person's choice, or the layout's."""
    if mapping.flip_signs is not None:
        return mapping.flip_signs
    if mapping.amount is None:
        return False
    if layouts.is_card_layout(table.header):
        return True
    seen: set[int] = set()
    for _n, row in table.rows:
        seen.add(_mark(row, mapping) or layouts.split_mark(_cell(row, mapping.amount))[1])
    return 1 in seen and -1 not in seen


def _amount(row: list[str], mapping: ColumnMapping, flip: bool) -> int | None:
    if mapping.amount is not None:
        text, mark = layouts.split_mark(_cell(row, mapping.amount))
        mark = _mark(row, mapping) or mark
        value = cells.read_amount(text)
        if value is None:
            return None
        if mark:
            return abs(value) * mark
        return -value if flip else value
    out = cells.read_amount(_cell(row, mapping.paid_out)) or 0
    paid_in = cells.read_amount(_cell(row, mapping.paid_in)) or 0
    if out and paid_in:
        raise ValueError(_("this line has money both paid out and paid in; it should be one or the other"))
    if not out and not paid_in:
        empty = not _cell(row, mapping.paid_out) and not _cell(row, mapping.paid_in)
        return None if empty else 0
    value = -abs(out) if out else abs(paid_in)
    return -value if flip else value


def _stated_balance(row: list[str], order: str) -> tuple[dt.date | None, int] | None:
    """The date (when given) and figure of a summary line such as "Account Balance:","£1,234.56"."""
    day: dt.date | None = None
    figure: int | None = None
    for text in row[1:]:
        if not text.strip():
            continue
        try:
            if cells.looks_like_date(text):
                day = cells.read_date(text, order)
            else:
                figure = cells.read_amount(layouts.split_mark(text)[0])
        except ValueError:
            continue
    return None if figure is None else (day, figure)


def _pending_date(row: list[str], order: str) -> dt.date | None:
    for text in row:
        if text.strip() and cells.looks_like_date(text):
            try:
                return cells.read_date(text, order)
            except ValueError:
                continue
    return None


class _Reader:
    """One pass over the rows, keeping what the statement needs."""

    def __init__(self, table: CsvTable, mapping: ColumnMapping) -> None:
        self.table, self.mapping = table, mapping
        self.statement = ParsedStatement("csv", [])
        self.order = mapping.date_order or cells.choose_order(_cell(row, mapping.date) for _n, row in table.rows)
        self.flip = flips_signs(table, mapping)
        self.statement.signs_flipped = self.flip
        self.zero = self.not_moved = 0
        self.stated: tuple[dt.date | None, int] | None = None
        self.currencies: list[str] = []
        self.needed = max(v for k, v in mapping.columns().items() if v is not None and k not in _OPTIONAL) + 1

    def heading(self, field: str) -> str:
        index = getattr(self.mapping, field)
        if index is None or index >= len(self.table.header):
            return ""
        return self.table.header[index] or _("Column {n}").format(n=index + 1)

    def problem(self, line_no: int, reason: str, field: str = "") -> None:
        self.statement.problems.append(LineProblem(line_no, reason, self.heading(field) if field else "", field))

    def summary(self, row: list[str]) -> bool:
        label = layouts.summary_label(row)
        if label and label in layouts.BALANCE_LABELS:
            self.stated = _stated_balance(row, self.order) or self.stated
        return bool(label)

    def row(self, line_no: int, row: list[str], last: bool) -> None:
        mapping, width, needed = self.mapping, len(self.table.header), self.needed
        if self.summary(row):
            return
        if len(row) < needed:
            if last:
                reason = _("this line is cut short, so the file may not have downloaded completely; download it again")
            else:
                reason = _("this line has {n} columns but the headings have {m}").format(n=len(row), m=width)
            self.problem(line_no, reason)
            return
        if [c for c in row[width:] if c.strip()] and self.table.header_line:
            reason = _("this line has more columns than the headings ({n}, not {m})").format(n=len(row), m=width)
            self.problem(line_no, reason)
            return
        state = layouts.state_of(_cell(row, mapping.state)) if mapping.state is not None else ""
        if state == "not moved":
            self.not_moved += 1
            return
        field = "amount" if mapping.amount is not None else "paid_out"
        try:
            amount = _amount(row, mapping, self.flip)
            if amount is None:
                raise ValueError(_("this line has no amount"))
            field = "fee"
            if mapping.fee is not None:
                amount -= abs(cells.read_amount(_cell(row, mapping.fee)) or 0)
            if state == "pending":
                payee = _text(row, mapping.payee) or _text(row, mapping.description)
                self.statement.pending.append(PendingLine(line_no, _pending_date(row, self.order), amount, payee))
                return
            field = "date"
            day = cells.read_date(_cell(row, mapping.date), self.order)
            field = "balance"
            balance_text = _cell(row, mapping.balance)
            balance = cells.read_amount(balance_text) if balance_text else None
        except ValueError as exc:
            self.problem(line_no, str(exc), field)
            return
        if amount == 0:
            self.zero += 1
            return
        if mapping.currency is not None and _cell(row, mapping.currency):
            self.currencies.append(_cell(row, mapping.currency).upper())
        reference = _cell(row, mapping.reference)
        self.statement.lines.append(
            StatementLine(
                line_no, day, amount, _text(row, mapping.payee), _text(row, mapping.description),
                f"csv:{reference}" if reference else None, balance,
            )
        )  # fmt: skip

    def finish(self) -> ParsedStatement:
        statement = self.statement
        if self.zero:
            statement.notices.append(zero_lines_notice(self.zero))
        if self.not_moved:
            statement.notices.append(
                ngettext(
                    "{n} line was declined or reversed by the bank, so it was left out: no money moved",
                    "{n} lines were declined or reversed by the bank, so they were left out: no money moved",
                    self.not_moved,
                ).format(n=self.not_moved)
            )
        if statement.pending:
            statement.notices.append(pending_notice(len(statement.pending)))
        self._currency()
        if self.mapping.balance is not None:
            statement.balance_mismatches, statement.bank_balance = balances.check_running(statement.lines)
        if statement.bank_balance is None and self.stated is not None and statement.lines:
            day, pence = self.stated
            statement.bank_balance = BankBalance(day or max(line.txn_date for line in statement.lines), pence)
        money_in = sum(1 for line in statement.lines if line.amount_pence > 0)
        if self.mapping.amount is not None and not self.flip and money_in == len(statement.lines) >= 3:
            statement.notices.append(
                _(
                    "Every line in this file is money in. If the file shows spending without a minus sign, as card "
                    "statements often do, choose to flip the signs for this layout"
                )
            )
        return statement

    def _currency(self) -> None:
        found = list(dict.fromkeys(self.currencies))
        if not found:
            return
        self.statement.currency = found[0] if len(found) == 1 else ", ".join(found)
        if found != ["GBP"]:
            foreign = ", ".join(c for c in found if c != "GBP")
            self.statement.notices.append(
                _("This statement is in {currency}, not pounds. Amounts are brought in as they are.").format(
                    currency=foreign
                )
            )


def parse(table: CsvTable, mapping: ColumnMapping) -> ParsedStatement:
    """Every row read with `mapping`; each bad row becomes a problem with its line number, column and reason."""
    wrong = mapping.problems()
    if wrong:
        raise StatementRefused([LineProblem(0, reason) for reason in wrong])
    reader = _Reader(table, mapping)
    for _n, row in table.preamble:
        reader.summary(row)
    last = table.rows[-1][0] if table.rows else 0
    for line_no, row in table.rows:
        reader.row(line_no, row, line_no == last)
    return reader.finish()
