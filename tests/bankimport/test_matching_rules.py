"""Pairing bank lines with payments logged by hand: same amount and direction, closest dates first, and each
payment and each line used once (so two bank lines never both claim one payment the person typed)."""

from __future__ import annotations

import datetime as dt

from ipb_desktop.bankimport.lines import StatementLine
from ipb_desktop.bankimport.matching import HandLogged, propose

DAY = dt.date(2026, 5, 4)


def line(bank_id: str, day: int, pence: int) -> tuple[str, StatementLine]:
    return bank_id, StatementLine(1, DAY + dt.timedelta(days=day), pence, "Clayworks Studio")


def typed(txn_id: int, day: int, pence: int, direction: str = "out") -> HandLogged:
    return HandLogged(txn_id, DAY + dt.timedelta(days=day), direction, pence, "Clayworks Studio")


def test_one_payment_typed_by_hand_is_matched_to_one_bank_line_only() -> None:
    """Two £12.50 bank lines and one £12.50 payment typed by hand: the second line is new, not the same payment."""
    chosen = propose([line("a", 0, -1250), line("b", 1, -1250)], [typed(7, 0, 1250)])
    assert {bank_id: hand.id for bank_id, hand in chosen.items()} == {"a": 7}


def test_one_bank_line_takes_one_payment_typed_by_hand() -> None:
    chosen = propose([line("a", 0, -1250)], [typed(7, 0, 1250), typed(8, 0, 1250)])
    assert {bank_id: hand.id for bank_id, hand in chosen.items()} == {"a": 7}


def test_closest_dates_pair_first_so_each_line_finds_its_own_payment() -> None:
    chosen = propose([line("a", 0, -1250), line("b", 4, -1250)], [typed(8, 4, 1250), typed(7, 1, 1250)])
    assert {bank_id: hand.id for bank_id, hand in chosen.items()} == {"a": 7, "b": 8}


def test_direction_amount_and_distance_must_all_agree() -> None:
    lines = [line("in", 0, 1250), line("other", 0, -1251), line("far", 9, -1250)]
    assert propose(lines, [typed(7, 0, 1250)]) == {}
