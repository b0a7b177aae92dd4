"""Outcomes: add and edit in own words, rate progress (as holder or planner), status, undo and redo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from ipb_desktop import outcomes, settings
from ipb_desktop.models.schema import Outcome, Rating
from ipb_desktop.ui.outcomes.dialogs import OutcomeDialog, RatingDialog
from ipb_desktop.ui.outcomes.page import OutcomesPage
from ipb_desktop.ui.shell.main_window import MainWindow
from ipb_desktop.ui.widgets import dialogs


def _page(win: MainWindow) -> OutcomesPage:
    win.show_page("outcomes")
    page = win.page_widgets["outcomes"]
    assert isinstance(page, OutcomesPage)
    return page


def _outcome_texts(win: MainWindow) -> list[str]:
    with win.ctx.store.reading() as s:
        return [o.what_matters for o in outcomes.list_outcomes(s)]


def test_add_an_outcome_in_own_words_then_undo_and_redo(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, OutcomeDialog)
    assert dialog.what.toPlainText() == ""  # examples are placeholders, never filled in
    qtbot.keyClicks(dialog.what, "Sleep better")
    qtbot.keyClicks(dialog.how, "I sleep through most nights")
    dialog.area.setCurrentIndex(1)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.dialog is None
    assert _outcome_texts(open_window)[-1] == "Sleep better"
    assert [r.what_matters for r in page.model.rows][-1] == "Sleep better"

    qtbot.keyClick(open_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Sleep better" not in _outcome_texts(open_window)
    assert "Sleep better" not in [r.what_matters for r in page.model.rows]
    qtbot.keyClick(open_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _outcome_texts(open_window)[-1] == "Sleep better"


def test_an_empty_outcome_is_refused_next_to_the_field(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    page.add()
    dialog = page.dialog
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.dialog is dialog and dialog.isVisible()
    assert "cannot be empty" in dialog.form.problem_text("what_matters")
    assert len(_outcome_texts(open_window)) == 2
    dialog.reject()


def test_edit_an_outcome_and_undo_the_edit(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    page.table.selectRow(1)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog.what.toPlainText() == "Get back into work"
    dialog.what.selectAll()
    qtbot.keyClicks(dialog.what, "Find paid work I enjoy")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _outcome_texts(open_window)[1] == "Find paid work I enjoy"
    open_window.undo_action.trigger()
    assert _outcome_texts(open_window)[1] == "Get back into work"


def test_rate_an_outcome_as_a_planner(qtbot, open_window: MainWindow) -> None:
    win = open_window
    with win.ctx.store.transaction() as s:
        settings.put(s, "recorder", "planner:Sam Example")
    win.ctx.changed.emit()
    assert win.ctx.store.actor == "planner:Sam Example"
    page = _page(win)
    page.table.selectRow(1)
    qtbot.mouseClick(page.rate_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, RatingDialog)
    dialog.score.clear()
    qtbot.keyClicks(dialog.score, "6")
    qtbot.keyClicks(dialog.note, "Volunteering taster day went well")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with win.ctx.store.reading() as s:
        work = s.scalars(select(Outcome).where(Outcome.what_matters == "Get back into work")).one()
        (rating,) = work.ratings
        assert rating.score == 6
        assert rating.recorded_by == "planner:Sam Example"
        assert rating.note == "Volunteering taster day went well"
    assert [r.trend for r in page.model.rows][1] == "first rating: 6"


def test_a_score_from_a_questionnaire_needs_its_name(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    page.table.selectRow(0)
    page.rate()
    dialog = page.dialog
    dialog.scale.setCurrentIndex(2)
    dialog.score.setValue(42)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "which questionnaire" in dialog.form.problem_text("instrument")
    qtbot.keyClicks(dialog.instrument, "Wellbeing check at the clinic")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with open_window.ctx.store.reading() as s:
        found = s.scalars(select(Rating).where(Rating.scale == "external")).one()
        assert (found.score, found.instrument) == (42, "Wellbeing check at the clinic")


def test_delete_a_rating_asks_once_and_undo_puts_it_back_exactly(qtbot, open_window: MainWindow, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, question, yes: asked.append(question) or True)
    page = _page(open_window)
    page.table.selectRow(0)
    assert page.ratings_model.rowCount() == 2
    page.ratings_table.selectRow(0)
    qtbot.mouseClick(page.delete_rating_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    with open_window.ctx.store.reading() as s:
        assert [r.score for r in s.scalars(select(Rating))] == [3]
    open_window.undo_action.trigger()
    with open_window.ctx.store.reading() as s:
        back = s.scalars(select(Rating).order_by(Rating.rated_on)).all()
        assert [(r.score, r.note, r.recorded_by) for r in back] == [
            (3, "Hard to leave home", "holder"),
            (5, "Pottery helped", "holder"),
        ]
    open_window.redo_action.trigger()
    with open_window.ctx.store.reading() as s:
        assert [r.score for r in s.scalars(select(Rating))] == [3]


def test_mark_achieved_and_set_aside(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    page.table.selectRow(1)
    qtbot.mouseClick(page.achieved_button, Qt.MouseButton.LeftButton)
    with open_window.ctx.store.reading() as s:
        assert [o.status for o in outcomes.list_outcomes(s)] == ["active", "achieved"]
    assert [r.what_matters for r in page.model.rows] == ["Regain confidence to go out on my own"]
    open_window.undo_action.trigger()
    with open_window.ctx.store.reading() as s:
        assert [o.status for o in outcomes.list_outcomes(s)] == ["active", "active"]


def test_outcome_detail_shows_linked_spending_and_chart(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    page.table.selectRow(0)
    assert "Pottery class" in page.spending_label.text()
    assert "£337.50" in page.spending_label.text()
    assert page.chart.points and [p[1] for p in page.chart.points] == [3, 5]
    assert "5 on 01/05/2026" in page.chart.accessibleDescription()


def test_outcome_models_pass_the_model_tester(qtmodeltester, open_window: MainWindow) -> None:
    page = _page(open_window)
    page.table.selectRow(0)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.ratings_model)
    qtmodeltester.check(page.spending_model)


def test_add_a_life_area_of_my_own_while_writing_an_outcome(qtbot, open_window: MainWindow, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    page = _page(open_window)
    page.add()
    dialog = page.dialog
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Faith and belonging", True))
    qtbot.mouseClick(dialog.new_area_button, Qt.MouseButton.LeftButton)
    assert dialog.area.currentText() == "Faith and belonging"
    qtbot.keyClicks(dialog.what, "Go back to the community choir")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with open_window.ctx.store.reading() as s:
        added = s.scalars(select(Outcome).where(Outcome.what_matters == "Go back to the community choir")).one()
        assert added.life_area is not None and added.life_area.name == "Faith and belonging"
        assert "Faith and belonging" in [a.name for a in outcomes.life_areas(s)]
