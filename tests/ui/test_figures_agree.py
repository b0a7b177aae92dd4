"""One definition per figure: Home, Plan, `summary --json`, the statement and the CSV summary show the same
yearly amount, period budget, received, spent, committed and left for every stream, and the same balance, on
the same store (issue 11: a £560 four-weekly stream was £7,300 on Home and £7,280 on the statement)."""

from __future__ import annotations

import datetime as dt

from ipb_desktop import accounts, budget, figures, ledger, plan
from ipb_desktop.cli.summary import summary_data
from ipb_desktop.models.store import Store
from ipb_desktop.statements.csv_export import summary_rows
from ipb_desktop.statements.data import statement_data
from ipb_desktop.ui.home.page import read_home
from ipb_desktop.ui.plan.page import read_plan
from ipb_desktop.ui.settings.money import MoneySettings
from tests.ui.keys import choose, press, type_over

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


def test_after_the_money_parts_of_the_window_home_plan_and_summary_agree(qtbot, open_window) -> None:
    """Opening balance typed in Settings, an assessed contribution added on Plan and paid in, a repayment and a
    clawback recorded on Plan, the account checked against the April bank statement on Spending: Home, Plan and
    `summary --json` then give the same numbers (window TODAY is 15 May 2026)."""
    from tests.ui.conftest import TODAY as WINDOW_TODAY

    win, store = open_window, open_window.ctx.store
    with qtbot.waitActive(win):
        win.activateWindow()

    win.show_page("settings")
    money_settings = win.page_widgets["settings"].findChild(MoneySettings)
    money_settings.opening_day.setFocus()
    qtbot.keyClicks(money_settings.opening_day, "31/03/2026")
    type_over(qtbot, money_settings.opening_amount, "412.41")
    press(qtbot, money_settings.save_opening_button)

    win.show_page("plan")
    plan_page = win.page_widgets["plan"]
    press(qtbot, plan_page.add_stream_button)
    dialog = plan_page.dialog
    choose(qtbot, dialog.kind, "personal_contribution")
    type_over(qtbot, dialog.funder, "My contribution")
    type_over(qtbot, dialog.amount, "10")
    choose(qtbot, dialog.schedule, "weekly")
    press(qtbot, dialog.save_button)
    with store.reading() as s:
        ids = {f.funder_name: f.stream_id for f in figures.stream_figures(s, budget.periods(s)[0].id, WINDOW_TODAY)}
    with store.transaction() as s:  # paid in, as a bank import would link it
        ledger.add_transaction(
            s, ledger.TransactionDraft(D(2026, 4, 6), "in", 2000, "A Testwood", stream_id=ids["My contribution"])
        )
    for funder, amount, clawback in (("Exampleshire Council", "200", False), ("Exampleshire ICB", "100", True)):
        press(qtbot, plan_page.repay_button)
        dialog = plan_page.dialog
        choose(qtbot, dialog.stream, ids[funder])
        type_over(qtbot, dialog.amount, amount)
        if clawback:
            press(qtbot, dialog.clawback)
        press(qtbot, dialog.save_button)
        assert plan_page.dialog is None

    win.show_page("spending")
    spending = win.page_widgets["spending"]
    spending.bank_check_action.trigger()
    check = spending.dialog
    check.day.setFocus()
    qtbot.keyClicks(check.day, "30/04/2026")
    type_over(qtbot, check.balance, "1814.91")  # £412.41 + £1,382.50 + £20.00 paid in on 6 April
    press(qtbot, check.tick_all_button)
    press(qtbot, check.record_button)
    assert not check.isVisible()

    win.show_page("home")
    home = win.page_widgets["home"].view.figures
    win.show_page("plan")
    plan_view = plan_page.view
    with store.reading() as s:
        period = budget.periods(s)[0]
        summary = summary_data(s, period.start_date, WINDOW_TODAY, WINDOW_TODAY)
    for name in ("yearly_pence", "period_budget_pence", "received_pence", "spent_pence", "committed_pence",
                 "left_pence", "weekly_pence"):  # fmt: skip
        expected = {f.stream_id: getattr(f, name) for f in home.streams}
        assert {f.stream_id: getattr(f, name) for f in plan_view.streams} == expected, name
        assert {row["id"]: row[name] for row in summary["streams"]} == expected, name
    spent = {f.stream_id: f.spent_pence for f in home.streams}
    assert spent[ids["Exampleshire Council"]] == 30000 + 20000  # Jo's wages and the repayment
    assert spent[ids["Exampleshire ICB"]] == 3750 + 10000  # pottery and the clawback
    # The balance: opening £412.41 + £1,720.00 + £20.00 in - £337.50 out - £200.00 repaid; the clawback
    # never touched the account.
    balance = 41241 + 172000 + 2000 - 33750 - 20000
    assert home.balance_pence == summary["balance_today_pence"] == balance
    assert f"£{balance / 100:,.2f}" in win.page_widgets["home"].balance_label.text()
    assert summary["opening_recorded"]["balance_pence"] == 41241
    assert summary["reconciled"] == {
        "date": "2026-04-30",
        "bank_balance": "1814.91",
        "bank_balance_pence": 181491,
        "agrees": True,
    }
    contribution = plan_view.contribution
    assert (contribution.due_pence, contribution.paid_pence) == (
        summary["contribution"]["due_pence"],
        summary["contribution"]["paid_pence"],
    )
    assert contribution.paid_pence == 2000
    assert f"£{contribution.due_pence / 100:,.2f} due, £20.00 paid in" in plan_page.contribution_words.text()
