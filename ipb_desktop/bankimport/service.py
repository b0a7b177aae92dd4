"""Importing a statement: `preview` (nothing saved) and `commit` (one transaction, one ImportBatch).

`undo_import`, `restore_import` and `history` live in `bankimport.history`, and `still_to_do` (what an import
leaves to do) in `bankimport.follow_up`; they are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import accounts, after_import, audit, figures, ledger
from ipb_desktop.bankimport import csv_reader, csv_rows, matching, ofx_reader, qif_reader
from ipb_desktop.bankimport import mapping as mappings
from ipb_desktop.bankimport.column_options import MappingOptions
from ipb_desktop.bankimport.detect import detect_format
from ipb_desktop.bankimport.follow_up import StillToDo, still_to_do
from ipb_desktop.bankimport.history import MATCH_ACTION, history, restore_import, undo_import
from ipb_desktop.bankimport.lines import (
    MAX_FILE_BYTES,
    LineProblem,
    ParsedStatement,
    PendingLine,
    StatementLine,
    StatementRefused,
    read_statement_file,
)
from ipb_desktop.bankimport.mapping import ColumnMapping
from ipb_desktop.bankimport.suggest import Suggestion, suggest
from ipb_desktop.bankimport.writer import BulkWriter, clean_text
from ipb_desktop.errors import InvalidInput
from ipb_desktop.formatting import date_short
from ipb_desktop.i18n import _, ngettext
from ipb_desktop.models import batch_fill
from ipb_desktop.models.schema import ImportBatch, Transaction

__all__ = ["StillToDo", "history", "restore_import", "still_to_do", "undo_import"]

NEW, DUPLICATE, MATCH = "new", "duplicate", "match"


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
    opening_pence: int = 0  # the opening balance this first import would record, counted in `app_pence`

    @property
    def difference_pence(self) -> int:
        return self.bank_pence - self.app_pence

    def without_opening(self) -> BalanceCheck:
        """The check when the person chooses not to record the opening balance."""
        return BalanceCheck(self.on, self.bank_pence, self.app_pence - self.opening_pence)


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
    opening: after_import.OpeningOffer | None = None  # what a first import would record as the opening balance

    @property
    def problems(self) -> list[LineProblem]:
        return self.statement.problems

    @property
    def has_changes(self) -> bool:
        return bool(self.new or self.matches)

    @property
    def no_payments(self) -> bool:
        """The file holds no finished payment at all (only headings, or only pending lines)."""
        return not self.statement.lines

    @property
    def pending(self) -> list[PendingLine]:
        """Lines the bank has not finished: shown, left out, and brought in from a later file."""
        return self.statement.pending

    @property
    def signs_flipped(self) -> bool:
        """Unmarked amounts were read the other way round (spending shown without a minus)."""
        return self.statement.signs_flipped


@dataclass(frozen=True)
class ImportChoices:
    """What the person decided after seeing the preview.

    `confirmed_matches`: bank ids whose proposed match is confirmed (None: every match the preview shows; a line
    whose match is not confirmed comes in as a new payment). `allocations`: bank id -> what the person chose for
    that line (a suggestion they accepted, or their own choice made with `line_choice`); lines not named come in
    with nothing chosen, and a choice naming something that does not exist refuses the whole import.
    `skip_bad_lines`: import without the problem lines.
    """

    skip_bad_lines: bool = False
    confirmed_matches: frozenset[str] | None = None
    allocations: Mapping[str, Suggestion] = field(default_factory=dict)
    remember_mapping: bool = True
    mapping_name: str | None = None
    # The first import into an account with no payments records the bank's opening balance (after_import).
    record_opening_balance: bool = True
    # The funding stream chosen for each payer's money in (by payee key; None: leave it to sort).
    payer_streams: Mapping[str, int | None] = field(default_factory=dict)


def line_choice(
    category_id: int | None = None, plan_line_id: int | None = None, outcome_id: int | None = None
) -> Suggestion:
    """The person's own choice for one line, in the form `ImportChoices.allocations` takes. As when logging a
    payment by hand, a plan line brings its category, funding stream and (when it has just one) its outcome."""
    return Suggestion(category_id, plan_line_id, outcome_id)


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
    options: MappingOptions | None = None,
) -> tuple[ParsedStatement, csv_reader.CsvTable | None, ColumnMapping | None, str | None]:
    """The file parsed (with the mapping used and its remembered name, for CSV). Without a session, remembered
    mappings are not looked at. `options` (the command line's --columns, --date-format, --flip-signs) change
    the mapping that would otherwise be used."""
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
    kept = mappings.remembered(session, table.signature) if session is not None else None
    if mapping is not None and kept is not None:
        # The window's column step gives the columns only: the layout's remembered choices still apply.
        mapping = _with_choices(mapping, ColumnMapping.from_json(kept.mapping_json))
    if mapping is None and kept is not None:
        mapping, used_name = ColumnMapping.from_json(kept.mapping_json), kept.name
        mapping = _with_new_columns(mapping, csv_reader.guess_mapping(table))
    if mapping is None:
        mapping = csv_reader.guess_mapping(table)
    if options is not None and not options.empty:
        mapping = options.apply(table.header, mapping)
    return csv_rows.parse(table, mapping), table, mapping, used_name


def _with_choices(mapping: ColumnMapping, kept: ColumnMapping) -> ColumnMapping:
    return replace(
        mapping,
        flip_signs=kept.flip_signs if mapping.flip_signs is None else mapping.flip_signs,
        date_order=mapping.date_order or kept.date_order,
    )


def _with_new_columns(kept: ColumnMapping, guessed: ColumnMapping) -> ColumnMapping:
    """A mapping remembered before the app knew CR/DR, Fee, State and Currency columns gains them from the
    guess (a Revolut mapping saved earlier then leaves pending lines out instead of refusing them)."""
    used = {v for v in kept.columns().values() if v is not None}
    found = {
        name: getattr(guessed, name)
        for name in ("dr_cr", "fee", "state", "currency")
        if getattr(kept, name) is None and getattr(guessed, name) is not None and getattr(guessed, name) not in used
    }
    return replace(kept, **found) if found else kept


def preview(
    session: Session,
    source: Path | str | bytes,
    *,
    name: str | None = None,
    mapping: ColumnMapping | None = None,
    mapping_name: str | None = None,
    account: str | None = None,
    options: MappingOptions | None = None,
) -> Preview:
    """What importing `source` would do. Reads the store, writes nothing.

    Raises StatementRefused when the file cannot be imported at all (not a statement, cut short, or no line
    that can be read); a few bad lines are listed in `Preview.problems` instead.
    """
    data, source_name = _source(source, name)
    statement, table, used, used_name = read(session, data, source_name, mapping, mapping_name, account, options)
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
            note = ngettext(
                "logged by hand as '{payee}' on {date} ({days} day apart)",
                "logged by hand as '{payee}' on {date} ({days} days apart)",
                days,
            ).format(payee=hand.payee, date=date_short(hand.txn_date), days=days)
            result.matches.append(PreviewLine(line, bank_id, MATCH, hand.id, note))
        else:
            result.new.append(PreviewLine(line, bank_id, NEW))
    if with_suggestions:
        refresh_suggestions(session, result)
    bank = result.statement.bank_balance
    if bank is not None:
        added = sum(p.line.amount_pence for p in result.new if p.line.txn_date <= bank.on)
        result.opening = after_import.opening_offer(session, result.source_name, result.statement.lines, bank)
        opening = result.opening.balance_pence if result.opening else 0
        app = figures.balance_on(session, bank.on) + added + opening
        result.balance = BalanceCheck(bank.on, bank.pence, app, opening)


def refresh_suggestions(session: Session, result: Preview) -> None:
    """Work the preview's suggestions out again (after the person turned a learned rule off or on)."""
    result.suggestions = suggest(session, [(p.bank_id, p.line) for p in result.new])


def _draft(line: StatementLine, bank_id: str, batch_id: int, choice: Suggestion | None) -> ledger.TransactionDraft:
    return ledger.TransactionDraft(
        txn_date=line.txn_date,
        direction=line.direction,
        amount_pence=abs(line.amount_pence),
        payee=clean_text(line.payee, 200),
        description=clean_text(line.description, 500),
        category_id=choice.category_id if choice else None,
        plan_line_id=choice.plan_line_id if choice else None,
        outcome_id=choice.outcome_id if choice else None,
        reconciled=True,
        bank_id=bank_id,
        import_batch_id=batch_id,
    )


def _payments(session: Session, ids: list[int]) -> dict[int, Transaction]:
    """The live payments with these ids, by id."""
    found: dict[int, Transaction] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = select(Transaction).where(Transaction.id.in_(chunk), Transaction.deleted_at.is_(None))
        found.update((txn.id, txn) for txn in session.scalars(query))
    return found


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
    if not result.statement.lines:
        raise InvalidInput("statement", _("there is nothing to import: this file has no payments in it"))
    if not to_add and not matches:
        if not fresh.duplicates:
            raise InvalidInput("statement", _("there are no payments in this file, only headings"))
        raise InvalidInput("statement", _("there is nothing new to import: every line is already in"))
    bank = result.statement.bank_balance
    first_import = not accounts.has_payments_through_account(session)
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
    writer = BulkWriter(session, batch.id)
    with batch_fill.filled_once(session):  # the search index and month totals once for the batch, not per row
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
    # The matched payments read in one go: one at a time, each read flushed the one before (10 ms apiece).
    matched = _payments(session, [item.existing_id or 0 for item in matches])
    for item in matches:
        txn = matched.get(item.existing_id or 0) or ledger.get_transaction(session, item.existing_id or 0)
        txn.bank_id, txn.reconciled = item.bank_id, True
        audit.record(session, MATCH_ACTION, "transaction", txn.id, batch=batch.id, bank_id=item.bank_id)
    batch.lines_added, batch.lines_matched = len(to_add), len(matches)
    after_import.run(
        session,
        batch.id,
        batch.source_name,
        list(result.statement.lines),
        bank,
        choices.record_opening_balance,
        first_import=first_import,
        payer_streams=choices.payer_streams,
    )
    if result.table is not None and result.mapping is not None and choices.remember_mapping:
        mappings.remember(session, result.table.signature, result.mapping, choices.mapping_name)
    audit.record(
        session, "import", "import_batch", batch.id, source=batch.source_name, added=len(to_add), matched=len(matches)
    )
    session.flush()
    return batch
