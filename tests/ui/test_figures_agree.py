"""One definition per figure: Home, Plan, `summary --json`, the statement and the CSV summary show the same
yearly amount, period budget, received, spent, committed and left for every stream, and the same balance, on
the same store (issue 11: a £560 four-weekly stream was £7,300 on Home and £7,280 on the statement)."""

from __future__ import annotations

import datetime as dt

from ipb_desktop import accounts, budget, ledger, plan
from ipb_desktop.cli.summary import summary_data
from ipb_desktop.models.store import Store
from ipb_desktop.statements.csv_export import summary_rows
from ipb_desktop.statements.data import statement_data
from ipb_desktop.ui.home.page import read_home
from ipb_desktop.ui.plan.page import read_plan

D = dt.date
TODAY = D(2026, 6, 30)


def test_home_plan_summary_statement_and_csv_agree(store: Store) -> None:
    with store.transaction() as s:
        period = budget.add_period(s, "2026 to 2027", D(2026, 4, 1), D(2027, 3, 31))
        council = budget.add_stream(
            s, period.id, budget.StreamDetails("council_social_care", "Westshire Council", 56000, "four_weekly")
        )
        nhs = budget.add_stream(
            s, period.id, budget.StreamDetails("nhs_phb", "Westshire ICB", 120000, "monthly", held_as="notional")
        )
        line = plan.add_plan_line(s, period.id, plan.PlanLineDetails("Support worker", 600000, stream_id=nhs.id))
        accounts.set_opening(s, D(2026, 3, 31), 41241, "typed by hand")
        for month in (4, 5, 6):
            ledger.add_transaction(s, ledger.TransactionDraft(D(2026, month, 2), "in", 56000, "WESTSHIRE COUNCIL"))
            ledger.add_transaction(
                s, ledger.TransactionDraft(D(2026, month, 9), "out", 12000, "Jo", stream_id=council.id)
            )
            ledger.add_transaction(
                s, ledger.TransactionDraft(D(2026, month, 20), "out", 45000, "Calm Care", plan_line_id=line.id)
            )
    with store.reading() as s:
        home = read_home(s, TODAY).figures
        plan_view = read_plan(s, None, TODAY)
        summary = summary_data(s, D(2026, 4, 1), TODAY, TODAY)
        statement = statement_data(s, D(2026, 4, 1), TODAY, generated_on=TODAY, with_transactions=False)
        csv_rows = list(summary_rows(statement))

    def on_home(name: str) -> dict[int, int]:
        return {f.stream_id: getattr(f, name) for f in home.streams}

    for name in ("yearly_pence", "period_budget_pence", "received_pence", "spent_pence", "committed_pence",
                 "left_pence", "weekly_pence"):  # fmt: skip
        expected = on_home(name)
        assert {f.stream_id: getattr(f, name) for f in plan_view.streams} == expected, name
        assert {f.stream_id: getattr(f, name) for f in statement.streams} == expected, name
        assert {row["id"]: row[name] for row in summary["streams"]} == expected, name
    assert on_home("yearly_pence") == {council.id: 728000, nhs.id: 1_440_000}  # by payments, everywhere
    assert on_home("period_budget_pence") == {council.id: 728000, nhs.id: 1_440_000}
    assert on_home("received_pence") == {council.id: 168000, nhs.id: 0}
    assert on_home("spent_pence") == {council.id: 36000, nhs.id: 135000}
    csv = {(section, label): amount for section, label, amount in csv_rows}
    assert csv[("stream_yearly", "Westshire Council")] == "7280.00"
    assert csv[("stream_period_budget", "Westshire Council")] == "7280.00"
    assert csv[("stream_left", "Westshire ICB")] == "13050.00"
    assert csv[("spent_by_others_total", "")] == "1350.00"
    # The balance: £412.41 + £1,680.00 in - £360.00 out; the NHS team's £1,350.00 never touched the account.
    balance = 41241 + 168000 - 36000
    assert home.balance_pence == summary["balance_today_pence"] == summary["closing_pence"] == balance
    assert statement.summary.closing_pence == balance
    assert csv[("closing_balance", "")] == "1732.41"
