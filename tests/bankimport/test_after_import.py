"""After a statement comes in (issue 11): the opening balance from the first file, the balance check that then
agrees with the bank, money in linked to its funder (by name, by a learned rule, by the person's choice) and the
statement file kept with the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from ipb_desktop import accounts, after_import, budget, documents, figures, funders, ledger
from ipb_desktop.bankimport import service
from ipb_desktop.models.schema import Allocation, Transaction
from ipb_desktop.models.store import Store

from .conftest import FIXTURES

D = dt.date
LLOYDS = (FIXTURES / "lloyds-uk-sample.csv").read_text(encoding="utf-8").splitlines()
HEADER = LLOYDS[0]


def lloyds_part(*descriptions: str) -> str:
    """The real Lloyds export cut into a shorter statement: its heading and the rows that start with these
    descriptions (in the file's order, newest first)."""
    rows = [row for row in LLOYDS[1:] if any(f",{d}" in row for d in descriptions)]
    assert len(rows) == len(descriptions)
    return "\n".join([HEADER, *rows]) + "\n"


# December: two lines whose balances add up (INS2 left £6,029.49, then £2,000 came in: £8,029.49).
DECEMBER = lloyds_part("HHHHH LTD", "INS2")
# January: the three lines after them, ending at the bank's £2,040.59.
JANUARY = lloyds_part("ACME STORE", "NON-GBP TRANS FEE          2.75% CD 1417", "OUiog dollaros")


def bring_in(store: Store, name: str, text: str, choices: service.ImportChoices | None = None) -> int:
    with store.transaction() as s:
        result = service.preview(s, text.encode(), name=name)
        return service.commit(s, result, choices).id


def preview(store: Store, name: str, text: str) -> service.Preview:
    with store.reading() as s:
        return service.preview(s, text.encode(), name=name)


# -- the opening balance and the balance check ---------------------------------------------------------------------


def test_the_first_file_offers_the_banks_opening_balance_and_its_check_agrees(store: Store) -> None:
    result = preview(store, "statement-dec.csv", DECEMBER)
    assert result.opening == after_import.OpeningOffer(D(2023, 11, 30), 603546, D(2023, 12, 1), "statement-dec.csv")
    assert result.balance is not None
    assert (result.balance.bank_pence, result.balance.app_pence, result.balance.difference_pence) == (802949, 802949, 0)
    # Without the opening balance the app would be £6,035.46 short of the bank.
    assert result.balance.without_opening().difference_pence == 603546
    assert after_import.offer_text(result.opening) == (
        "The bank showed £6,035.46 before the first line on 1 December 2023 (from statement-dec.csv). "
        "Record this as the opening balance?"
    )


def test_after_the_first_import_the_next_file_shows_no_difference_with_the_bank(store: Store) -> None:
    bring_in(store, "statement-dec.csv", DECEMBER)
    with store.reading() as s:
        opened = accounts.opening(s)
        assert opened is not None and (opened.on_date, opened.balance_pence) == (D(2023, 11, 30), 603546)
    result = preview(store, "statement-jan.csv", JANUARY)
    assert result.opening is None  # only a first import records it
    assert result.balance is not None
    assert (result.balance.on, result.balance.bank_pence) == (D(2024, 1, 15), 204059)
    assert result.balance.difference_pence == 0


def test_spending_from_a_notional_budget_does_not_change_the_balance_check(store: Store) -> None:
    bring_in(store, "statement-dec.csv", DECEMBER)
    with store.transaction() as s:
        period = budget.add_period(s, "2023 to 2024", D(2023, 4, 1), D(2024, 3, 31))
        nhs = budget.add_stream(
            s, period.id, budget.StreamDetails("nhs_phb", "Westshire ICB", 120000, "monthly", held_as="notional")
        )
        ledger.add_transaction(s, ledger.TransactionDraft(D(2024, 1, 5), "out", 50000, "Support Co", stream_id=nhs.id))
    result = preview(store, "statement-jan.csv", JANUARY)
    assert result.balance is not None and result.balance.difference_pence == 0


def test_choosing_not_to_record_the_opening_balance(store: Store) -> None:
    bring_in(store, "statement-dec.csv", DECEMBER, service.ImportChoices(record_opening_balance=False))
    with store.reading() as s:
        assert accounts.opening(s) is None
        assert figures.balance_on(s, D(2023, 12, 31)) == 199403  # £2,000 in less £5.97 out


def test_undoing_the_first_import_takes_its_opening_balance_out_and_putting_it_back_restores_it(
    store: Store,
) -> None:
    batch = bring_in(store, "wrong-file.csv", DECEMBER)
    with store.transaction() as s:
        service.undo_import(s, batch)
        assert accounts.opening(s) is None
    # The right file, imported next, is a first import again and offers its own opening balance.
    assert preview(store, "statement-dec.csv", DECEMBER).opening is not None
    with store.transaction() as s:
        service.restore_import(s, batch)
        opened = accounts.opening(s)
        assert opened is not None and opened.balance_pence == 603546
        assert opened.source == "bank statement 'wrong-file.csv'"
        service.undo_import(s, batch)  # and once more: still taken out
        assert accounts.opening(s) is None


def test_undo_leaves_an_opening_balance_typed_by_hand_since(store: Store) -> None:
    batch = bring_in(store, "statement-dec.csv", DECEMBER)
    with store.transaction() as s:
        accounts.set_opening(s, D(2023, 11, 30), 600000, "typed by hand")
        service.undo_import(s, batch)
        service.restore_import(s, batch)
        opened = accounts.opening(s)
        assert opened is not None and (opened.balance_pence, opened.source) == (600000, "typed by hand")


# -- money in linked to its funder ---------------------------------------------------------------------------------

MONEY_IN = """Date,Description,Amount,Balance
01/05/2026,WCC DIRECT PAYMT 4471,560.00,1560.00
03/05/2026,Westshire Council refund,20.00,1580.00
05/05/2026,OAKFLD CHARITABLE 88,50.00,1630.00
07/05/2026,Corner Shop,-10.00,1620.00
"""


@dataclass
class Streams:
    council: int
    trust: int


@pytest.fixture
def streams(store: Store) -> Streams:
    with store.transaction() as s:
        period = budget.add_period(s, "2026 to 2027", D(2026, 4, 1), D(2027, 3, 31))
        council = budget.add_stream(
            s, period.id, budget.StreamDetails("council_social_care", "Westshire Council", 56000, "four_weekly")
        )
        trust = budget.add_stream(s, period.id, budget.StreamDetails("other", "Oakfield Trust", 5000, "one_off"))
        # Last month the person linked the council's payment (paid in as "WCC DP ...") by hand.
        ledger.add_transaction(
            s, ledger.TransactionDraft(D(2026, 4, 3), "in", 56000, "WCC DIRECT PAYMT 1180", stream_id=council.id)
        )
        return Streams(council.id, trust.id)


def stream_of(store: Store, description: str) -> int | None:
    with store.reading() as s:
        return s.scalars(
            select(Allocation.stream_id)
            .join(Transaction)
            .where(Transaction.payee == description, Transaction.deleted_at.is_(None))
        ).one()


def test_money_in_is_linked_by_a_learned_rule_and_by_the_funders_name(store: Store, streams: Streams) -> None:
    with store.transaction() as s:
        result = service.preview(s, MONEY_IN.encode(), name="may.csv")
        batch = service.commit(s, result)
        done = after_import.result_of(s, batch.id)
        assert [(link.payer, link.how) for link in done.linked] == [
            ("WCC DIRECT PAYMT 4471", "rule"),
            ("Westshire Council refund", "name"),
        ]
        assert after_import.linked_texts(done.linked) == [
            "2 payments in (£580.00) linked to Westshire Council (Council social care)."
        ]
        assert after_import.to_sort_text(s, batch.id) == (
            "1 payment in is not linked to a funder yet: it is listed under 'To sort' on Home."
        )
    assert stream_of(store, "WCC DIRECT PAYMT 4471") == streams.council
    with store.reading() as s:
        assert [item.payer for item in funders.to_sort(s)] == ["OAKFLD CHARITABLE 88"]


def test_the_persons_choice_for_a_payer_links_it_and_is_remembered_next_time(store: Store, streams: Streams) -> None:
    with store.reading() as s:
        result = service.preview(s, MONEY_IN.encode(), name="may.csv")
        proposed = funders.proposals(
            s,
            [(p.line.txn_date, p.line.payee, p.line.description, p.line.amount_pence) for p in result.new
             if p.line.direction == "in"],
        )  # fmt: skip
    assert [(p.payer, p.count, p.total_pence, p.stream_id, p.how) for p in proposed] == [
        ("WCC DIRECT PAYMT 4471", 1, 56000, streams.council, "rule"),
        ("Westshire Council refund", 1, 2000, streams.council, "name"),
        ("OAKFLD CHARITABLE 88", 1, 5000, None, ""),
    ]
    chosen = {"oakfld charitable": streams.trust, "westshire council refund": None}
    bring_in(store, "may.csv", MONEY_IN, service.ImportChoices(payer_streams=chosen))
    assert stream_of(store, "OAKFLD CHARITABLE 88") == streams.trust
    assert stream_of(store, "Westshire Council refund") is None  # the person said leave it to sort
    june = "Date,Description,Amount\n05/06/2026,OAKFLD CHARITABLE 88,45.00\n"
    bring_in(store, "june.csv", june)
    with store.reading() as s:
        linked = s.scalars(
            select(Allocation.stream_id).join(Transaction).where(Transaction.txn_date == D(2026, 6, 5))
        ).one()
    assert linked == streams.trust


def test_a_funder_rule_is_shown_with_what_the_app_has_learned_and_can_be_turned_off(
    store: Store, streams: Streams
) -> None:
    from ipb_desktop.bankimport import learned

    with store.transaction() as s:
        (rule,) = [r for r in learned.learned(s) if r.direction == "in"]
        assert rule.text == (
            "Money from WCC DIRECT PAYMT 1180: linked to Westshire Council (Council social care), "
            "from 1 earlier payment"
        )
        learned.set_suggesting(s, rule.payee, "in", False)
        assert [r.off for r in learned.learned(s) if r.direction == "in"] == [True]
    bring_in(store, "may.csv", MONEY_IN)
    assert stream_of(store, "WCC DIRECT PAYMT 4471") is None  # the rule is off: left to sort


def test_a_rule_learned_last_year_links_to_this_years_stream_of_the_same_funder(store: Store, streams: Streams) -> None:
    with store.transaction() as s:
        period = budget.add_period(s, "2027 to 2028", D(2027, 4, 1), D(2028, 3, 31))
        later = budget.add_stream(
            s, period.id, budget.StreamDetails("council_social_care", "Westshire Council", 58000, "four_weekly")
        )
    bring_in(store, "next-year.csv", "Date,Description,Amount\n01/05/2027,WCC DIRECT PAYMT 9001,580.00\n")
    assert stream_of(store, "WCC DIRECT PAYMT 9001") == later.id


# -- the statement file kept with the store ------------------------------------------------------------------------


def test_the_statement_file_is_kept_and_goes_and_comes_back_with_its_import(store: Store) -> None:
    with store.transaction() as s:
        result = service.preview(s, DECEMBER.encode(), name="statement-dec.csv")
        batch = service.commit(s, result)
        after_import.keep_statement(s, batch.id, result.source_name, DECEMBER.encode(), result.statement.lines)

    def kept() -> list[tuple[str, bytes, D | None, D | None]]:
        with store.reading() as s:
            return [
                (d.filename, d.content, d.first_date, d.last_date)
                for d in documents.bank_statements(s, D(2023, 12, 1), D(2023, 12, 31))
            ]

    assert kept() == [("statement-dec.csv", DECEMBER.encode(), D(2023, 12, 1), D(2023, 12, 1))]
    with store.transaction() as s:
        service.undo_import(s, batch.id)
    assert kept() == []
    with store.transaction() as s:
        service.restore_import(s, batch.id)
    assert len(kept()) == 1


def test_nothing_is_written_outside_the_store(store: Store, store_path: Path) -> None:
    before = sorted(p.name for p in store_path.parent.iterdir())
    with store.transaction() as s:
        result = service.preview(s, DECEMBER.encode(), name="statement-dec.csv")
        batch = service.commit(s, result)
        after_import.keep_statement(s, batch.id, result.source_name, DECEMBER.encode(), result.statement.lines)
    after = sorted(p.name for p in store_path.parent.iterdir())
    assert [name for name in after if name not in before and not name.startswith(store_path.name)] == []
    assert b"INS2 01000011" not in store_path.read_bytes()


def test_money_in_typed_by_hand_follows_the_same_learned_rule_as_an_import(store: Store, streams: Streams) -> None:
    """A payer linked once (by the person's choice at import) is linked the same way when typed by hand later."""
    chosen = {"oakfld charitable": streams.trust}
    bring_in(store, "may.csv", MONEY_IN, service.ImportChoices(payer_streams=chosen))
    with store.transaction() as s:
        typed = ledger.add_transaction(
            s, ledger.TransactionDraft(D(2026, 7, 1), "in", 4500, payee="OAKFLD CHARITABLE 88")
        )
        assert typed.allocations[0].stream_id == streams.trust
