"""Words shown on screen are the words a screen reader reads: no label's text is replaced by an accessible name
(the message bar, totals, passphrase strength, where a file was saved, quick-add status, "left to share" and form
warnings all were), and headings are told as headings."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel, QWidget

from ipb_desktop.ui import messages
from ipb_desktop.ui.shell.main_window import PAGES, MainWindow
from ipb_desktop.ui.widgets.forms import Heading, without_mnemonic


def hidden_words(root: QWidget) -> list[str]:
    """Labels with text whose accessible name does not say that text."""
    hidden = []
    for label in root.findChildren(QLabel):
        shown = without_mnemonic(label.text()).strip()
        if not shown or label.textFormat() != label.textFormat().PlainText:
            continue
        said = QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name)
        if shown not in said:
            hidden.append(f"{shown!r} said as {said!r}")
    return hidden


def test_message_bar_reads_its_message(qtbot, window: MainWindow) -> None:
    messages.error("The file could not be read. Try another file.")
    text = QAccessible.queryAccessibleInterface(window.bar.text).text(QAccessible.Text.Name)
    assert text == "The file could not be read. Try another file."


def test_passphrase_strength_is_read_as_shown(qtbot, window: MainWindow) -> None:
    window.show_create()
    qtbot.keyClicks(window.create_page.passphrase, "purple otter umbrella")
    strength = window.create_page.strength
    said = QAccessible.queryAccessibleInterface(strength).text(QAccessible.Text.Name)
    assert said == strength.text() and said.startswith("Strength")


def test_every_page_says_what_it_shows(qtbot, open_window: MainWindow) -> None:
    problems = hidden_words(open_window.create_page) + hidden_words(open_window.unlock_page)
    for key, *_rest in PAGES:
        open_window.show_page(key)
        problems += hidden_words(open_window.page_widgets[key])
    assert problems == []


def test_headings_are_headings(qtbot, open_window: MainWindow) -> None:
    headings = open_window.findChildren(Heading)
    assert headings
    for heading in headings:
        iface = QAccessible.queryAccessibleInterface(heading)
        assert iface.role() == QAccessible.Role.Heading
        assert iface.text(QAccessible.Text.Name) == heading.text()
