"""Importing a statement: `preview` (nothing saved), `commit` (one transaction, one ImportBatch),
`undo_import` (later too, from the import history) and `history`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ipb_desktop import audit, ledger, validate
from ipb_desktop.bankimport import balances, csv_reader, matching, ofx_reader, qif_reader
from ipb_desktop.bankimport import mapping as mappings
from ipb_desktop.bankimport.detect import detect_format
from ipb_desktop.bankimport.lines import (
    MAX_FILE_BYTES,
    LineProblem,
    ParsedStatement,
    StatementLine,
    StatementRefused,
    read_statement_file,
)
from ipb_desktop.bankimport.mapping import ColumnMapping
from ipb_desktop.bankimport.suggest import Suggestion, suggest
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.schema import AuditEntry, ImportBatch, Transaction, utcnow
from ipb_desktop.money import MAX_PENCE

NEW, DUPLICATE, MATCH = "new", "duplicate", "match"
_MATCH_ACTION = "import_match"
_TABLES = Transaction.metadata.tables


@dataclass(frozen=True)
class PreviewLine:
    """A statement line with what the app would do with it. `existing_id` is the transaction already in (for a
    duplicate) or the hand-logged payment it matches (for a match)."""

    line: StatementLine
    bank_id: str
    status: str
    existing_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class BalanceCheck:
    """The bank's balance beside the app's for the same date, counting the lines this import would add."""

    on: dt.date
    bank_pence: int
    app_pence: int

    @property
    def difference_pence(self) -> int:
        return self.bank_pence - self.app_pence


@dataclass
class Preview:
    source_name: str
    file_format: str
    statement: ParsedStatement
    new: list[PreviewLine] = field(default_factory=list)
    duplicates: list[PreviewLine] = field(default_factory=list)
    matches: list[PreviewLine] = field(default_factory=list)
    suggestions: dict[str, Suggestion] = field(default_factory=dict)
    balance: BalanceCheck | None = None
    mapping: ColumnMapping | None = None
    mapping_name: str | None = None
    table: csv_reader.CsvTable | None = None

    @property
    def problems(self) -> list[LineProblem]:
        return self.statement.problems

    @property
    def has_changes(self) -> bool:
        return bool(self.new or self.matches)


@dataclass(frozen=True)
class ImportChoices:
    """What the person decided after seeing the preview.

    `confirmed_matches`: bank ids whose proposed match is confirmed (None: every match the preview shows; a line
    whose match is not confirmed comes in as a new payment). `allocations`: bank id -> the suggestion accepted (or
    changed) for that line; lines not named get no category. `skip_bad_lines`: import without the problem lines.
    """

    skip_bad_lines: bool = False
    confirmed_matches: frozenset[str] | None = None
    allocations: Mapping[str, Suggestion] = field(default_factory=dict)
    remember_mapping: bool = True
    mapping_name: str | None = None


def _source(source: Path | str | bytes, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        if len(source) > MAX_FILE_BYTES:
            raise StatementRefused.because(
                _("this file is too big to be a bank statement; the most this app imports is {max} MB").format(
                    max=MAX_FILE_BYTES // 1048576
                )
            )
        if not source.strip():
            raise StatementRefused.because(_("this file is empty"))
        return source, name or _("statement")
    return read_statement_file(source), name or Path(source).name


def csv_columns(
    session: Session | None, source: Path | str | bytes, name: str | None = None
) -> tuple[csv_reader.CsvTable, ColumnMapping, str | None] | None:
    """For the column-mapping step: a CSV file's rows with the mapping that would be used (remembered for this
    bank, else guessed) and the remembered mapping's name. None when the file is not a CSV."""
    data, source_name = _source(source, name)
    if detect_format(data, source_name) != "csv":
        return None
    table = csv_reader.read_table(data)
    kept = mappings.remembered(session, table.signature) if session is not None else None
    if kept is not None:
        return table, ColumnMapping.from_json(kept.mapping_json), kept.name
    return table, csv_reader.guess_mapping(table), None


