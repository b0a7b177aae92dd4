"""How money is held, the opening balance, funders, reconciliation, money per outcome and the surplus, as a
council finance officer would check them (issue 11)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from ipb_desktop import accounts, audit, budget, figures, funders, ledger, outcomes, owed, plan, settings
from ipb_desktop.errors import InvalidInput
from ipb_desktop.models.schema import Receipt, Transaction
from ipb_desktop.models.store import Store
from ipb_desktop.statements.data import statement_data

D = dt.date
YEAR = (D(2026, 4, 1), D(2027, 3, 31))


@dataclass
class Budget:
    period: int
    council: int  # direct payment, £560 four-weekly, paid into the account
    nhs: int  # notional: the NHS team pays invoices from it
    line: int  # plan line on the NHS stream, for two outcomes
    walking: int
    friends: int


@pytest.fixture
def money(store: Store) -> Budget:
    with store.transaction() as s:
        period = budget.add_period(s, "2026 to 2027", *YEAR)
        council = budget.add_stream(
            s, period.id, budget.StreamDetails("council_social_care", "Westshire Council", 56000, "four_weekly")
        )
        nhs = budget.add_stream(
            s, period.id, budget.StreamDetails("nhs_phb", "Westshire ICB", 120000, "monthly", held_as="notional")
        )
        walking = outcomes.add_outcome(s, outcomes.OutcomeDetails("Walk to the allotment"), D(2026, 4, 1))
        friends = outcomes.add_outcome(s, outcomes.OutcomeDetails("See friends each week"), D(2026, 4, 1))
        line = plan.add_plan_line(
            s,
            period.id,
            plan.PlanLineDetails("Support worker", 500000, stream_id=nhs.id, outcome_ids=(walking.id, friends.id)),
        )
        return Budget(period.id, council.id, nhs.id, line.id, walking.id, friends.id)


def pay(day: dt.date, pence: int, direction: str = "out", **links: object) -> ledger.TransactionDraft:
    return ledger.TransactionDraft(day, direction, pence, str(links.pop("payee", "Someone")), **links)  # type: ignore[arg-type]


# -- one definition per figure ---------------------------------------------------------------------------------


def test_a_four_weekly_stream_counts_by_payments_on_every_figure(store: Store, money: Budget) -> None:
    with store.reading() as s:
        council, nhs = figures.stream_figures(s, money.period, D(2026, 5, 1))
    # 13 payments of £560 in the budget year: £7,280, never £7,300 from 365 days.
    assert (council.yearly_pence, council.period_budget_pence, council.weekly_pence) == (728000, 728000, 14000)
    assert council.payments_in_period == 13
    assert (nhs.yearly_pence, nhs.period_budget_pence, nhs.payments_in_period) == (1_440_000, 1_440_000, 12)


def test_a_short_period_holds_its_whole_payments(store: Store) -> None:
    with store.transaction() as s:
        period = budget.add_period(s, "First quarter", D(2026, 4, 1), D(2026, 6, 30))
        stream = budget.add_stream(
            s, period.id, budget.StreamDetails("council_social_care", "Westshire Council", 56000, "four_weekly")
        )
        # 91 days hold 3.25 four-weekly payments: 3 whole payments.
        assert budget.payments_in_period(stream) == 3
        assert budget.period_total_pence(stream) == 168000


# -- how money is held -------------------------------------------------------------------------------------------


def test_spending_from_a_notional_budget_never_touches_the_account(store: Store, money: Budget) -> None:
    with store.transaction() as s:
        ledger.add_transaction(s, pay(D(2026, 4, 3), 56000, "in", payee="Westshire Council"))
        ledger.add_transaction(s, pay(D(2026, 4, 10), 50000, plan_line_id=money.line, payee="Calm Care Ltd"))
    with store.reading() as s:
        assert figures.balance_on(s, D(2026, 4, 30)) == 56000  # the bank still holds £560
        summary = figures.period_summary(s, *YEAR)
        assert (summary.money_in_pence, summary.money_out_pence, summary.outside_out_pence) == (56000, 0, 50000)
        nhs = next(f for f in figures.stream_figures(s, money.period, D(2026, 4, 30)) if f.stream_id == money.nhs)
        assert (nhs.spent_pence, nhs.spent_outside_pence, nhs.left_pence) == (50000, 50000, 1_390_000)
        (line,) = figures.planned_vs_actual(s, money.period, D(2026, 4, 30))
        assert line.spent_pence == 50000  # it counts against the plan
        data = statement_data(s, *YEAR, generated_on=D(2026, 4, 30))
        assert [t.payee for t in data.outside_transactions] == ["Calm Care Ltd"]
        assert [t.payee for t in data.account_transactions] == ["Westshire Council"]


def test_committed_spending_comes_off_what_is_left(store: Store, money: Budget) -> None:
    with store.transaction() as s:
        invoice = ledger.add_transaction(s, pay(D(2026, 9, 1), 30000, plan_line_id=money.line, payee="Calm Care"))
        invoice.created_at = dt.datetime(2026, 4, 20, 10, 0)  # recorded in April for September
    with store.reading() as s:
        nhs = next(f for f in figures.stream_figures(s, money.period, D(2026, 5, 1)) if f.stream_id == money.nhs)
        (line,) = figures.planned_vs_actual(s, money.period, D(2026, 5, 1))
        before = next(f for f in figures.stream_figures(s, money.period, D(2026, 4, 19)) if f.stream_id == money.nhs)
    assert (nhs.spent_pence, nhs.committed_pence, nhs.left_pence) == (0, 30000, 1_410_000)
    assert (line.committed_pence, line.left_pence) == (30000, 470000)
    assert before.committed_pence == 0  # not yet known of on 19 April


def test_a_mixed_stream_says_which_part_is_paid_in(store: Store, money: Budget) -> None:
    with store.transaction() as s:
        with pytest.raises(InvalidInput) as refused:
            budget.add_stream(s, money.period, budget.StreamDetails("nhs_phb", "ICB", 40000, "monthly", "mixed"))
        assert "paid into the account" in str(refused.value)
        mixed = budget.add_stream(
            s, money.period, budget.StreamDetails("nhs_phb", "ICB", 40000, "monthly", "mixed", paid_in_pence=10000)
        )
        figs = {f.stream_id: f for f in figures.stream_figures(s, money.period, D(2026, 5, 1))}
    assert figs[mixed.id].paid_in_budget_pence == 120000  # £100 of each £400 monthly payment comes in
    assert figs[money.nhs].paid_in_budget_pence == 0
    assert figs[money.council].paid_in_budget_pence == 728000


# -- opening balance ---------------------------------------------------------------------------------------------


def test_an_opening_balance_typed_by_hand_is_in_the_balance_and_audited(store: Store, money: Budget) -> None:
    with store.transaction() as s:
        accounts.set_opening(s, D(2026, 3, 31), 41241, "bank statement for March")
        ledger.add_transaction(s, pay(D(2026, 4, 2), 1241))
    with store.reading() as s:
        assert figures.balance_on(s, D(2026, 4, 2)) == 40000
        summary = figures.period_summary(s, *YEAR)
        assert summary.opening_pence == 41241
        assert summary.opening_pence + summary.money_in_pence - summary.money_out_pence == summary.closing_pence
        data = statement_data(s, *YEAR, generated_on=D(2026, 4, 30))
        assert data.opening is not None and data.opening.balance_pence == 41241
        assert sum(b.opening_pence for b in data.stream_balances) == data.summary.opening_pence
        assert [e.action for e in audit.entries(s, "account")] == ["opening_balance"]


# -- funders ---------------------------------------------------------------------------------------------------


def test_money_in_from_a_funder_is_linked_to_its_stream(store: Store, money: Budget) -> None:
    with store.transaction() as s:
        linked = ledger.add_transaction(s, pay(D(2026, 4, 3), 56000, "in", payee="WESTSHIRE COUNCIL DP REF 88"))
        other = ledger.add_transaction(s, pay(D(2026, 4, 4), 2000, "in", payee="Aunt Mair"))
    with store.reading() as s:
        assert s.get_one(Transaction, linked.id).allocations[0].stream_id == money.council
        assert [row.txn_id for row in funders.to_sort(s)] == [other.id]
        (by_stream, *_rest) = figures.money_in_by_stream(s, *YEAR)
        assert (by_stream.key_id, by_stream.pence) == (money.council, 56000)


def test_a_notional_funder_never_claims_money_in(store: Store, money: Budget) -> None:
    with store.transaction() as s:
        txn = ledger.add_transaction(s, pay(D(2026, 4, 3), 500, "in", payee="Westshire ICB refund"))
        assert txn.allocations[0].stream_id is None


# -- reconciliation ----------------------------------------------------------------------------------------------


def test_reconciling_records_when_the_bank_agrees_and_lists_unticked_lines_when_not(
    store: Store, money: Budget
) -> None:
    with store.transaction() as s:
        ledger.add_transaction(s, pay(D(2026, 4, 3), 56000, "in", payee="Westshire Council"))
        lunch = ledger.add_transaction(s, pay(D(2026, 4, 5), 1250, payee="Cafe Glas"))
        wrong = accounts.reconcile(s, D(2026, 4, 30), 56000)
        assert (wrong.recorded, wrong.difference_pence) == (False, 1250)
        assert lunch.id in [u.txn_id for u in wrong.unticked]
        right = accounts.reconcile(s, D(2026, 4, 30), 54750)
        assert right.recorded and right.agrees
    with store.reading() as s:
        assert all(t.reconciled for t in s.scalars(ledger.live()))
        data = statement_data(s, *YEAR, generated_on=D(2026, 5, 1))
        assert data.reconciliation is not None
        assert (data.reconciliation.on_date, data.reconciliation.difference_pence) == (D(2026, 4, 30), 0)


# -- money per outcome -----------------------------------------------------------------------------------------


def test_money_on_a_plan_line_is_shared_between_its_outcomes(store: Store, money: Budget) -> None:
    with store.transaction() as s:
        ledger.add_transaction(s, pay(D(2026, 4, 10), 1001, plan_line_id=money.line, through_account=True))
    with store.reading() as s:
        by_outcome = {t.key_id: t.pence for t in figures.money_out_by_outcome(s, *YEAR)}
    assert by_outcome == {money.walking: 501, money.friends: 500}  # the odd penny to the first


# -- surplus ---------------------------------------------------------------------------------------------------


@pytest.fixture
def owed_wages() -> Iterator[None]:
    owed.register("test_wages", lambda session, day: [owed.OwedItem("test_wages", "Siân's wages", 30000, day)])
    yield
    owed.unregister("test_wages")


def test_surplus_is_weeks_of_the_weekly_payment_after_money_owed_and_contingency(
    store: Store, money: Budget, owed_wages: None
) -> None:
    with store.transaction() as s:
        accounts.set_opening(s, D(2026, 3, 31), 200000, "typed by hand")
        settings.put(s, "surplus_weeks", "4")
        settings.put(s, "contingency_pence", "10000")
    with store.reading() as s:
        spare = figures.surplus(s, money.period, D(2026, 4, 30))
    # £2,000 - £300 owed - £100 contingency - 4 weeks of the £140 weekly direct payment (£560) = £1,040.
    assert spare.basis == "weekly_payment"
    assert (spare.weekly_pence, spare.owed_pence, spare.contingency_pence) == (14000, 30000, 10000)
    assert (spare.threshold_pence, spare.surplus_pence) == (56000, 104000)
    assert [i.description for i in spare.owed] == ["Siân's wages"]


def test_payments_recorded_for_later_are_money_owed(store: Store, money: Budget) -> None:
    with store.transaction() as s:
        ledger.add_transaction(s, pay(dt.date.today() + dt.timedelta(days=20), 4500, payee="Payroll Bureau"))
        items = owed.owed_items(s, dt.date.today())
    assert [(i.source, i.description, i.pence) for i in items] == [("committed", "Payroll Bureau", 4500)]


def test_the_through_account_flag_is_kept_on_edit(store: Store, money: Budget) -> None:
    with store.transaction() as s:
        txn = ledger.add_transaction(s, pay(D(2026, 4, 10), 700, stream_id=money.nhs))
        assert txn.through_account is False
        ledger.update_transaction(s, txn.id, ledger.draft_of(txn))
        assert s.scalars(select(Transaction.through_account)).one() is False


# -- repayments, clawbacks and the assessed contribution ---------------------------------------------------------


def test_a_repayment_leaves_the_account_and_a_clawback_does_not(store: Store, money: Budget) -> None:
    from ipb_desktop import repayments

    with store.transaction() as s:
        ledger.add_transaction(s, pay(D(2026, 4, 3), 100000, "in", payee="Westshire Council"))
        back = repayments.record_repayment(s, money.council, D(2026, 5, 1), 30000)
        kept = repayments.record_repayment(s, money.council, D(2026, 5, 2), 20000, clawback=True)
        assert (back.through_account, kept.through_account) == (True, False)
    with store.reading() as s:
        assert figures.balance_on(s, D(2026, 5, 31)) == 70000
        council = next(
            f for f in figures.stream_figures(s, money.period, D(2026, 5, 31)) if f.stream_id == money.council
        )
        assert (council.spent_pence, council.spent_outside_pence) == (50000, 20000)
        categories = {t.label for t in figures.money_out_by_category(s, *YEAR)}
        assert categories == {"Repayment to a funder"}


def test_the_assessed_contribution_due_against_paid(store: Store, money: Budget) -> None:
    from ipb_desktop import repayments

    with store.transaction() as s:
        own = budget.add_stream(s, money.period, budget.StreamDetails("personal_contribution", "Me", 1000, "weekly"))
        for day in (3, 10, 17):
            ledger.add_transaction(s, pay(D(2026, 4, day), 1000, "in", stream_id=own.id, payee="Me"))
        found = repayments.contribution(s, money.period, D(2026, 4, 30))
    # 30 days hold four weekly payments of £10 (4.3 rounded): £40 due, £30 paid in.
    assert (found.weekly_pence, found.due_pence, found.paid_pence, found.owed_pence) == (1000, 4000, 3000, 1000)


def test_a_kept_bank_statement_goes_through_export_all_and_back(store: Store, tmp_path: Path) -> None:
    from ipb_desktop import documents, export_all
    from ipb_desktop import ledger as _ledger

    with store.transaction() as s:
        receipt_owner = _ledger.add_transaction(s, pay(D(2026, 4, 2), 500))
        _ledger.attach_receipt(s, receipt_owner.id, "r.pdf", b"%PDF-1.4 receipt")
        documents.keep_bank_statement(s, "april.csv", b"Date,Amount\n02/04/2026,-5.00\n", D(2026, 4, 2), D(2026, 4, 2))
    out = export_all.export_everything(store, tmp_path / "all.zip")
    made = export_all.import_everything(out, tmp_path / "back.ipb", "another long passphrase here")
    with Store.open(made, "another long passphrase here") as back, back.reading() as s:
        (kept,) = documents.bank_statements(s, D(2026, 4, 1), D(2026, 4, 30))
        assert kept.content == b"Date,Amount\n02/04/2026,-5.00\n"
        assert [r.content for r in s.scalars(select(Receipt))] == [b"%PDF-1.4 receipt"]
