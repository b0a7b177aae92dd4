"""The Outcomes page says who wrote the review answers and who recorded each rating, as the review pack does."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ipb_desktop.statements.review_answers import Question
from ipb_desktop.ui.outcomes.page import OutcomesPage
from ipb_desktop.ui.reports.page import ReportsPage
from ipb_desktop.ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def test_answers_and_ratings_a_planner_recorded_are_attributed(qtbot, open_window: MainWindow) -> None:
    win = open_window
    assert win.ctx.store is not None
    win.ctx.store.actor = "planner:Sam Example"
    win.show_page("reports")
    reports = win.page_widgets["reports"]
    assert isinstance(reports, ReportsPage)
    box = reports.answers[Question.CHANGE]
    box.setFocus()
    qtbot.keyClicks(box, "More hours on Saturdays")
    reports.save_answers_button.setFocus()
    qtbot.keyClick(reports.save_answers_button, Qt.Key.Key_Space)

    win.ctx.store.actor = "holder"
    reports.answers[Question.WORKED].setFocus()
    qtbot.keyClicks(reports.answers[Question.WORKED], "The pottery class")
    reports.save_answers_button.setFocus()
    qtbot.keyClick(reports.save_answers_button, Qt.Key.Key_Space)

    win.show_page("outcomes")
    page = win.page_widgets["outcomes"]
    assert isinstance(page, OutcomesPage)
    review = page.review_box
    assert review.isVisibleTo(page)
    assert review.answers[Question.CHANGE].text() == "More hours on Saturdays"
    assert review.written_with[Question.CHANGE].text() == "Written with Sam Example, peer support planner"
    assert review.answers[Question.WORKED].text() == "The pottery class"
    assert not review.written_with[Question.WORKED].isVisibleTo(page)  # the person's own words need no label
    assert not review.answers[Question.NOT_WORKED].isVisibleTo(page)

    rows = page.ratings_model.rows
    assert rows and {page.ratings_model.data(page.ratings_model.index(i, 3)) for i in range(len(rows))} == {
        "Budget holder"
    }

    qtbot.keyClick(win, Qt.Key.Key_L, CTRL)  # locking leaves nothing of the person's words on the page
    assert review.answers[Question.CHANGE].text() == ""


def test_a_planners_rating_is_named_in_the_list_and_the_chart(qtbot, open_window: MainWindow) -> None:
    win = open_window
    assert win.ctx.store is not None
    win.ctx.store.actor = "planner:Sam Example"
    win.show_page("outcomes")
    page = win.page_widgets["outcomes"]
    assert isinstance(page, OutcomesPage)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Home)  # "Regain confidence", rated 3 and 5 by the person
    page.rate_button.setFocus()
    qtbot.keyClick(page.rate_button, Qt.Key.Key_Space)
    dialog = page.dialog
    assert dialog is not None
    dialog.score.setFocus()
    dialog.score.selectAll()
    qtbot.keyClicks(dialog.score, "7")
    dialog.save_button.setFocus()
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    assert page.dialog is None

    newest = page.ratings_model.index(0, 3)
    assert page.ratings_model.data(newest) == "Sam Example (planner)"
    said = page.chart.accessibleDescription()
    assert "7 on 15/05/2026, recorded by Sam Example (planner)" in said
    assert "5 on 01/05/2026;" in said  # the person's own ratings need no name
    assert page.chart.planners == ["", "", "Sam Example"]
    page.chart.grab()  # the key under the chart is drawn without a Qt warning
