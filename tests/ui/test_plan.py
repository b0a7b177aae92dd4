"""Plan and budget: periods, funding streams and plan lines from the real widgets; archive and undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from ipb_desktop import budget, plan
from ipb_desktop.models.schema import FundingStream, PlanLine
from ipb_desktop.ui.plan.dialogs import PeriodDialog, PlanLineDialog, StreamDialog
from ipb_desktop.ui.plan.page import PlanPage
from ipb_desktop.ui.shell.main_window import MainWindow
from ipb_desktop.ui.widgets import dialogs


def _page(win: MainWindow) -> PlanPage:
    win.show_page("plan")
    page = win.page_widgets["plan"]
    assert isinstance(page, PlanPage)
    return page


def test_add_a_funding_stream(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    qtbot.mouseClick(page.add_stream_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, StreamDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("section_117"))
    qtbot.keyClicks(dialog.funder, "Exampleshire Section 117 team")
    qtbot.keyClicks(dialog.amount, "12.5x")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "not an amount of money" in dialog.form.problem_text("amount")
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "250.00")
    dialog.schedule.setCurrentIndex(dialog.schedule.findData("monthly"))
    dialog.held.setCurrentIndex(dialog.held.findData("notional"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.dialog is None
    with open_window.ctx.store.reading() as s:
        added = s.scalars(select(FundingStream).where(FundingStream.funder_kind == "section_117")).one()
        assert (added.funder_name, added.amount_pence, added.schedule, added.held_as) == (
            "Exampleshire Section 117 team",
            25000,
            "monthly",
            "notional",
        )
    assert "Exampleshire Section 117 team" in [s.funder_name for s in page.streams_model.rows]
    open_window.undo_action.trigger()
    with open_window.ctx.store.reading() as s:
        assert s.scalars(select(FundingStream).where(FundingStream.funder_kind == "section_117")).first() is None


def test_add_a_plan_line_linked_to_an_outcome_and_stream(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    qtbot.mouseClick(page.add_line_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PlanLineDialog)
    qtbot.keyClicks(dialog.description, "Cinema card")
    qtbot.keyClicks(dialog.planned, "120")
    dialog.stream.setCurrentIndex(dialog.stream.findText("Exampleshire ICB"))
    dialog.category.setCurrentIndex(dialog.category.findText("Activities and classes"))
    dialog.outcomes.setFocus()
    dialog.outcomes.setCurrentRow(0)
    qtbot.keyClick(dialog.outcomes, Qt.Key.Key_Space)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with open_window.ctx.store.reading() as s:
        line = s.scalars(select(PlanLine).where(PlanLine.description == "Cinema card")).one()
        assert line.planned_pence == 12000
        assert line.stream.funder_name == "Exampleshire ICB"
        assert [o.what_matters for o in line.outcomes] == ["Regain confidence to go out on my own"]
    assert "Cinema card" in [r.figures.description for r in page.lines_model.rows]


def test_edit_a_plan_line_and_undo(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    page.lines_table.selectRow(1)
    qtbot.mouseClick(page.edit_line_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog.description.text() == "Pottery class"
    dialog.planned.selectAll()
    qtbot.keyClicks(dialog.planned, "400")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with open_window.ctx.store.reading() as s:
        assert plan.get_plan_line(s, page.lines_model.rows[1].figures.plan_line_id).planned_pence == 40000
    open_window.undo_action.trigger()
    with open_window.ctx.store.reading() as s:
        assert plan.get_plan_line(s, page.lines_model.rows[1].figures.plan_line_id).planned_pence == 30000


def test_archive_a_plan_line_asks_once_and_can_be_undone(qtbot, open_window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
    page = _page(open_window)
    page.lines_table.selectRow(2)
    line_id = page.chosen_line().figures.plan_line_id
    qtbot.mouseClick(page.archive_line_button, Qt.MouseButton.LeftButton)
    with open_window.ctx.store.reading() as s:
        assert plan.get_plan_line(s, line_id).archived
    assert "Laptop for job search" not in [r.figures.description for r in page.lines_model.rows]
    open_window.undo_action.trigger()
    with open_window.ctx.store.reading() as s:
        assert not plan.get_plan_line(s, line_id).archived


def test_add_a_budget_period_and_switch_to_it(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    qtbot.mouseClick(page.add_period_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PeriodDialog)
    qtbot.keyClicks(dialog.name, "2027 to 2028")
    dialog.start.setDate(dialog.start.date().addYears(1))
    dialog.end.setDate(dialog.end.date().addYears(1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with open_window.ctx.store.reading() as s:
        assert [p.name for p in budget.periods(s)] == ["2026 to 2027", "2027 to 2028"]
    assert page.period.currentText() == "2027 to 2028"
    assert page.streams_model.rowCount() == 0


def test_overlapping_period_is_refused_next_to_the_date(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    page.add_period()
    dialog = page.dialog
    qtbot.keyClicks(dialog.name, "Overlap")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "overlap" in dialog.form.problem_text("start_date")
    dialog.reject()


def test_plan_models_pass_the_model_tester(qtmodeltester, open_window: MainWindow) -> None:
    page = _page(open_window)
    qtmodeltester.check(page.streams_model)
    qtmodeltester.check(page.lines_model)
