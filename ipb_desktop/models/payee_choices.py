"""How often each payee's payments were given each choice (plan line, category, outcome), kept by triggers on
`transaction` and `allocation` (migration 0013), so the import's suggestions (`bankimport.suggest.rules`) read a
few hundred rows instead of adding up the whole ledger.

`payee_choice` holds, for each payee as written, direction and choice, what `FILL` adds up: how many live
payments with exactly one part, whose part has a plan line, category or outcome, made that choice, and the first
and latest of them ("date id", sorted as the payments are). A choice left empty is stored as 0 (ids start at 1)
so the primary key can tell the rows apart. Each trigger takes a payment's old contribution away and adds its
new one; when the payment taken away was a row's first or latest, that row's first and latest are read again
from the payee's payments (the `ix_transaction_payee_date` index, newest or oldest first, stopping at the first
that counts).

A later migration that rebuilds `transaction` or `allocation` drops these triggers with it: it must run
`drop_statements()` before and `create_statements()` after.
"""

from __future__ import annotations

TABLE = "payee_choice"
INDEX = "ix_transaction_payee_date"

_WHEN = "printf('%s %012d', {t}.txn_date, {t}.id)"
_CHOSEN = "({a}.category_id IS NOT NULL OR {a}.plan_line_id IS NOT NULL OR {a}.outcome_id IS NOT NULL)"
_PARTS = "(SELECT count(*) FROM allocation x WHERE x.transaction_id = {t}.id)"
_CHOICE = "ifnull({a}.category_id, 0) AS c, ifnull({a}.plan_line_id, 0) AS l, ifnull({a}.outcome_id, 0) AS o"

# The one definition: every group as the triggers keep it (used to fill the table and, in tests, to check it).
FILL = f"""SELECT t.payee, t.direction, ifnull(a.category_id, 0), ifnull(a.plan_line_id, 0),
        ifnull(a.outcome_id, 0), count(*), min({_WHEN.format(t="t")}), max({_WHEN.format(t="t")})
    FROM "transaction" t JOIN allocation a ON a.transaction_id = t.id
    WHERE t.deleted_at IS NULL AND {_CHOSEN.format(a="a")} AND {_PARTS.format(t="t")} = 1
    GROUP BY t.payee, t.direction, ifnull(a.category_id, 0), ifnull(a.plan_line_id, 0), ifnull(a.outcome_id, 0)"""

_KEY = "payee, direction, category_id, plan_line_id, outcome_id"


def _add(txn_id: str) -> str:
    """Count payment `txn_id` as it is now (nothing when it does not count)."""
    return f"""INSERT INTO {TABLE}({_KEY}, times, first_when, last_when)
        SELECT t.payee, t.direction, {_CHOICE.format(a="a")}, 1, {_WHEN.format(t="t")}, {_WHEN.format(t="t")}
        FROM "transaction" t JOIN allocation a ON a.transaction_id = t.id
        WHERE t.id = {txn_id} AND t.deleted_at IS NULL AND {_CHOSEN.format(a="a")} AND {_PARTS.format(t="t")} = 1
        ON CONFLICT({_KEY}) DO UPDATE SET times = times + 1, first_when = min(first_when, excluded.first_when),
            last_when = max(last_when, excluded.last_when)"""


def _ends(order: str, exclude: str) -> str:
    return f"""(SELECT {_WHEN.format(t="t")} FROM "transaction" t JOIN allocation a ON a.transaction_id = t.id
            WHERE t.payee = {TABLE}.payee AND t.direction = {TABLE}.direction AND t.deleted_at IS NULL {exclude}
            AND ifnull(a.category_id, 0) = {TABLE}.category_id AND ifnull(a.plan_line_id, 0) = {TABLE}.plan_line_id
            AND ifnull(a.outcome_id, 0) = {TABLE}.outcome_id AND {_PARTS.format(t="t")} = 1
            ORDER BY t.txn_date {order}, t.id {order} LIMIT 1)"""


def _take(source: str, exclude: str = "") -> str:
    """Take away the contribution `source` selects (at most one row: p, d, c, l, o, w), then read the first and
    latest again where the payment taken away was one of them (`exclude`: leave out a payment still there).
    Each statement looks the row up by its key (`source` is read once, not once per row of the table)."""
    row = f"({_KEY}) IN (SELECT p, d, c, l, o FROM ({source}))"
    return f"""UPDATE {TABLE} SET times = times - 1 WHERE {row};
        DELETE FROM {TABLE} WHERE {row} AND times <= 0;
        UPDATE {TABLE} SET first_when = {_ends("ASC", exclude)}, last_when = {_ends("DESC", exclude)}
        WHERE {row} AND (first_when IN (SELECT w FROM ({source})) OR last_when IN (SELECT w FROM ({source})))"""


def _part_gone(row: str) -> str:
    """A part `row` (old) left payment `row.transaction_id`: it counted if it was the only part."""
    return _take(
        f"""SELECT t.payee AS p, t.direction AS d, {_CHOICE.format(a=row)}, {_WHEN.format(t="t")} AS w
            FROM "transaction" t WHERE t.id = {row}.transaction_id AND t.deleted_at IS NULL
            AND {_CHOSEN.format(a=row)} AND {_PARTS.format(t="t")} = 0"""
    )


