"""In Welsh, Qt's own buttons (Yes, No, OK, Cancel, Back, Next) speak Welsh too."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWizard

from ipb_desktop import i18n
from ipb_desktop.ui.shell.appearance import apply_language


@pytest.fixture
def welsh(qapp):
    apply_language("cy")
    yield
    apply_language("en_GB")


def test_standard_buttons_follow_the_chosen_language(qtbot, welsh) -> None:
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert box.button(QMessageBox.StandardButton.Yes).text() == i18n._("&Yes") != "&Yes"
    assert box.button(QMessageBox.StandardButton.No).text() == i18n._("&No") != "&No"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == i18n._("Cancel") != "Cancel"


def test_wizard_buttons_follow_the_chosen_language(qtbot, welsh) -> None:
    wizard = QWizard()
    qtbot.addWidget(wizard)
    assert wizard.buttonText(QWizard.WizardButton.NextButton) not in ("&Next >", "&Next")


def test_english_is_left_to_qt(qtbot) -> None:
    apply_language("en_GB")
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(QMessageBox.StandardButton.Yes)
    assert box.button(QMessageBox.StandardButton.Yes).text() == "&Yes"