def read(
    session: Session | None,
    data: bytes,
    filename: str = "",
    mapping: ColumnMapping | None = None,
    mapping_name: str | None = None,
    account: str | None = None,
) -> tuple[ParsedStatement, csv_reader.CsvTable | None, ColumnMapping | None, str | None]:
    """The file parsed (with the mapping used and its remembered name, for CSV). Without a session, remembered
    mappings are not looked at."""
    kind = detect_format(data, filename)
    if kind == "ofx":
        return ofx_reader.parse(data, account), None, None, None
    if kind == "qif":
        return qif_reader.parse(data), None, None, None
    table = csv_reader.read_table(data)
    used_name: str | None = None
    if mapping is None and mapping_name and session is not None:
        chosen = mappings.named(session, mapping_name)
        mapping, used_name = ColumnMapping.from_json(chosen.mapping_json), chosen.name
    if mapping is None and session is not None:
        kept = mappings.remembered(session, table.signature)
        if kept is not None:
            mapping, used_name = ColumnMapping.from_json(kept.mapping_json), kept.name
    if mapping is None:
        mapping = csv_reader.guess_mapping(table)
    return csv_reader.parse(table, mapping), table, mapping, used_name


def preview(
    session: Session,
    source: Path | str | bytes,
    *,
    name: str | None = None,
    mapping: ColumnMapping | None = None,
    mapping_name: str | None = None,
    account: str | None = None,
) -> Preview:
    """What importing `source` would do. Reads the store, writes nothing.

    Raises StatementRefused when the file cannot be imported at all (not a statement, cut short, or no line
    that can be read); a few bad lines are listed in `Preview.problems` instead.
    """
    data, source_name = _source(source, name)
    statement, table, used, used_name = read(session, data, source_name, mapping, mapping_name, account)
    if not statement.lines and statement.problems:
        raise StatementRefused([LineProblem(0, _("nothing in this file can be imported:")), *statement.problems])
    result = Preview(source_name, statement.file_format, statement, mapping=used, mapping_name=used_name, table=table)
    _classify(session, result)
    return result


def _classify(session: Session, result: Preview, with_suggestions: bool = True) -> None:
    lines = result.statement.lines
    ids = matching.bank_ids(lines)
    already = matching.existing(session, ids)
    fresh: list[tuple[str, StatementLine]] = []
    for bank_id, line in zip(ids, lines, strict=True):
        found = already.get(bank_id)
        if found is not None and not found.revivable:
            note = "" if found.live else _("you deleted this payment earlier, so it is not brought back")
            result.duplicates.append(PreviewLine(line, bank_id, DUPLICATE, found.id, note))
        else:
            fresh.append((bank_id, line))
    proposed: dict[str, matching.HandLogged] = {}
    if fresh:
        first = min(line.txn_date for _b, line in fresh)
        last = max(line.txn_date for _b, line in fresh)
        proposed = matching.propose(fresh, matching.hand_logged(session, first, last))
    for bank_id, line in fresh:
        hand = proposed.get(bank_id)
        if hand is not None:
            days = abs((hand.txn_date - line.txn_date).days)
            note = _("logged by hand as '{payee}' on {date} ({days} days apart)").format(
                payee=hand.payee, date=hand.txn_date.strftime("%d/%m/%Y"), days=days
            )
            result.matches.append(PreviewLine(line, bank_id, MATCH, hand.id, note))
        else:
            result.new.append(PreviewLine(line, bank_id, NEW))
    if with_suggestions:
        result.suggestions = suggest(session, [(p.bank_id, p.line) for p in result.new])
    bank = result.statement.bank_balance
    if bank is not None:
        added = sum(p.line.amount_pence for p in result.new if p.line.txn_date <= bank.on)
        result.balance = BalanceCheck(bank.on, bank.pence, balances.app_balance(session, bank.on) + added)


def _draft(line: StatementLine, bank_id: str, batch_id: int, choice: Suggestion | None) -> ledger.TransactionDraft:
    return ledger.TransactionDraft(
        txn_date=line.txn_date,
        direction=line.direction,
        amount_pence=abs(line.amount_pence),
        payee=_clean(line.payee, 200),
        description=_clean(line.description, 500),
        category_id=choice.category_id if choice else None,
        plan_line_id=choice.plan_line_id if choice else None,
        outcome_id=choice.outcome_id if choice else None,
        reconciled=True,
        bank_id=bank_id,
        import_batch_id=batch_id,
    )


