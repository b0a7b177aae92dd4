"""Which CSV column holds what: a guess from the headings, fixed by the person if need be, and remembered per
bank by the file's header signature so next month's import needs no questions."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import audit
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import N_, _
from ipb_desktop.models.schema import CsvMapping

# What each column can be, with the words the column-mapping step shows.
FIELD_LABELS = {
    "date": N_("Date"),
    "payee": N_("Who (payee or description)"),
    "description": N_("More detail (memo, reference)"),
    "amount": N_("Amount (money out shown with a minus)"),
    "paid_out": N_("Paid out"),
    "paid_in": N_("Paid in"),
    "balance": N_("Balance after the payment"),
    "reference": N_("Bank's own id for the line"),
    "dr_cr": N_("CR or DR mark (money in or out)"),
    "fee": N_("Fee charged on the payment"),
    "state": N_("State (pending or completed)"),
    "currency": N_("Currency"),
}
COLUMN_FIELDS = tuple(FIELD_LABELS)

_KEYWORDS: dict[str, tuple[str, ...]] = {
    "date": ("transaction date", "date", "posted date", "posting date", "date posted", "completed date",
             "booking date", "value date", "date processed", "processed date", "started date"),
    "amount": ("amount", "value", "transaction amount", "net amount", "amount in gbp", "debit credit",
               "credit debit", "paid in out", "money in out"),
    "paid_out": ("debit amount", "debit", "debits", "paid out", "money out", "out", "withdrawals", "withdrawal",
                 "payments", "spent", "amount out"),
    "paid_in": ("credit amount", "credit", "credits", "paid in", "money in", "in", "deposits", "deposit",
                "receipts", "received", "amount in"),
    "balance": ("balance", "running balance", "account balance", "available balance"),
    "payee": ("payee", "name", "merchant", "merchant name", "counterparty", "counter party", "payee name",
              "paid to", "beneficiary", "merchant description", "merchant details"),
    "description": ("transaction description", "description", "details", "transaction details", "narrative",
                    "memo", "notes", "note", "reference", "particulars", "transaction type description", "transaction"),
    "reference": ("transaction id", "fitid", "unique id", "transaction reference"),
    "dr_cr": ("cr dr", "dr cr", "credit debit indicator", "debit credit indicator", "credit debit mark",
              "debit credit code", "cr dr indicator"),
    "fee": ("fee", "fees", "charge", "fee amount"),
    "state": ("state", "status", "transaction status", "transaction state"),
    "currency": ("currency", "currency code", "ccy"),
}  # fmt: skip
_GUESS_ORDER = (
    "date",
    "reference",
    "paid_out",
    "paid_in",
    "amount",
    "balance",
    "payee",
    "description",
    "dr_cr",
    "fee",
    "state",
    "currency",
)


@dataclass(frozen=True)
class ColumnMapping:
    """Column numbers (from 0) for each field; a statement needs a date and either `amount` or paid out/in.

    Two choices go with the columns and are remembered with them: `flip_signs` (True: the file shows spending
    without a minus, as card statements do; False: take the signs as written; None: let the app decide from the
    layout) and `date_order` ("dmy", "mdy" or "ymd"; None: decided from the file's own dates).
    """

    date: int | None = None
    payee: int | None = None
    description: int | None = None
    amount: int | None = None
    paid_out: int | None = None
    paid_in: int | None = None
    balance: int | None = None
    reference: int | None = None
    dr_cr: int | None = None
    fee: int | None = None
    state: int | None = None
    currency: int | None = None
    flip_signs: bool | None = None
    date_order: str | None = None

    def problems(self) -> list[str]:
        """What is missing or doubled, in plain words (empty when the mapping can be used)."""
        found: list[str] = []
        if self.date is None:
            found.append(_("choose the column that holds the date"))
        if self.amount is None and self.paid_out is None and self.paid_in is None:
            found.append(_("choose the column with the amount, or the 'paid out' and 'paid in' columns"))
        if self.amount is not None and (self.paid_out is not None or self.paid_in is not None):
            found.append(_("use either one amount column or 'paid out' and 'paid in' columns, not both"))
        used = [v for v in self.columns().values() if v is not None]
        if len(used) != len(set(used)):
            found.append(_("each column can be used for one thing only"))
        return found

    def as_dict(self) -> dict[str, int | None]:
        """The column numbers, by field (the choices `flip_signs` and `date_order` are attributes)."""
        return self.columns()

    def columns(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in COLUMN_FIELDS}

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in asdict(self).items() if v is not None}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        raw = json.loads(text)
        found: dict[str, object] = {
            k: (int(v) if v is not None else None) for k, v in raw.items() if k in COLUMN_FIELDS
        }
        if isinstance(raw.get("flip_signs"), bool):
            found["flip_signs"] = raw["flip_signs"]
        if raw.get("date_order") in ("dmy", "mdy", "ymd"):
            found["date_order"] = raw["date_order"]
        return cls(**found)  # type: ignore[arg-type]


def normalise_heading(text: str) -> str:
    """ "Amount (£)" and "AMOUNT" both become "amount"."""
    cleaned = re.sub(r"\(.*?\)|[£$€]|\bgbp\b", " ", text.casefold())
    return " ".join(re.sub(r"[^0-9a-z]+", " ", cleaned).split())


def header_signature(header: list[str]) -> str:
    """A fingerprint of the column headings (64 hex characters), the same every month for one bank's export."""
    cells = [normalise_heading(h) for h in header]
    while cells and not cells[-1]:
        cells.pop()
    return hashlib.sha256("\x1f".join(cells).encode()).hexdigest()


def _find(normalised: list[str], field: str, taken: set[int]) -> int | None:
    for word in _KEYWORDS[field]:
        for i, cell in enumerate(normalised):
            if cell == word and i not in taken:
                return i
    return None


def _date_like(heading: str) -> bool:
    return heading in _KEYWORDS["date"] or heading.endswith(" date") or heading.startswith("date ")


def looks_like_header(cells: list[str]) -> bool:
    """A row with a date heading and some kind of amount heading."""
    normalised = [normalise_heading(c) for c in cells]
    has_date = any(_date_like(c) for c in normalised)
    money_words = _KEYWORDS["amount"] + _KEYWORDS["paid_out"] + _KEYWORDS["paid_in"]
    has_money = any(c in money_words or "amount" in c.split() for c in normalised)
    return has_date and has_money


def _filled(rows: list[list[str]], index: int) -> bool:
    return any(index < len(row) and row[index].strip() for row in rows)


def _find_filled(normalised: list[str], field: str, taken: set[int], rows: list[list[str]] | None) -> int | None:
    """Like `_find`, but passing over a column that is empty in every row when another heading fits and has text
    (Starling's empty "Notes" beside its "Reference")."""
    first = _find(normalised, field, taken)
    if first is None or rows is None or _filled(rows, first):
        return first
    for word in _KEYWORDS[field]:
        for i, cell in enumerate(normalised):
            if cell == word and i not in taken and _filled(rows, i):
                return i
    return first


def guess(header: list[str], rows: list[list[str]] | None = None) -> ColumnMapping:
    """The best guess from the headings (and, when given, the first rows: an empty column is not chosen for
    the detail when another column fits)."""
    normalised = [normalise_heading(h) for h in header]
    taken: set[int] = set()
    found: dict[str, int | None] = {}
    for field in _GUESS_ORDER:
        index = (
            _find_filled(normalised, field, taken, rows) if field == "description" else _find(normalised, field, taken)
        )
        if index is None and field == "date":
            index = next((i for i, c in enumerate(normalised) if _date_like(c) and i not in taken), None)
        if index is None and field == "amount":
            index = next((i for i, c in enumerate(normalised) if "amount" in c.split() and i not in taken), None)
        if index is not None:
            taken.add(index)
        found[field] = index
    if found["paid_out"] is not None or found["paid_in"] is not None:
        if found["amount"] is not None and (found["paid_out"] is None or found["paid_in"] is None):
            # "Amount" beside a lone "Debit" column: trust the single signed amount instead.
            found["paid_out"] = found["paid_in"] = None
        else:
            found["amount"] = None
    mapping = ColumnMapping(**found)  # type: ignore[arg-type]
    if mapping.payee is None and mapping.description is not None:
        mapping = replace(mapping, payee=mapping.description, description=None)
    return mapping


def remembered(session: Session, signature: str) -> CsvMapping | None:
    return session.scalars(
        select(CsvMapping).where(CsvMapping.header_signature == signature).order_by(CsvMapping.id.desc())
    ).first()


def named(session: Session, name: str) -> CsvMapping:
    row = session.scalars(select(CsvMapping).where(CsvMapping.name == name.strip())).first()
    if row is None:
        names = ", ".join(m.name for m in all_mappings(session)) or _("none yet")
        raise InvalidInput(
            "mapping",
            _("there is no saved column mapping called '{name}' (saved: {names})").format(
                name=name.strip(), names=names
            ),
        )
    return row


def all_mappings(session: Session) -> list[CsvMapping]:
    return list(session.scalars(select(CsvMapping).order_by(CsvMapping.name)))


def remember(session: Session, signature: str, mapping: ColumnMapping, name: str | None = None) -> CsvMapping:
    """Keep `mapping` for files with this header signature (updating the one already kept, if any)."""
    row = remembered(session, signature)
    wanted = (name or "").strip()[:100]
    if row is None:
        base = wanted or _("Bank statement columns")
        taken = {m.name for m in all_mappings(session)}
        unique, n = base, 2
        while unique in taken:
            unique, n = f"{base[:95]} ({n})", n + 1
        row = CsvMapping(name=unique, header_signature=signature, mapping_json=mapping.to_json())
        session.add(row)
        session.flush()
        audit.record(session, "create", "csv_mapping", row.id, name=row.name)
        return row
    if row.mapping_json != mapping.to_json() or (wanted and wanted != row.name):
        if wanted and wanted != row.name and wanted in {m.name for m in all_mappings(session)}:
            raise InvalidInput("mapping", _("there is already a column mapping called '{name}'").format(name=wanted))
        row.mapping_json = mapping.to_json()
        row.name = wanted or row.name
        audit.record(session, "update", "csv_mapping", row.id, name=row.name)
    return row


def forget(session: Session, name: str) -> str:
    """Delete the saved mapping called `name` (its bank's next file is guessed again); returns its name."""
    row = named(session, name)
    audit.record(session, "delete", "csv_mapping", row.id, name=row.name)
    session.delete(row)
    session.flush()
    return row.name
