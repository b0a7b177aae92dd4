"""The crash harness: a writer that changes a store through the real services, and a "zygote" that forks writers.

The zygote is one fresh Python process that imports the app once and then forks a writer whenever the test asks,
so each of the many kill rounds costs milliseconds instead of a second of imports. The test kills the writer with
SIGKILL at a random moment, asks the zygote to reap it, then checks the store.

The writer's log is the proof. Before committing it writes `PENDING <seq> <digest>`, where the digest covers every
table as it will be once the commit lands; after the commit returns it writes `DONE <seq>`. After a kill the store
must match the digest of the last DONE change (nothing committed is lost) or, at most, that of the single change
that was in flight (its commit may have reached the disk just before the kill): never anything else, never half.

Run as `python -m tests.reliability.harness zygote` (the test does this).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import sys
import traceback
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import backup, ledger, outcomes
from ipb_desktop.bankimport import service as bankimport
from ipb_desktop.errors import InvalidInput, WrongPassphrase
from ipb_desktop.models.schema import Base, ImportBatch, PlanLine, Receipt, Transaction
from ipb_desktop.models.store import Store

PASSPHRASE = "purple otter umbrella"
_SKIPPED_TABLES = {"store_info"}  # opening a store stamps last_opened_at; everything else must match exactly
_MAGIC = [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"%PDF-1.7\n"]


def state_digest(conn: sa.Connection) -> str:
    """A fingerprint of every row of every table (receipt files included), as this connection sees them."""
    digest = hashlib.sha256()
    for table in Base.metadata.sorted_tables:
        if table.name in _SKIPPED_TABLES:
            continue
        digest.update(table.name.encode())
        columns = ", ".join(f'"{column.name}"' for column in table.columns)  # a later migration may add more
        for row in conn.exec_driver_sql(f'SELECT {columns} FROM "{table.name}" ORDER BY rowid'):
            for value in row:
                digest.update(hashlib.sha256(value).digest() if isinstance(value, bytes) else repr(value).encode())
                digest.update(b"\x1f")
            digest.update(b"\x1e")
    return digest.hexdigest()


class Writer:
    """Changes the store for ever, logging each change before and after its commit."""

    def __init__(self, store_path: Path, log_path: Path, seed: int, backup_folder: Path) -> None:
        self.store_path = store_path
        self.rng = random.Random(seed)
        self.backup_folder = backup_folder
        self.log_fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self.seq = 0

    def log(self, line: str) -> None:
        os.write(self.log_fd, (line + "\n").encode())

    def run(self) -> None:
        store = Store.open(self.store_path, PASSPHRASE)
        self.log("OPEN")
        with store.reading() as s:
            self.plan_lines = list(s.scalars(select(PlanLine.id)))
            self.outcomes = [o.id for o in outcomes.list_outcomes(s)]
        while True:
            roll = self.rng.random()
            if roll < 0.03:
                store.close()  # folds the log into the store: a checkpoint to be killed in
                store = Store.open(self.store_path, PASSPHRASE)
                self.log("REOPEN")
                continue
            if roll < 0.05:
                made = backup.back_up_now(store, self.backup_folder)
                self.log(f"BACKUP {made.name}")
                continue
            self.change(store)

    def change(self, store: Store) -> None:
        seq = self.seq
        self.seq += 1
        op = self.rng.choice(["add", "add", "edit", "split", "delete", "restore", "receipt", "import", "rating"])
        try:
            with store.transaction() as session:
                what = getattr(self, "op_" + op)(session, seq)
                session.flush()
                self.log(f"PENDING {seq} {state_digest(session.connection())} {what}")
        except InvalidInput:
            self.log(f"SKIPPED {seq} {op}")  # nothing suitable to change; rolled back
            return
        self.log(f"DONE {seq}")

    # -- the changes, each through the service a person's action would use -----------------------------------

    def _live(self, session: Session, deleted: bool = False) -> int:
        query = select(Transaction.id).where(
            Transaction.deleted_at.is_not(None) if deleted else Transaction.deleted_at.is_(None)
        )
        ids = list(session.scalars(query))
        if not ids:
            raise InvalidInput("transaction", "none")
        return self.rng.choice(ids)

    def _day(self) -> dt.date:
        return dt.date(2026, 4, 1) + dt.timedelta(days=self.rng.randrange(365))

    def op_add(self, session: Session, seq: int) -> str:
        txn = ledger.add_transaction(
            session,
            ledger.TransactionDraft(
                self._day(),
                self.rng.choice(["in", "out"]),
                self.rng.randint(1, 500_000),
                f"Payee {seq}",
                f"Written by change {seq}" + " with a longer note" * self.rng.randrange(20),
                plan_line_id=self.rng.choice(self.plan_lines),
            ),
        )
        return f"add {txn.id}"

    def op_edit(self, session: Session, seq: int) -> str:
        txn_id = self._live(session)
        txn = ledger.get_transaction(session, txn_id)
        amount = self.rng.randint(1, 500_000)
        draft = ledger.TransactionDraft(
            txn.txn_date, txn.direction, amount, txn.payee, f"Edited by change {seq}", plan_line_id=self.plan_lines[0]
        )
        ledger.update_transaction(session, txn_id, draft)
        return f"edit {txn_id}"

    def op_split(self, session: Session, seq: int) -> str:
        txn_id = self._live(session)
        total = ledger.get_transaction(session, txn_id).amount_pence
        if total < 3:
            raise InvalidInput("split", "too small")
        cut = sorted(self.rng.sample(range(1, total), 2))
        parts = [cut[0], cut[1] - cut[0], total - cut[1]]
        lines = self.plan_lines
        drafts = [ledger.AllocationDraft(p, plan_line_id=self.rng.choice(lines), note=f"part {seq}") for p in parts]
        ledger.split_transaction(session, txn_id, drafts)
        return f"split {txn_id}"

    def op_delete(self, session: Session, seq: int) -> str:
        txn_id = self._live(session)
        ledger.delete_transaction(session, txn_id)
        return f"delete {txn_id}"

    def op_restore(self, session: Session, seq: int) -> str:
        txn_id = self._live(session, deleted=True)
        ledger.restore_transaction(session, txn_id)
        return f"restore {txn_id}"

    def op_receipt(self, session: Session, seq: int) -> str:
        txn_id = self._live(session)
        size = int(2 ** self.rng.uniform(10, 17.5))  # 1 KB to about 180 KB
        content = self.rng.choice(_MAGIC) + self.rng.randbytes(size)
        receipt = ledger.attach_receipt(session, txn_id, f"receipt-{seq}.jpg", content)
        if self.rng.random() < 0.2:
            ledger.remove_receipt(session, receipt.id)
        return f"receipt {receipt.id}"

    def op_import(self, session: Session, seq: int) -> str:
        if self.rng.random() < 0.25:
            open_batches = list(session.scalars(select(ImportBatch.id).where(ImportBatch.undone_at.is_(None))))
            if open_batches:
                batch = bankimport.undo_import(session, self.rng.choice(open_batches))
                return f"undo-import {batch.id}"
        lines = ["Date,Description,Amount"]
        for n in range(self.rng.randint(5, 40)):
            day = self._day()
            pence = self.rng.randint(1, 90_000) * self.rng.choice([-1, 1])
            sign = "-" if pence < 0 else ""
            lines.append(f"{day:%d/%m/%Y},CARD PAYMENT {seq}-{n},{sign}{abs(pence) // 100}.{abs(pence) % 100:02d}")
        preview = bankimport.preview(session, ("\n".join(lines) + "\n").encode(), name=f"statement-{seq}.csv")
        batch = bankimport.commit(session, preview)
        return f"import {batch.id}"

    def op_rating(self, session: Session, seq: int) -> str:
        rating = outcomes.add_rating(
            session,
            self.rng.choice(self.outcomes),
            outcomes.RatingDetails(self._day(), self.rng.randint(0, 10), note=f"Private note {seq}"),
        )
        return f"rating {rating.id}"


def count_receipts(store: Store) -> int:
    with store.reading() as s:
        return len(list(s.scalars(select(Receipt.id))))


def rekey_forever(store_path: Path, log_path: Path, first: str, second: str) -> None:
    """Change the passphrase back and forth, logging before and after each change."""
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    current = first
    try:
        store = Store.open(store_path, first)
    except WrongPassphrase:
        current = second
        store = Store.open(store_path, second)
    os.write(fd, f"OPEN {current}\n".encode())
    while True:
        new = second if current == first else first
        os.write(fd, f"START {new}\n".encode())
        store.change_passphrase(new)
        os.write(fd, f"CHANGED {new}\n".encode())
        current = new


def migrate_once(store_path: Path, log_path: Path, versions: str) -> None:
    """Open the store with a later migration available, so it upgrades (the test kills it part way)."""
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    Store.open(store_path, PASSPHRASE, extra_version_locations=[versions]).close()
    os.write(fd, b"MIGRATED\n")


def zygote() -> None:
    """Read commands on stdin: `fork <mode> <args...>`, `reap <pid>` and `quit`; answer on stdout."""
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "fork":
            pid = os.fork()
            if pid == 0:
                _child(words[1], words[2:])
            print(f"pid {pid}", flush=True)
        elif words[0] == "reap":
            _, status = os.waitpid(int(words[1]), 0)
            print(f"reaped {words[1]} {status}", flush=True)
        elif words[0] == "quit":
            return


def _child(mode: str, args: list[str]) -> None:
    code = 0
    log_path = Path(args[1])
    try:
        if mode == "write":
            Writer(Path(args[0]), log_path, int(args[2]), Path(args[3])).run()
        elif mode == "rekey":
            first, second = (bytes.fromhex(word).decode() for word in args[2:4])  # hex: passphrases have spaces
            rekey_forever(Path(args[0]), log_path, first, second)
        elif mode == "migrate":
            migrate_once(Path(args[0]), log_path, args[2])
    except BaseException:
        fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.write(fd, ("ERROR " + traceback.format_exc().replace("\n", " | ") + "\n").encode())
        code = 3
    os._exit(code)


if __name__ == "__main__":
    if sys.argv[1:] == ["zygote"]:
        zygote()
