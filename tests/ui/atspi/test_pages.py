"""Every page and dialog as a screen reader meets it over AT-SPI: every control has a name, Tab goes round and
comes back (no traps, no unnamed or invisible stops), and messages are announced."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.atspi.conftest import Session, walk
from tests.ui.atspi.dialogs import NAMES

PAGES = ("home", "outcomes", "spending", "plan", "reports", "help", "settings")
CONTROLS = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "combo box",
    "text",
    "entry",
    "password text",
    "spin button",
    "slider",
    "table",
    "tree table",
    "list",
    "tree",
    "page tab list",
    "date editor",
}
PARTS = {"table cell", "list item", "column header", "row header", "menu", "menu item", "scroll bar"}


def unnamed_controls(tree: dict[str, Any] | None) -> list[dict[str, Any]]:
    found = []

    def visit(node: dict[str, Any], inside_part: bool) -> None:
        role = node.get("role", "")
        showing = "showing" in node.get("states", [])
        if showing and not inside_part and role in CONTROLS and not node.get("name", "").strip():
            found.append({k: v for k, v in node.items() if k != "children"})
        for child in node.get("children", []):
            visit(child, inside_part or role in PARTS or role in {"combo box", "spin button"})

    if tree:
        visit(tree, False)
    return found


def bad_stops(cycle: dict[str, Any]) -> list[dict[str, Any]]:
    return [stop for stop in cycle["stops"] if not stop["visible"] or not stop["name"].strip()]


@pytest.fixture(scope="module")
def opened(atspi: Session) -> Session:
    atspi.app("enter")
    return atspi


@pytest.mark.parametrize("key", PAGES)
def test_page_names_every_control(opened: Session, key: str) -> None:
    opened.app("page", key=key)
    assert unnamed_controls(opened.probe("tree")) == []


@pytest.mark.parametrize("key", PAGES)
def test_page_tab_goes_round_without_traps(opened: Session, key: str) -> None:
    opened.app("page", key=key)
    cycle = opened.app("tabs")
    assert cycle["returned"], [stop["name"] or stop["class"] for stop in cycle["stops"][-12:]]
    assert bad_stops(cycle) == []


@pytest.mark.parametrize("name", NAMES)
def test_dialog_names_every_control_and_tab_goes_round(opened: Session, name: str) -> None:
    opened.app("open_dialog", name=name)
    try:
        tree = opened.probe("tree")
        dialogs = [n for n in walk(tree) if n.get("role") == "dialog" and "showing" in n.get("states", [])]
        assert dialogs, "the dialog is not in the accessible tree"
        assert unnamed_controls(dialogs[0]) == []
        cycle = opened.app("tabs")
        assert cycle["returned"]
        assert bad_stops(cycle) == []
    finally:
        opened.app("close_dialog")


def test_messages_are_announced(opened: Session) -> None:
    opened.probe("events")
    text = "The file could not be read. Try another file."
    opened.app("message", kind="error", text=text)
    events = opened.probe("events")
    announced = [e for e in events if e["type"].startswith("object:announcement") and text in str(e["data"])]
    assert announced, [e["type"] for e in events]
    bar = [n for n in walk(opened.probe("tree")) if n.get("name") == text or n.get("text") == text]
    assert bar, "the message's words are not in the accessible tree"
