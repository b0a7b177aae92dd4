"""The guided first-run set-up: each step saves through the services, can be skipped, and resumes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from ipb_desktop import budget, holder, outcomes, plan, setup_progress
from ipb_desktop.models.store import Store
from ipb_desktop.ui.setup.wizard import SetupWizard, start_setup
from ipb_desktop.ui.shell.main_window import MainWindow


def _next(qtbot, wizard: SetupWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_first_run_set_up_saves_each_step(qtbot, window: MainWindow, store: Store) -> None:
    window.enter(store)
    wizard = start_setup(window)
    assert wizard is not None and wizard.currentPage() is wizard.steps[0]
    about = wizard.steps[0].holder_form
    assert about.name.text() == "" and about.name.placeholderText()  # an example, never pre-filled
    qtbot.keyClicks(about.name, "Alys Testwood")
    qtbot.keyClicks(about.preferred, "Alys")
    _next(qtbot, wizard)
    assert window.windowTitle() == "Alys — ipb-desktop"

    page = wizard.steps[1]
    assert wizard.currentPage() is page
    qtbot.keyClicks(page.period_form.name, "2026 to 2027")
    qtbot.keyClicks(page.stream_form.funder, "Exampleshire Council")
    qtbot.keyClicks(page.stream_form.amount, "520")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.period_form is None and "Exampleshire Council" in page.added.text()
    page.stream_form.kind.setCurrentIndex(page.stream_form.kind.findData("nhs_phb"))
    qtbot.keyClicks(page.stream_form.funder, "Exampleshire ICB")
    qtbot.keyClicks(page.stream_form.amount, "1200")
    _next(qtbot, wizard)

    page = wizard.steps[2]
    qtbot.keyClicks(page.outcome_form.what, "Feel confident going out on my own")
    _next(qtbot, wizard)

    page = wizard.steps[3]
    qtbot.keyClicks(page.line_form.description, "Personal assistant")
    qtbot.keyClicks(page.line_form.planned, "15600")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    with store.reading() as s:
        assert holder.get_holder(s).name == "Alys Testwood"
        (period,) = budget.periods(s)
        assert [(x.funder_name, x.amount_pence) for x in period.streams] == [
            ("Exampleshire Council", 52000),
            ("Exampleshire ICB", 120000),
        ]
        assert [o.what_matters for o in outcomes.list_outcomes(s)] == ["Feel confident going out on my own"]
        assert [(line.description, line.planned_pence) for line in plan.plan_lines(s, period.id)] == [
            ("Personal assistant", 1560000)
        ]
        assert setup_progress.is_finished(s)


def test_steps_can_be_skipped_and_set_up_resumes_where_it_stopped(qtbot, window: MainWindow, store: Store) -> None:
    window.enter(store)
    wizard = start_setup(window)
    qtbot.keyClicks(wizard.steps[0].holder_form.name, "Bryn Example")
    _next(qtbot, wizard)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CustomButton1), Qt.MouseButton.LeftButton)  # skip budget
    assert wizard.currentPage() is wizard.steps[2]
    wizard.reject()  # "Stop for now"
    with store.reading() as s:
        assert setup_progress.steps_done(s) == {"about_you"}
        assert not setup_progress.is_finished(s)
    home = window.page_widgets["home"]
    window.show_page("home")
    assert home.view.setup_unfinished

    again = start_setup(window)
    assert again.currentPage() is again.steps[1]  # the first step not done yet


def test_a_new_store_starts_the_set_up(qtbot, window: MainWindow, tmp_path) -> None:
    window.show_create()
    page = window.create_page
    page.location.setText(str(tmp_path / "new.ipb"))
    qtbot.keyClicks(page.passphrase, "purple otter umbrella")
    qtbot.keyClicks(page.again, "purple otter umbrella")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert isinstance(window.setup_wizard, SetupWizard) and window.setup_wizard.isVisible()
    window.lock()
    assert not window.setup_wizard.isVisible()


def test_each_step_starts_in_its_first_box_and_saved_dates_are_read_only(
    qtbot, window: MainWindow, store: Store
) -> None:
    window.enter(store)
    wizard = start_setup(window)
    assert wizard is not None
    about = wizard.steps[0].holder_form
    assert wizard.focusWidget() is about.name
    qtbot.keyClicks(wizard.focusWidget(), "Alys Testwood")
    _next(qtbot, wizard)
    page = wizard.steps[1]
    assert wizard.focusWidget() is page.period_form.name
    qtbot.keyClicks(page.period_form.name, "2026 to 2027")
    qtbot.keyClicks(page.stream_form.funder, "Exampleshire Council")
    qtbot.keyClicks(page.stream_form.amount, "lots")  # not money: the funder is refused, the dates are saved
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    saved = page.saved_period_form
    assert saved is not None and saved.isVisible() and not saved.name.isEnabled()
    qtbot.keyClicks(saved.name, " changed")
    assert saved.name.text() == "2026 to 2027"
    with store.reading() as s:
        assert [p.name for p in budget.periods(s)] == ["2026 to 2027"]


def test_the_wizard_has_room_for_its_messages(qtbot, window: MainWindow, store: Store) -> None:
    window.enter(store)
    wizard = start_setup(window)
    assert wizard is not None
    line = wizard.fontMetrics().height()
    assert wizard.height() >= min(line * 30, 700) > 370
    assert wizard.width() >= min(wizard.fontMetrics().averageCharWidth() * 90, 1000) > 500
