"""The limits module and the services that enforce each limit agree."""

from __future__ import annotations

from ipb_desktop import ledger, limits
from ipb_desktop.bankimport import lines


def test_every_limit_agrees_with_the_service_that_enforces_it() -> None:
    assert ledger.MAX_RECEIPT_BYTES == limits.MAX_ATTACHMENT_BYTES
    assert lines.MAX_FILE_BYTES == limits.MAX_STATEMENT_BYTES
