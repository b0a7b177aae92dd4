"""Settings: each choice is saved at once, applies to the running app and can be undone; passphrase changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ipb_desktop import holder, settings
from ipb_desktop.models.store import Store
from ipb_desktop.ui.help.page import HelpDialog
from ipb_desktop.ui.settings.page import SettingsPage
from ipb_desktop.ui.shell.main_window import MainWindow
from tests.conftest import PASSPHRASE
from tests.ui.keys import choose


def _page(win: MainWindow) -> SettingsPage:
    win.show_page("settings")
    page = win.page_widgets["settings"]
    assert isinstance(page, SettingsPage)
    return page


def _setting(win: MainWindow, key: str) -> str:
    with win.ctx.store.reading() as s:
        return settings.get(s, key)


def test_text_size_scales_the_whole_app_and_undo_puts_it_back(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    normal = QApplication.font().pointSizeF()
    choose(qtbot, page.combos["text_scale_percent"], "200")  # each step is applied (and undoable) at once
    assert _setting(open_window, "text_scale_percent") == "200"
    assert QApplication.font().pointSizeF() == normal * 2
    open_window.undo_action.trigger()
    assert _setting(open_window, "text_scale_percent") == "175"
    for _step in range(3):
        open_window.undo_action.trigger()
    assert _setting(open_window, "text_scale_percent") == "100"
    assert QApplication.font().pointSizeF() == normal


def test_auto_lock_minutes(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    choose(qtbot, page.combos["auto_lock_minutes"], "15")
    assert _setting(open_window, "auto_lock_minutes") == "15"
    assert open_window.idle.minutes == 15


def test_recording_as_a_named_planner(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    page.as_planner.setFocus()
    qtbot.keyClick(page.as_planner, Qt.Key.Key_Space)
    qtbot.mouseClick(page.save_who_button, Qt.MouseButton.LeftButton)
    assert "planner's name" in page.who_form.problem_text("recorder")
    qtbot.keyClicks(page.planner_name, "Sam Example")
    qtbot.keyClick(page.planner_name, Qt.Key.Key_Return)
    assert _setting(open_window, "recorder") == "planner:Sam Example"
    assert open_window.ctx.store.actor == "planner:Sam Example"
    assert "Sam Example (planner)" in page.who_words.text()
    open_window.undo_action.trigger()
    assert open_window.ctx.store.actor == "holder"


def test_edit_your_details_from_settings(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    form = page.holder_form
    assert form.name.text() == "Alys Testwood"
    form.nhs.clear()
    qtbot.keyClicks(form.nhs, "1234567890")
    qtbot.mouseClick(page.save_details_button, Qt.MouseButton.LeftButton)
    assert "does not check out" in form.form.problem_text("nhs_number")
    form.preferred.clear()
    qtbot.keyClicks(form.preferred, "Al")
    form.nhs.clear()
    qtbot.mouseClick(page.save_details_button, Qt.MouseButton.LeftButton)
    with open_window.ctx.store.reading() as s:
        assert holder.get_holder(s).preferred_name == "Al"
    assert open_window.windowTitle() == "Al — ipb-desktop"


def test_change_passphrase_checks_the_current_one(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    qtbot.keyClicks(page.current_pass, "not my passphrase")
    qtbot.keyClicks(page.new_pass, "seven green lanterns glowing")
    qtbot.keyClicks(page.again_pass, "seven green lanterns glowing")
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    assert "not your current passphrase" in page.change_form.problem_text("current")
    page.current_pass.clear()
    qtbot.keyClicks(page.current_pass, PASSPHRASE)
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    path = open_window.ctx.store.path
    open_window.ctx.close_store()
    with Store.open(path, "seven green lanterns glowing") as reopened, reopened.reading() as s:
        assert holder.get_holder(s).name == "Alys Testwood"


def test_no_keyring_is_said_plainly_in_settings(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    assert "no password keyring" in page.remember_words.text()
    assert not page.remember_button.isEnabled()


def test_f1_opens_help_even_when_locked(qtbot, open_window: MainWindow) -> None:
    open_window.lock()
    qtbot.keyClick(open_window.unlock_page.passphrase, Qt.Key.Key_F1)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, HelpDialog) and w.isVisible()]
    assert dialogs and "direct payment" in dialogs[0].browser.toPlainText()
    for d in dialogs:
        d.close()