def _clean(text: str, length: int) -> str:
    """Bank text as it can be stored: no control characters, at most `length` characters."""
    return " ".join(text.replace("\x00", " ").split())[:length]


def _audit_many(session: Session, action: str, txn_ids: list[int], details: list[dict[str, object]]) -> None:
    """One audit entry per transaction (as `audit.record` writes them), inserted together."""
    now, actor = utcnow(), audit.actor_of(session)
    rows = [
        {
            "at": now,
            "actor": actor,
            "action": action,
            "entity": "transaction",
            "entity_id": txn_id,
            "detail": json.dumps(detail, sort_keys=True, default=str),
        }
        for txn_id, detail in zip(txn_ids, details, strict=True)
    ]
    if rows:
        session.execute(insert(_TABLES["audit_entry"]), rows)


class _Writer:
    """Adds many statement lines at once: the same checks as `ledger.add_transaction`, but written with three
    multi-row INSERTs (transactions, allocations, audit entries) so 10,000 lines go in within a second or two."""

    def __init__(self, session: Session, batch_id: int) -> None:
        self.session = session
        self.batch_id = batch_id
        self.actor = audit.actor_of(session)
        self.resolved: dict[tuple[int | None, int | None, int | None], tuple[int | None, ...]] = {}
        self.rows: list[dict[str, object]] = []
        self.now = utcnow()
        self.parts: list[tuple[int | None, ...]] = []

    def _parts(self, choice: Suggestion | None) -> tuple[int | None, ...]:
        key = (choice.category_id, choice.plan_line_id, choice.outcome_id) if choice else (None, None, None)
        if key not in self.resolved:
            # ledger's own check fills in a plan line's category, stream and single outcome, and refuses ids
            # that do not exist; its answer is the same for every line with the same choice.
            checked = ledger._check_allocation(self.session, ledger.AllocationDraft(1, key[0], key[1], None, key[2]))
            self.resolved[key] = (checked.category_id, checked.plan_line_id, checked.stream_id, checked.outcome_id)
        return self.resolved[key]

    def add(self, line: StatementLine, bank_id: str, choice: Suggestion | None) -> None:
        validate.date_in_range(line.txn_date, "date")
        amount = abs(line.amount_pence)
        if not 0 < amount <= MAX_PENCE:
            raise InvalidInput("amount", _("the amount must be more than 0.00 and at most 10,000,000.00"))
        self.parts.append(self._parts(choice))
        self.rows.append(
            {
                "txn_date": line.txn_date,
                "direction": line.direction,
                "amount_pence": amount,
                "payee": _clean(line.payee, 200),
                "description": _clean(line.description, 500),
                "reconciled": True,
                "receipt_not_needed": False,
                "recorded_by": self.actor,
                "created_at": self.now,
                "bank_id": bank_id,
                "import_batch_id": self.batch_id,
            }
        )

    def flush(self) -> None:
        if not self.rows:
            return
        self.session.flush()
        self.session.execute(insert(_TABLES["transaction"]), self.rows)
        # Read the new ids back by bank id (unique), which is quicker in SQLite than RETURNING row by row.
        query = select(Transaction.bank_id, Transaction.id).where(Transaction.import_batch_id == self.batch_id)
        id_of = {str(bank_id): txn_id for bank_id, txn_id in self.session.execute(query)}
        ids = [id_of[str(row["bank_id"])] for row in self.rows]
        names = ("category_id", "plan_line_id", "stream_id", "outcome_id")
        allocations = [
            {
                "transaction_id": txn_id,
                "amount_pence": row["amount_pence"],
                "note": None,
                **dict(zip(names, parts, strict=True)),
            }
            for txn_id, row, parts in zip(ids, self.rows, self.parts, strict=True)
        ]
        self.session.execute(insert(_TABLES["allocation"]), allocations)
        details = [
            {"amount": row["amount_pence"], "batch": self.batch_id, "direction": row["direction"]} for row in self.rows
        ]
        _audit_many(self.session, "create", ids, details)
        self.rows.clear()
        self.parts.clear()


