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
