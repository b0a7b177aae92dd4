"""Finding payments: filters, sorting, paging, totals and suggestions learned from history."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ipb_desktop import ledger, ledger_query, plan
from ipb_desktop.ledger_query import LedgerFilter, LedgerSort, SortKey
from ipb_desktop.models import search_index
from ipb_desktop.models.schema import FundingStream, Outcome, PlanLine
from ipb_desktop.models.store import Store

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


@pytest.fixture
def ledger_store(filled_store: Store) -> Store:
    """filled_store's four payments (council in, ICB in, Clayworks pottery, Jo's wages) plus:

    2026-04-20 out  45.00 Clayworks Studio  "Pottery, kiln fee"  pottery        reconciled, receipt kept
    2026-05-02 out  60.00 Bright Books      "Course book and bus" split: pottery 20.00 + laptop 40.00
    2026-05-03 out 499.00 Laptop Shop       "Laptop"              laptop line    receipt not needed
    2026-05-04 out  10.00 Corner Pub        "Drinks"              Alcohol        (deleted)
    2026-05-05 out   3.50 jo assistant      "Bus fare 50% off_peak" no plan line
    """
    with filled_store.transaction() as s:
        lines = {line.description: line.id for line in s.scalars(select(PlanLine))}
        pottery, laptop = lines["Pottery class"], lines["Laptop for job search"]
        kiln = ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                dt.date(2026, 4, 20), "out", 4500, "Clayworks Studio", "Pottery, kiln fee", plan_line_id=pottery
            ),
        )
        ledger.set_reconciled(s, kiln.id)
        ledger.attach_receipt(s, kiln.id, "kiln.png", PNG)
        ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                dt.date(2026, 5, 2),
                "out",
                6000,
                "Bright Books",
                "Course book and bus",
                allocations=(
                    ledger.AllocationDraft(2000, plan_line_id=pottery),
                    ledger.AllocationDraft(4000, plan_line_id=laptop),
                ),
            ),
        )
        ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                dt.date(2026, 5, 3), "out", 49900, "Laptop Shop", "Laptop", plan_line_id=laptop, receipt_not_needed=True
            ),
        )
        pub = ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                dt.date(2026, 5, 4),
                "out",
                1000,
                "Corner Pub",
                "Drinks",
                category_id=plan.category_named(s, "Alcohol").id,
            ),
        )
        ledger.delete_transaction(s, pub.id)
        ledger.add_transaction(
            s, ledger.TransactionDraft(dt.date(2026, 5, 5), "out", 350, "jo assistant", "Bus fare 50% off_peak")
        )
    return filled_store


def payees(store: Store, flt: LedgerFilter | None = None, sort: LedgerSort | None = None) -> list[str]:
    with store.reading() as s:
        ids = ledger_query.transaction_ids(s, flt or LedgerFilter(), sort or LedgerSort())
        found = ledger_query.rows(s, ids)
    return [found[i].payee for i in ids]


def test_newest_first_by_default_and_deleted_payments_are_left_out(ledger_store: Store) -> None:
    assert payees(ledger_store) == [
        "jo assistant",
        "Laptop Shop",
        "Bright Books",
        "Clayworks Studio",
        "Jo Assistant",
        "Clayworks Studio",
        "Exampleshire ICB",
        "Exampleshire Council",
    ]


def test_date_range_is_inclusive_at_both_ends(ledger_store: Store) -> None:
    flt = LedgerFilter(date_from=dt.date(2026, 4, 10), date_to=dt.date(2026, 5, 2))
    assert payees(ledger_store, flt) == ["Bright Books", "Clayworks Studio", "Jo Assistant", "Clayworks Studio"]


def test_money_in_only(ledger_store: Store) -> None:
    assert payees(ledger_store, LedgerFilter(direction="in")) == ["Exampleshire ICB", "Exampleshire Council"]


def test_free_text_matches_payee_or_description_ignoring_case_and_word_order(ledger_store: Store) -> None:
    assert payees(ledger_store, LedgerFilter(text="JO")) == ["jo assistant", "Jo Assistant"]
    assert payees(ledger_store, LedgerFilter(text="kiln pottery")) == ["Clayworks Studio"]
    assert payees(ledger_store, LedgerFilter(text="book")) == ["Bright Books"]


def test_free_text_treats_percent_and_underscore_as_plain_characters(ledger_store: Store) -> None:
    assert payees(ledger_store, LedgerFilter(text="50%")) == ["jo assistant"]
    assert payees(ledger_store, LedgerFilter(text="off_peak")) == ["jo assistant"]
    assert payees(ledger_store, LedgerFilter(text="%")) == ["jo assistant"]
    assert payees(ledger_store, LedgerFilter(text="f_p")) == ["jo assistant"]
    assert payees(ledger_store, LedgerFilter(text="o_f")) == []


def test_plan_line_filter_finds_split_payments_too(ledger_store: Store) -> None:
    with ledger_store.reading() as s:
        pottery = s.scalars(select(PlanLine.id).where(PlanLine.description == "Pottery class")).one()
    assert payees(ledger_store, LedgerFilter(plan_line_id=pottery)) == [
        "Bright Books",
        "Clayworks Studio",
        "Clayworks Studio",
    ]


def test_stream_category_and_outcome_filters(ledger_store: Store) -> None:
    with ledger_store.reading() as s:
        icb = s.scalars(select(FundingStream.id).where(FundingStream.funder_name == "Exampleshire ICB")).one()
        work = s.scalars(select(Outcome.id).where(Outcome.what_matters == "Get back into work")).one()
        wages = plan.category_named(s, "Personal assistant wages").id
    # The ICB pays for pottery and the laptop; its own payment in is on the ICB stream too.
    assert payees(ledger_store, LedgerFilter(stream_id=icb)) == [
        "Laptop Shop",
        "Bright Books",
        "Clayworks Studio",
        "Clayworks Studio",
        "Exampleshire ICB",
    ]
    assert payees(ledger_store, LedgerFilter(outcome_id=work)) == ["Laptop Shop", "Bright Books"]
    assert payees(ledger_store, LedgerFilter(category_id=wages)) == ["Jo Assistant"]


def test_reconciled_and_missing_receipt_filters(ledger_store: Store) -> None:
    assert payees(ledger_store, LedgerFilter(reconciled=True)) == ["Clayworks Studio"]
    assert len(payees(ledger_store, LedgerFilter(reconciled=False))) == 7
    # Money in never needs a receipt; the laptop is marked "not needed"; the kiln fee has one.
    assert payees(ledger_store, LedgerFilter(missing_receipt=True)) == [
        "jo assistant",
        "Bright Books",
        "Jo Assistant",
        "Clayworks Studio",
    ]


def test_sort_by_amount_both_ways(ledger_store: Store) -> None:
    smallest_first = payees(ledger_store, sort=LedgerSort(SortKey.AMOUNT, descending=False))
    assert smallest_first[:3] == ["jo assistant", "Clayworks Studio", "Clayworks Studio"]
    assert payees(ledger_store, sort=LedgerSort(SortKey.AMOUNT))[0] == "Exampleshire ICB"


def test_sort_by_payee_ignores_case_and_by_plan_line_uses_the_first_name(ledger_store: Store) -> None:
    by_payee = payees(ledger_store, sort=LedgerSort(SortKey.PAYEE, descending=False))
    assert by_payee[:2] == ["Bright Books", "Clayworks Studio"]
    assert by_payee[-3:] == ["Jo Assistant", "jo assistant", "Laptop Shop"]  # same name: older first
    by_line = payees(ledger_store, LedgerFilter(direction="out"), LedgerSort(SortKey.PLAN_LINE, descending=False))
    # No plan line sorts first; "Bright Books" is split over Laptop... and Pottery..., so it sorts under Laptop
    # (and before "Laptop Shop", being older).
    assert by_line == [
        "jo assistant",
        "Bright Books",
        "Laptop Shop",
        "Jo Assistant",
        "Clayworks Studio",
        "Clayworks Studio",
    ]


@pytest.mark.parametrize("key", list(SortKey))
def test_every_sort_key_returns_every_row_once(ledger_store: Store, key: SortKey) -> None:
    for descending in (True, False):
        with ledger_store.reading() as s:
            ids = ledger_query.transaction_ids(s, LedgerFilter(), LedgerSort(key, descending))
        assert len(ids) == len(set(ids)) == 8


def test_pages_cover_the_sorted_ids_without_gaps(ledger_store: Store) -> None:
    with ledger_store.reading() as s:
        every = ledger_query.transaction_ids(s)
        pages = [ledger_query.page_ids(s, LedgerFilter(), offset=o, limit=3) for o in (0, 3, 6)]
        assert ledger_query.count(s) == 8
    assert [i for page in pages for i in page] == every
    assert [len(p) for p in pages] == [3, 3, 2]


def test_totals_for_everything_and_for_filtered_rows(ledger_store: Store) -> None:
    with ledger_store.reading() as s:
        everything = ledger_query.totals(s)
        clayworks = ledger_query.totals(s, LedgerFilter(text="clayworks"))
        nothing = ledger_query.totals(s, LedgerFilter(text="no such payee"))
    assert (everything.count, everything.in_pence, everything.out_pence) == (
        8,
        172000,
        3750 + 30000 + 4500 + 6000 + 49900 + 350,
    )
    assert everything.net_pence == 172000 - 94500
    assert not everything.parts_only
    assert (clayworks.count, clayworks.in_pence, clayworks.out_pence) == (2, 0, 8250)
    assert (nothing.count, nothing.in_pence, nothing.out_pence, nothing.net_pence) == (0, 0, 0, 0)


def test_totals_by_plan_line_count_only_the_matching_part_of_a_split(ledger_store: Store) -> None:
    with ledger_store.reading() as s:
        pottery = s.scalars(select(PlanLine.id).where(PlanLine.description == "Pottery class")).one()
        on_pottery = ledger_query.totals(s, LedgerFilter(plan_line_id=pottery))
    assert on_pottery.parts_only
    assert (on_pottery.count, on_pottery.out_pence) == (3, 3750 + 4500 + 2000)


def test_rows_show_parts_receipts_and_signs(ledger_store: Store) -> None:
    with ledger_store.reading() as s:
        ids = ledger_query.transaction_ids(s, LedgerFilter(text="books kiln council"))
        assert ids == []
        ids = ledger_query.transaction_ids(s, LedgerFilter(date_from=dt.date(2026, 4, 20), date_to=dt.date(2026, 5, 2)))
        found = ledger_query.rows(s, ids)
    books, kiln = (found[i] for i in ids)
    assert books.is_split and [p.plan_line for p in books.parts] == ["Pottery class", "Laptop for job search"]
    assert [p.amount_pence for p in books.parts] == [2000, 4000]
    assert books.needs_receipt and books.signed_pence == -6000
    assert kiln.receipt_count == 1 and kiln.reconciled and not kiln.needs_receipt
    assert kiln.parts[0].category == "Activities and classes" and kiln.parts[0].stream == "Exampleshire ICB"


def test_rows_reads_large_id_lists_in_chunks(ledger_store: Store) -> None:
    with ledger_store.reading() as s:
        ids = ledger_query.transaction_ids(s)
        found = ledger_query.rows(s, ids * 300)
    assert set(found) == set(ids)


def test_payee_suggestions_most_used_first_and_by_prefix(ledger_store: Store) -> None:
    with ledger_store.reading() as s:
        every = ledger_query.payee_suggestions(s)
        starting_ex = ledger_query.payee_suggestions(s, "ex")
        descriptions = ledger_query.description_suggestions(s, "pottery")
    assert every[0] == "Clayworks Studio"
    assert "Corner Pub" not in every  # deleted payments teach nothing
    assert starting_ex == ["Exampleshire ICB", "Exampleshire Council"]  # equal use: the most recent first
    assert descriptions == ["Pottery, kiln fee", "Pottery, 3 weeks"]


def test_payee_habit_remembers_the_last_single_part_payment(ledger_store: Store) -> None:
    with ledger_store.reading() as s:
        clay = ledger_query.payee_habit(s, "  clayworks studio ")
        books = ledger_query.payee_habit(s, "Bright Books")  # only a split payment: nothing to copy
        unknown = ledger_query.payee_habit(s, "Nobody")
        pottery = s.scalars(select(PlanLine.id).where(PlanLine.description == "Pottery class")).one()
    assert clay is not None
    assert (clay.direction, clay.amount_pence, clay.plan_line_id, clay.description) == (
        "out",
        4500,
        pottery,
        "Pottery, kiln fee",
    )
    assert books is None and unknown is None


def test_suggestions_learn_from_recent_payments_only(ledger_store: Store) -> None:
    with ledger_store.reading() as s:
        assert ledger_query.payee_suggestions(s, recent=2) == ["jo assistant", "Laptop Shop"]
        assert ledger_query.description_suggestions(s, recent=1) == ["Bus fare 50% off_peak"]


def test_search_text_with_quotes_and_symbols_is_just_text(ledger_store: Store) -> None:
    with ledger_store.transaction() as s:
        ledger.add_transaction(
            s, ledger.TransactionDraft(dt.date(2026, 5, 6), "out", 500, "O'Brien's Café", 'tea; \'--\\ "x"')
        )
    assert payees(ledger_store, LedgerFilter(text="o'brien's")) == ["O'Brien's Café"]
    assert payees(ledger_store, LedgerFilter(text="café '--\\")) == ["O'Brien's Café"]
    assert payees(ledger_store, LedgerFilter(text='\'; drop table "transaction"; --')) == []
    assert len(payees(ledger_store)) == 9


FILTERS_FOR_TOTALS = [
    LedgerFilter(),
    LedgerFilter(text="clayworks"),
    LedgerFilter(text="BUS"),
    LedgerFilter(text="bus fare"),
    LedgerFilter(text="50%"),
    LedgerFilter(text="no such payee"),
    LedgerFilter(direction="out"),
    LedgerFilter(missing_receipt=True),
    LedgerFilter(text="pottery", reconciled=True),
    LedgerFilter(date_from=dt.date(2026, 5, 1), text="o"),
]


@pytest.mark.parametrize("flt", FILTERS_FOR_TOTALS)
def test_totals_of_the_rows_in_hand_are_the_totals_of_the_filter(ledger_store: Store, flt: LedgerFilter) -> None:
    """The Spending table adds up a short first page from its ids: the same figures as adding up the filter."""
    with ledger_store.reading() as s:
        every_id = ledger_query.transaction_ids(s, flt)
        assert ledger_query.totals(s, flt, only_ids=every_id) == ledger_query.totals(s, flt)
        assert ledger_query.totals(s, flt).count == len(every_id)
    with ledger_store.reading() as s:
        pottery = s.scalars(select(PlanLine.id).where(PlanLine.description == "Pottery class")).one()
        on_pottery = LedgerFilter(plan_line_id=pottery, text=flt.text)
        ids = ledger_query.transaction_ids(s, on_pottery)
        assert ledger_query.totals(s, on_pottery, only_ids=ids) == ledger_query.totals(s, on_pottery)


def test_totals_and_every_id_of_a_word_read_only_the_rows_the_search_index_lists(ledger_store: Store) -> None:
    """With a word of three letters or more, adding up (and reading every id) looks up the payments the search
    index found by id, instead of walking every live payment in the date index and checking each against the
    list; the first page in date order walks the date index checking each row with LIKE, stopping after a page
    of matches, and makes no list (its cost grows with the matches: 32 ms for "swim" at a million payments)."""
    from tests.models.test_live_date_index import plan

    pottery = LedgerFilter(text="pottery")
    with ledger_store.reading() as s:
        added_up = plan(s, ledger_query.totals_query(pottery))
        every = plan(s, ledger_query.ids_query(pottery, every_match=True))
        first_page = plan(s, ledger_query.ids_query(pottery, every_match=False).limit(100))
    for whole in (added_up, every):
        assert "SEARCH transaction USING INTEGER PRIMARY KEY" in whole and "ix_transaction_live_date" not in whole
    assert "ix_transaction_live_date" in first_page and "TEMP B-TREE" not in first_page
    assert search_index.TABLE not in first_page


@pytest.mark.parametrize("few", [0, 1, 1000])
@pytest.mark.parametrize("words", ["pottery", "exampleshire", "bus fare", "zzzz", "jo", "bus 50%"])
def test_a_page_of_a_word_is_the_start_of_every_match_whichever_way_it_is_found(
    ledger_store: Store, monkeypatch: pytest.MonkeyPatch, few: int, words: str
) -> None:
    monkeypatch.setattr(ledger_query, "FEW_MATCHES", few)
    flt = LedgerFilter(text=words)
    with ledger_store.reading() as s:
        for order in (LedgerSort(), LedgerSort(SortKey.AMOUNT, descending=False), LedgerSort(SortKey.PAYEE)):
            every = ledger_query.transaction_ids(s, flt, order)
            assert ledger_query.page_ids(s, flt, order, limit=2) == every[:2]
            assert ledger_query.page_ids(s, flt, order, offset=1, limit=100) == every[1:]


def test_a_word_found_in_few_payments_is_paged_from_them_not_by_walking_the_ledger(
    ledger_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A typing slip matches nothing: its (empty) first page must not walk every payment looking for one."""
    asked: list[bool] = []
    real = ledger_query.ids_query

    def recording(flt, sort=LedgerSort(), *, every_match=True):  # type: ignore[no-untyped-def]  # noqa: B008
        asked.append(every_match)
        return real(flt, sort, every_match=every_match)

    monkeypatch.setattr(ledger_query, "ids_query", recording)
    monkeypatch.setattr(ledger_query, "FEW_MATCHES", 1)
    with ledger_store.reading() as s:
        assert ledger_query.page_ids(s, LedgerFilter(text="zzzz")) == []
        assert len(ledger_query.page_ids(s, LedgerFilter(text="laptop"))) == 1  # one listed: few
        assert len(ledger_query.page_ids(s, LedgerFilter(text="clayworks"))) == 2  # two: walk the date index
        ledger_query.page_ids(s, LedgerFilter(text="jo"))  # too short for the search index
    assert asked == [True, True, False, False]
