"""Adding many payments at once (a bank import) without the per-row work of the search index and month totals.

`transaction`'s insert triggers add each new payment to `transaction_search` and `month_total` one row at a
time (and `allocation`'s each new allocation to `month_allocation_total`), which made importing 10,000 lines
half as slow again. Inside `filled_once()` those triggers are dropped; when the block ends the rows added in it
(every id above the largest one before) are indexed and added up in one statement each and the triggers are
made again, all in the caller's transaction, so a failed import rolls the triggers back with everything else.
Updates and deletes keep their triggers throughout.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from ipb_desktop.models import month_allocations, month_totals, search_index

_PARTS = (search_index, month_totals, month_allocations)
_LAST_PAYMENT = 'SELECT coalesce(max(id), 0) FROM "transaction"'


def _trigger_name(create: str) -> str:
    return create.split("TRIGGER", 1)[1].split()[0]


def _installed(session: Session) -> list[str]:
    """The insert triggers this store has (a store before migration 0007 has none)."""
    names = [_trigger_name(part.INSERT_TRIGGER) for part in _PARTS]
    found = session.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN :names").bindparams(
            bindparam("names", expanding=True)
        ),
        {"names": names},
    ).scalars()
    return list(found)


@contextlib.contextmanager
def filled_once(session: Session) -> Iterator[None]:
    """Within the block, payments inserted are indexed and added to the month totals once, at its end."""
    installed = set(_installed(session))
    parts = [part for part in _PARTS if _trigger_name(part.INSERT_TRIGGER) in installed]
    if not parts:
        yield
        return
    session.flush()
    after = [int(session.execute(text(getattr(part, "LAST_ID", _LAST_PAYMENT))).scalar_one()) for part in parts]
    for part in parts:
        session.connection().exec_driver_sql(f"DROP TRIGGER {_trigger_name(part.INSERT_TRIGGER)}")

    def restore() -> None:
        session.flush()
        for part, last in zip(parts, after, strict=True):
            session.execute(text(part.fill_after_statement()), {"after": last})
            session.connection().exec_driver_sql(part.INSERT_TRIGGER)

    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):  # the transaction is being abandoned: the rollback restores it all
            restore()
        raise
    restore()
