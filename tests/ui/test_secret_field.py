"""The passphrase field edits like a line edit but tells assistive technology nothing of what is typed.
(The AT-SPI run in tests/ui/atspi/ checks the same thing from a screen reader's side.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtWidgets import QFormLayout, QWidget

from ipb_desktop.ui.widgets.forms import Form
from ipb_desktop.ui.widgets.secret import SecretField

KEEP: list[QWidget] = []


def make(qtbot) -> SecretField:
    box = QWidget()
    KEEP[:] = [box]
    form = Form(QFormLayout(box))
    field = SecretField()
    form.row("&Passphrase", field)
    qtbot.addWidget(box)
    box.show()
    field.setFocus()
    return field


def test_typing_editing_and_enter(qtbot) -> None:
    field = make(qtbot)
    with qtbot.waitSignal(field.returnPressed):
        qtbot.keyClicks(field, "purple otterr")
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
        qtbot.keyClick(field, Qt.Key.Key_Home)
        qtbot.keyClicks(field, "a ")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "a purple otter"
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "new words")
    assert field.text() == "new words"


def test_copy_is_refused_and_paste_works(qtbot) -> None:
    field = make(qtbot)
    qtbot.keyClicks(field, "secret words")
    QGuiApplication.clipboard().setText("before")
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "before"
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "before"


def test_assistive_technology_hears_a_named_password_field_and_no_text(qtbot) -> None:
    field = make(qtbot)
    qtbot.keyClicks(field, "secret words")
    iface = QAccessible.queryAccessibleInterface(field)
    assert iface.role() == QAccessible.Role.EditableText
    assert iface.state().passwordEdit
    assert iface.text(QAccessible.Text.Name) == "Passphrase"
    assert iface.text(QAccessible.Text.Value) == ""
    assert iface.textInterface() is None  # nothing to read character by character


def test_backup_passphrase_question_uses_the_secret_field(qtbot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ipb_desktop.ui.widgets.secret import ask_secret

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        field = dialog.findChild(SecretField)
        qtbot.keyClicks(field, "backup words")
        qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter answers OK, as in any dialog

    QTimer.singleShot(0, answer)
    assert ask_secret(None, "Backup passphrase", "Type the passphrase:") == ("backup words", True)


def test_no_passphrase_is_typed_into_a_qt_password_line_edit() -> None:
    """QLineEdit's Password mode sends every character to assistive technology; only SecretField is used."""
    from pathlib import Path

    import ipb_desktop

    package = Path(ipb_desktop.__file__).parent
    users = [str(p.relative_to(package)) for p in package.rglob("*.py") if "EchoMode.Password" in p.read_text()]
    assert users == []
