"""The search index of payments: an FTS5 table with the trigram tokenizer over each transaction's payee and
description, kept up to date by triggers on `transaction` (made by migration 0007).

It only narrows the search down: `ledger_query` still checks every word with LIKE on the rows the index
returns, so the rows found are exactly those a plain scan finds, in a few milliseconds instead of a scan of
the whole ledger. The trigram index cannot look up words shorter than three letters; those are searched with
LIKE alone.

A later migration that rebuilds the `transaction` table (Alembic's batch mode on SQLite copies it to a new
table) drops these triggers with it: it must run `drop_statements()` before and `create_statements()` after.
"""

from __future__ import annotations

TABLE = "transaction_search"
MIN_WORD = 3  # the trigram tokenizer matches nothing shorter

_CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "payee, description, content='transaction', content_rowid='id', tokenize='trigram')",
    f"""CREATE TRIGGER {TABLE}_after_insert AFTER INSERT ON "transaction" BEGIN
        INSERT INTO {TABLE}(rowid, payee, description) VALUES (new.id, new.payee, new.description);
    END""",
    f"""CREATE TRIGGER {TABLE}_after_delete AFTER DELETE ON "transaction" BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, payee, description)
        VALUES ('delete', old.id, old.payee, old.description);
    END""",
    f"""CREATE TRIGGER {TABLE}_after_update AFTER UPDATE OF id, payee, description ON "transaction" BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, payee, description)
        VALUES ('delete', old.id, old.payee, old.description);
        INSERT INTO {TABLE}(rowid, payee, description) VALUES (new.id, new.payee, new.description);
    END""",
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
)


INSERT_TRIGGER = _CREATE[1]


def create_statements() -> tuple[str, ...]:
    """Make the index and its triggers, and fill it from the payments already there."""
    return _CREATE


def fill_after_statement() -> str:
    """Index the payments whose id is above `:after` (added while the insert trigger was off, see batch_fill)."""
    return f'INSERT INTO {TABLE}(rowid, payee, description) SELECT id, payee, description FROM "transaction" ' + (
        "WHERE id > :after ORDER BY id"
    )


def drop_statements() -> tuple[str, ...]:
    return (
        f"DROP TRIGGER IF EXISTS {TABLE}_after_insert",
        f"DROP TRIGGER IF EXISTS {TABLE}_after_delete",
        f"DROP TRIGGER IF EXISTS {TABLE}_after_update",
        f"DROP TABLE IF EXISTS {TABLE}",
    )


def match_text(words: list[str]) -> str | None:
    """The FTS5 query finding rows that contain every word (three letters or more) somewhere in payee or
    description, each word taken literally; None when no word is long enough for the index."""
    usable = [word for word in words if len(word) >= MIN_WORD]
    if not usable:
        return None
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in usable)
