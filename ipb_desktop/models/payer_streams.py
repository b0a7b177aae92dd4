"""Which funding stream each payer's money in went to, and how often, kept by triggers on `transaction` and
`allocation` (migration 0013), so linking an import's money in to its funder (`funders.learned_links`) reads a
few rows instead of adding up every payment in the ledger.

`payer_stream` holds what `FILL` adds up: for each payee and description as written and each stream, how many
parts of live money-in payments went to that stream, and the latest payment among them ("date id"). Each
trigger takes a payment's (or part's) old contribution away and adds its new one; when the payment taken away
was a row's latest, the latest is read again through `ix_transaction_payee_date`, newest first.

A later migration that rebuilds `transaction` or `allocation` drops these triggers with it: it must run
`drop_statements()` before and `create_statements()` after.
"""

from __future__ import annotations

TABLE = "payer_stream"

_WHEN = "printf('%s %012d', {t}.txn_date, {t}.id)"
_KEY = "payee, description, stream_id"

# The one definition (fills the table; tests compare the table with it).
FILL = f"""SELECT t.payee, t.description, a.stream_id, count(*), max({_WHEN.format(t="t")})
    FROM "transaction" t JOIN allocation a ON a.transaction_id = t.id
    WHERE t.deleted_at IS NULL AND t.direction = 'in' AND a.stream_id IS NOT NULL
    GROUP BY t.payee, t.description, a.stream_id"""

_UPSERT = f"""ON CONFLICT({_KEY}) DO UPDATE SET times = times + excluded.times,
    last_when = max(last_when, excluded.last_when)"""


def _latest(exclude: str = "") -> str:
    return f"""(SELECT {_WHEN.format(t="t")} FROM "transaction" t JOIN allocation a ON a.transaction_id = t.id
        WHERE t.payee = {TABLE}.payee AND t.direction = 'in' AND t.description = {TABLE}.description
        AND t.deleted_at IS NULL AND a.stream_id = {TABLE}.stream_id {exclude}
        ORDER BY t.txn_date DESC, t.id DESC LIMIT 1)"""


# One part (`new`) of a payment looked up by its id.
_PART_ADD = f"""INSERT INTO {TABLE}({_KEY}, times, last_when)
    SELECT t.payee, t.description, new.stream_id, 1, {_WHEN.format(t="t")} FROM "transaction" t
    WHERE t.id = new.transaction_id AND t.deleted_at IS NULL AND t.direction = 'in' AND new.stream_id IS NOT NULL
    {_UPSERT}"""
_PART_WAS = """(SELECT t.payee, t.description, old.stream_id FROM "transaction" t
    WHERE t.id = old.transaction_id AND t.deleted_at IS NULL AND t.direction = 'in' AND old.stream_id IS NOT NULL)"""
_PART_TAKE = f"""UPDATE {TABLE} SET times = times - 1 WHERE ({_KEY}) IN {_PART_WAS};
    DELETE FROM {TABLE} WHERE ({_KEY}) IN {_PART_WAS} AND times <= 0;
    UPDATE {TABLE} SET last_when = {_latest()} WHERE ({_KEY}) IN {_PART_WAS}
        AND last_when IN (SELECT {_WHEN.format(t="t")} FROM "transaction" t WHERE t.id = old.transaction_id)"""

# Every part of a payment (`old` as it was, `new` as it is).
_PAYMENT_ADD = f"""INSERT INTO {TABLE}({_KEY}, times, last_when)
    SELECT new.payee, new.description, a.stream_id, count(*), {_WHEN.format(t="new")} FROM allocation a
    WHERE a.transaction_id = new.id AND a.stream_id IS NOT NULL AND new.deleted_at IS NULL AND new.direction = 'in'
    GROUP BY a.stream_id
    {_UPSERT}"""
_OLD_COUNTED = "payee = old.payee AND description = old.description AND old.deleted_at IS NULL AND old.direction = 'in'"


def _payment_take(exclude: str = "") -> str:
    parts = f"(SELECT count(*) FROM allocation a WHERE a.transaction_id = old.id AND a.stream_id = {TABLE}.stream_id)"
    return f"""UPDATE {TABLE} SET times = times - {parts} WHERE {_OLD_COUNTED};
        DELETE FROM {TABLE} WHERE {_OLD_COUNTED} AND times <= 0;
        UPDATE {TABLE} SET last_when = {_latest(exclude)}
        WHERE {_OLD_COUNTED} AND last_when = {_WHEN.format(t="old")}"""


_MONEY_IN_WITH_STREAM = (
    "EXISTS (SELECT 1 FROM allocation a WHERE a.transaction_id = old.id AND a.stream_id IS NOT NULL)"
)

_TRIGGERS = (
    "after_part_insert",
    "after_part_delete",
    "after_part_change",
    "after_payment_change",
    "before_payment_delete",
)

_CREATE = (
    f"""CREATE TABLE {TABLE} (payee TEXT NOT NULL, description TEXT NOT NULL, stream_id INTEGER NOT NULL,
        times INTEGER NOT NULL, last_when TEXT NOT NULL, PRIMARY KEY ({_KEY})) WITHOUT ROWID""",
    # Money out (most of an import) runs no trigger.
    f"""CREATE TRIGGER {TABLE}_after_part_insert AFTER INSERT ON allocation WHEN new.stream_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM "transaction" t WHERE t.id = new.transaction_id AND t.direction = 'in') BEGIN
        {_PART_ADD};
    END""",
    f"""CREATE TRIGGER {TABLE}_after_part_delete AFTER DELETE ON allocation WHEN old.stream_id IS NOT NULL BEGIN
        {_PART_TAKE};
    END""",
    f"""CREATE TRIGGER {TABLE}_after_part_change AFTER UPDATE OF stream_id, transaction_id ON allocation BEGIN
        {_PART_TAKE};
        {_PART_ADD};
    END""",
    f"""CREATE TRIGGER {TABLE}_after_payment_change
        AFTER UPDATE OF payee, description, direction, txn_date, deleted_at ON "transaction"
        WHEN (old.direction = 'in' OR new.direction = 'in') AND {_MONEY_IN_WITH_STREAM} BEGIN
        {_payment_take()};
        {_PAYMENT_ADD};
    END""",
    f"""CREATE TRIGGER {TABLE}_before_payment_delete BEFORE DELETE ON "transaction"
        WHEN old.direction = 'in' AND {_MONEY_IN_WITH_STREAM} BEGIN
        {_payment_take("AND t.id <> old.id")};
    END""",
    f"INSERT INTO {TABLE}({_KEY}, times, last_when) {FILL}",
)


def create_statements() -> tuple[str, ...]:
    """Make the table and its triggers, and fill the table from the payments already there."""
    return _CREATE


def drop_statements() -> tuple[str, ...]:
    return (*(f"DROP TRIGGER IF EXISTS {TABLE}_{name}" for name in _TRIGGERS), f"DROP TABLE IF EXISTS {TABLE}")
