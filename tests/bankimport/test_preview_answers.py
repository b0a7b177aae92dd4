"""The preview's answers on a store with history and a real bank file: which lines are new, already in or match a
payment logged by hand, and what each new line is probably for. Written down here so a change to how they are
worked out (migration 0013 keeps the suggestions' sums in `payee_choice`) cannot change what a person sees."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from ipb_desktop import ledger, plan
from ipb_desktop.bankimport import service
from ipb_desktop.models.schema import Outcome, PlanLine
from ipb_desktop.models.store import Store

from .conftest import FIXTURES

LLOYDS = FIXTURES / "lloyds-uk-sample.csv"


def _history(store: Store, tmp_path: Path) -> None:
    """Earlier payments to the file's payees, as a person would have logged and sorted them."""
    first_lines = LLOYDS.read_text(encoding="utf-8").splitlines()[:3]  # the heading and the two newest lines
    earlier = tmp_path / "earlier.csv"
    earlier.write_text("\n".join(first_lines) + "\n", encoding="utf-8")
    with store.transaction() as s:
        service.commit(s, service.preview(s, earlier))
    with store.transaction() as s:
        lines = {line.description: line.id for line in s.scalars(select(PlanLine))}
        activities = plan.category_named(s, "Activities and classes").id
        wages = plan.category_named(s, "Personal assistant wages").id
        income = plan.category_named(s, "Budget payment in").id
        outcome = s.scalars(select(Outcome.id).order_by(Outcome.id)).first()

        def pay(day: dt.date, pence: int, payee: str, direction: str = "out", **choice: object) -> int:
            draft = ledger.TransactionDraft(day, direction, pence, payee, **choice)  # type: ignore[arg-type]
            return ledger.add_transaction(s, draft).id

        for n in range(3):
            pay(dt.date(2026, 5, 1 + n), 899, f"ACME STORE CD 1417 0{n + 1}MAY26", category_id=activities)
        pay(dt.date(2026, 5, 9), 1299, "Acme Store", plan_line_id=lines["Pottery class"])
        pay(dt.date(2026, 6, 1), 4500, "ACME PENSIONS 112233A44556677889", category_id=wages)
        pay(dt.date(2026, 7, 1), 4500, "ACME PENSIONS 112233A44556677889", category_id=wages)
        pay(dt.date(2026, 8, 1), 4500, "Acme Pensions", plan_line_id=lines["Laptop for job search"])
        pay(dt.date(2026, 6, 3), 200000, "HHHHH LTD", "in", category_id=income)
        gone = pay(dt.date(2026, 6, 4), 1250, "SERVICE CHARGES", category_id=activities)
        ledger.delete_transaction(s, gone)  # deleted: teaches nothing
        # Logged by hand three days before the bank took it: the import offers to match it.
        pay(dt.date(2023, 11, 28), 1250, "Bank charge")
        # A tie (one payment each way) goes to the latest choice.
        pay(dt.date(2026, 9, 1), 5000, "HOTEL MARAIS EUROS 56.00 VISAXR", category_id=activities)
        pay(dt.date(2026, 9, 2), 7000, "Hotel Marais Euros Visaxr", plan_line_id=lines["Pottery class"])
        # Split across two plan lines: teaches nothing.
        two = (
            ledger.AllocationDraft(100, plan_line_id=lines["Pottery class"]),
            ledger.AllocationDraft(102, plan_line_id=lines["Laptop for job search"]),
        )
        pay(dt.date(2026, 9, 3), 202, "NON-GBP TRANS FEE 2.75% CD 1425 01SEP26", allocations=two)
        pay(dt.date(2026, 9, 4), 202, "NON-GBP TRANS FEE 2.75% CD 1425 02SEP26", outcome_id=outcome)


def answers(store: Store) -> tuple[list[tuple[str, str, str]], dict[str, tuple[str, str]]]:
    with store.reading() as s:
        preview = service.preview(s, LLOYDS)
        lines = [
            (p.status, p.line.payee or p.line.description, p.note)
            for p in sorted([*preview.new, *preview.duplicates, *preview.matches], key=lambda p: p.line.line_no)
        ]
        by_payee = {p.bank_id: p.line.payee or p.line.description for p in preview.new}
        hints = {by_payee[bank_id]: (hint.label, hint.reason) for bank_id, hint in preview.suggestions.items()}
    return lines, hints


POTTERY = "Pottery class \u00b7 Activities and classes \u00b7 Regain confidence to go out on my own"
EXPECTED_LINES = [
    ("duplicate", "ACME STORE CD 1417    14JAN24", ""),
    ("duplicate", "NON-GBP TRANS FEE          2.75% CD 1417", ""),
    ("new", "OUiog dollaros      202.40 VISAXR     1.16168 CD 1417", ""),
    ("new", "HHHHH LTD RP555000111222333 207348     10 01DEC23 16:05", ""),
    ("new", "INS2 01000011/010011110010", ""),
    ("new", "INS1 1010100110101-10101010", ""),
    ("new", "HMRC - TAXES 700000009988776655 8833445566B 083210     10 01DEC23 14:49", ""),
    ("new", "HOTEL MARAIS EUROS        78.80 VISAXR     1.0724 CD 1425", ""),
    ("match", "SERVICE CHARGES REF : 998877", "logged by hand as 'Bank charge' on 28/11/2023 (3 days apart)"),
    ("new", "NON-GBP TRANS FEE 2.75% CD 1425    30NOV23", ""),
    ("new", "ACME PENSIONS 112233A44556677889", ""),
    ("new", "CLIENT CO LTD 400000005566778899 306364     10 01DEC23 09:15", ""),
]
EXPECTED_HINTS = {
    "HHHHH LTD RP555000111222333 207348     10 01DEC23 16:05": (
        "Budget payment in",
        "You chose this for 1 earlier payment to HHHHH LTD",
    ),
    # One payment each way: the latest choice, named as written on the latest payment.
    "HOTEL MARAIS EUROS        78.80 VISAXR     1.0724 CD 1425": (
        POTTERY,
        "You chose this for 1 earlier payment to Hotel Marais Euros Visaxr",
    ),
    # The split payment teaches nothing; the one with an outcome only does.
    "NON-GBP TRANS FEE 2.75% CD 1425    30NOV23": (
        "Regain confidence to go out on my own",
        "You chose this for 1 earlier payment to NON-GBP TRANS FEE 2.75% CD 1425 02SEP26",
    ),
    # Two for wages beat one for the laptop; the deleted SERVICE CHARGES payment teaches nothing.
    "ACME PENSIONS 112233A44556677889": (
        "Personal assistant wages",
        "You chose this for 2 earlier payments to Acme Pensions",
    ),
}


def test_the_preview_of_a_real_file_gives_the_same_answers(filled_store: Store, tmp_path: Path) -> None:
    _history(filled_store, tmp_path)
    lines, hints = answers(filled_store)
    assert lines == EXPECTED_LINES
    assert hints == EXPECTED_HINTS
