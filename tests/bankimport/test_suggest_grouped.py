"""Learning rules from a long history: payments to the same payee are added up in SQL, so the suggestions are the
same (the most chosen, the latest on a tie, the name as last written) while the payee's words are read once per
way of writing it, not once per payment."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ipb_desktop import ledger
from ipb_desktop.bankimport import suggest
from ipb_desktop.models.schema import PlanLine
from ipb_desktop.models.store import Store


def test_many_payments_to_one_payee_make_one_rule_read_once(
    filled_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with filled_store.transaction() as s:
        lines = {line.description: line.id for line in s.scalars(select(PlanLine))}
        pottery, laptop = lines["Pottery class"], lines["Laptop for job search"]
        for n in range(30):
            payee = "RIVERSIDE GYM" if n == 27 else "Riverside Gym"  # 27 is the latest day
            line = pottery if n % 3 else laptop  # 20 pottery, 10 laptop
            ledger.add_transaction(
                s, ledger.TransactionDraft(dt.date(2026, 5, 1 + n % 28), "out", 1000 + n, payee, "", plan_line_id=line)
            )
    calls: list[str] = []
    real = suggest.payee_key
    monkeypatch.setattr(suggest, "payee_key", lambda text: calls.append(text) or real(text))
    with filled_store.reading() as s:
        rule = next(r for r in suggest.rules(s) if r.payee == "riverside gym")
    assert rule.times == 20 and rule.suggestion.plan_line_id == pottery
    assert rule.name == "RIVERSIDE GYM"  # as written on the latest payment
    assert "20 earlier payments to RIVERSIDE GYM" in rule.suggestion.reason
    assert calls.count("Riverside Gym") == 1 and calls.count("RIVERSIDE GYM") == 1


def test_a_tie_goes_to_the_latest_choice(filled_store: Store) -> None:
    with filled_store.transaction() as s:
        lines = {line.description: line.id for line in s.scalars(select(PlanLine))}
        for day, line in (
            (3, "Pottery class"),
            (4, "Laptop for job search"),
            (5, "Laptop for job search"),
            (6, "Pottery class"),
        ):
            ledger.add_transaction(
                s,
                ledger.TransactionDraft(
                    dt.date(2026, 6, day), "out", 900, "Northgate Books", "", plan_line_id=lines[line]
                ),
            )
    with filled_store.reading() as s:
        rule = next(r for r in suggest.rules(s) if r.payee == "northgate books")
    assert rule.times == 2 and rule.suggestion.plan_line_id == lines["Pottery class"]