def _part_came(row: str) -> str:
    """A part `row` (new) joined payment `row.transaction_id`: the part already there no longer counts."""
    return _take(
        f"""SELECT t.payee AS p, t.direction AS d, {_CHOICE.format(a="a")}, {_WHEN.format(t="t")} AS w
            FROM "transaction" t JOIN allocation a ON a.transaction_id = t.id
            WHERE t.id = {row}.transaction_id AND a.id <> {row}.id AND t.deleted_at IS NULL
            AND {_CHOSEN.format(a="a")} AND {_PARTS.format(t="t")} = 2"""
    )


def _payment_was(exclude: str = "") -> str:
    """Payment `old` as it was, with its only part."""
    return _take(
        f"""SELECT old.payee AS p, old.direction AS d, {_CHOICE.format(a="a")}, {_WHEN.format(t="old")} AS w
            FROM allocation a WHERE a.transaction_id = old.id AND old.deleted_at IS NULL
            AND {_CHOSEN.format(a="a")} AND {_PARTS.format(t="old")} = 1""",
        exclude,
    )


_OTHER_PART = "EXISTS (SELECT 1 FROM allocation x WHERE x.transaction_id = new.transaction_id AND x.id <> new.id)"

# Only a payment with a part that chose something can count (undoing an import of unsorted lines runs nothing).
_HAS_CHOICE = f"EXISTS (SELECT 1 FROM allocation a WHERE a.transaction_id = old.id AND {_CHOSEN.format(a='a')})"

_CREATE = (
    f"""CREATE TABLE {TABLE} (payee TEXT NOT NULL, direction TEXT NOT NULL, category_id INTEGER NOT NULL,
        plan_line_id INTEGER NOT NULL, outcome_id INTEGER NOT NULL, times INTEGER NOT NULL,
        first_when TEXT NOT NULL, last_when TEXT NOT NULL, PRIMARY KEY ({_KEY})) WITHOUT ROWID""",
    f'CREATE INDEX IF NOT EXISTS {INDEX} ON "transaction" (payee, direction, txn_date)',
    # A payment's only part (an import adds 10,000 at once: most choose nothing, so no trigger runs for them) ...
    f"""CREATE TRIGGER {TABLE}_after_part_insert AFTER INSERT ON allocation
        WHEN {_CHOSEN.format(a="new")} AND NOT {_OTHER_PART} BEGIN
        {_add("new.transaction_id")};
    END""",
    # ... and a second part (the payment counts no more).
    f"""CREATE TRIGGER {TABLE}_after_part_split AFTER INSERT ON allocation WHEN {_OTHER_PART} BEGIN
        {_part_came("new")};
    END""",
    f"""CREATE TRIGGER {TABLE}_after_part_delete AFTER DELETE ON allocation BEGIN
        {_part_gone("old")};
        {_add("old.transaction_id")};
    END""",
    f"""CREATE TRIGGER {TABLE}_after_part_change AFTER UPDATE OF category_id, plan_line_id, outcome_id ON allocation
        WHEN old.transaction_id = new.transaction_id BEGIN
        {
        _take(f'''SELECT t.payee AS p, t.direction AS d, {_CHOICE.format(a="old")}, {_WHEN.format(t="t")} AS w
            FROM "transaction" t WHERE t.id = old.transaction_id AND t.deleted_at IS NULL
            AND {_CHOSEN.format(a="old")} AND {_PARTS.format(t="t")} = 1''')
    };
        {_add("new.transaction_id")};
    END""",
    f"""CREATE TRIGGER {TABLE}_after_part_move AFTER UPDATE OF transaction_id ON allocation
        WHEN old.transaction_id <> new.transaction_id BEGIN
        {_part_gone("old")};
        {_add("old.transaction_id")};
        {_part_came("new")};
        {_add("new.transaction_id")};
    END""",
    f"""CREATE TRIGGER {TABLE}_after_payment_change
        AFTER UPDATE OF payee, direction, txn_date, deleted_at ON "transaction" WHEN {_HAS_CHOICE} BEGIN
        {_payment_was()};
        {_add("new.id")};
    END""",
    f"""CREATE TRIGGER {TABLE}_before_payment_delete BEFORE DELETE ON "transaction" WHEN {_HAS_CHOICE} BEGIN
        {_payment_was("AND t.id <> old.id")};
    END""",
    f"INSERT INTO {TABLE}({_KEY}, times, first_when, last_when) {FILL}",
)

_TRIGGERS = (
    "after_part_insert",
    "after_part_split",
    "after_part_delete",
    "after_part_change",
    "after_part_move",
    "after_payment_change",
    "before_payment_delete",
)


def create_statements() -> tuple[str, ...]:
    """Make the table, the index and the triggers, and fill the table from the payments already there."""
    return _CREATE


def drop_statements() -> tuple[str, ...]:
    return (*(f"DROP TRIGGER IF EXISTS {TABLE}_{name}" for name in _TRIGGERS), f"DROP TABLE IF EXISTS {TABLE}")