def commit(session: Session, result: Preview, choices: ImportChoices | None = None) -> ImportBatch:
    """Bring the previewed statement in, as one ImportBatch inside the caller's transaction.

    The store is compared again here, so a preview made before other changes still adds nothing twice.
    """
    choices = choices or ImportChoices()
    if result.problems and not choices.skip_bad_lines:
        raise StatementRefused(
            [
                LineProblem(0, _("nothing was imported, because some lines of the file have problems:")),
                *result.problems,
            ]
        )
    fresh = Preview(result.source_name, result.file_format, result.statement)
    _classify(session, fresh, with_suggestions=False)
    confirmed = choices.confirmed_matches
    wanted = {p.bank_id: p.existing_id for p in result.matches if confirmed is None or p.bank_id in confirmed}
    matches = [p for p in fresh.matches if wanted.get(p.bank_id) == p.existing_id]
    to_add = fresh.new + [p for p in fresh.matches if p not in matches]
    if not to_add and not matches:
        raise InvalidInput("statement", _("there is nothing new to import: every line is already in"))
    bank = result.statement.bank_balance
    batch = ImportBatch(
        source_name=result.source_name[:300],
        file_format=result.file_format,
        bank_balance_pence=bank.pence if bank else None,
        bank_balance_date=bank.on if bank else None,
        recorded_by=audit.actor_of(session),
    )
    session.add(batch)
    session.flush()
    revivable = matching.existing(session, [p.bank_id for p in to_add])
    writer = _Writer(session, batch.id)
    for item in to_add:
        choice = choices.allocations.get(item.bank_id)
        old = revivable.get(item.bank_id)
        if old is None:
            writer.add(item.line, item.bank_id, choice)
            continue
        # Brought back after its import was undone: the same row, so its history stays in one place.
        ledger.restore_transaction(session, old.id)
        ledger.update_transaction(session, old.id, _draft(item.line, item.bank_id, batch.id, choice))
        ledger.get_transaction(session, old.id).import_batch_id = batch.id
    writer.flush()
    for item in matches:
        txn = ledger.get_transaction(session, item.existing_id or 0)
        txn.bank_id, txn.reconciled = item.bank_id, True
        audit.record(session, _MATCH_ACTION, "transaction", txn.id, batch=batch.id, bank_id=item.bank_id)
    batch.lines_added, batch.lines_matched = len(to_add), len(matches)
    if result.table is not None and result.mapping is not None and choices.remember_mapping:
        mappings.remember(session, result.table.signature, result.mapping, choices.mapping_name)
    audit.record(
        session, "import", "import_batch", batch.id, source=batch.source_name, added=len(to_add), matched=len(matches)
    )
    session.flush()
    return batch


def undo_import(session: Session, batch_id: int) -> ImportBatch:
    """Take an import back out: what it added is marked deleted, what it matched is no longer reconciled."""
    batch = session.get(ImportBatch, batch_id)
    if batch is None:
        raise InvalidInput("import", _("there is no import number {id}").format(id=batch_id))
    if batch.undone_at is not None:
        raise InvalidInput("import", _("this import has already been undone"))
    now = utcnow()
    added = list(
        session.scalars(
            select(Transaction.id).where(Transaction.import_batch_id == batch.id, Transaction.deleted_at.is_(None))
        )
    )
    session.execute(
        update(Transaction)
        .where(Transaction.import_batch_id == batch.id, Transaction.deleted_at.is_(None))
        .values(deleted_at=now)
        .execution_options(synchronize_session=False)
    )
    _audit_many(session, "delete", added, [{"batch": batch.id}] * len(added))
    entries = session.scalars(
        select(AuditEntry).where(
            AuditEntry.action == _MATCH_ACTION,
            AuditEntry.entity == "transaction",
            AuditEntry.detail.contains(f'"batch": {batch.id}'),
        )
    )
    for entry in entries:
        if json.loads(entry.detail).get("batch") == batch.id and entry.entity_id is not None:
            matched = session.get(Transaction, entry.entity_id)
            if matched is not None:
                matched.bank_id, matched.reconciled = None, False
                audit.record(session, "unreconcile", "transaction", matched.id, batch=batch.id)
    batch.undone_at = now
    audit.record(session, "undo", "import_batch", batch.id)
    session.flush()
    return batch


def history(session: Session) -> list[ImportBatch]:
    """Every import, newest first (undone ones too, marked by `undone_at`)."""
    return list(session.scalars(select(ImportBatch).order_by(ImportBatch.imported_at.desc(), ImportBatch.id.desc())))
