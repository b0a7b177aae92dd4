"""Each size limit is enforced by the service where the data comes in, with the figure from ipb_desktop.limits."""

from __future__ import annotations

import pytest

from ipb_desktop import ledger, limits
from ipb_desktop.bankimport import lines
from ipb_desktop.errors import InvalidInput
from ipb_desktop.models.store import Store


def test_a_receipt_over_the_limit_is_refused_and_nothing_is_kept(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        txn_id = ledger.live().with_only_columns(ledger.Transaction.id).limit(1)
        first = s.scalar(txn_id)
        assert first is not None
        with pytest.raises(InvalidInput, match="MB"):
            ledger.attach_receipt(s, first, "huge.pdf", b"%PDF-" + bytes(limits.MAX_ATTACHMENT_BYTES))
    with filled_store.reading() as s:
        assert ledger.receipts_of(s, first) == []


def test_a_statement_file_over_the_limit_is_refused(tmp_path) -> None:
    big = tmp_path / "statement.csv"
    with big.open("wb") as handle:
        handle.truncate(limits.MAX_STATEMENT_BYTES + 1)
    with pytest.raises(InvalidInput):
        lines.read_statement_file(big)
