"""A passphrase typed into any passphrase field never reaches assistive technology: no characters in AT-SPI
events, no text in the accessible tree. (Qt's QLineEdit in Password mode sent an `object:text-changed:insert`
with every character, so a screen reader could speak the passphrase aloud.)

The tests share one running app and go through it in order: create page, unlock page, Settings, lock screen.
"""

from __future__ import annotations

from typing import Any

from tests.ui.atspi.conftest import Session, walk

SECRET = "Zq7 wombat#Kettle"
WORDS = ("wombat", "Kettle", "Zq7")


def leaks(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events that carry any piece of the secret: a typed character, or a word of it anywhere."""
    found = []
    for event in events:
        data = event.get("data")
        text = data if isinstance(data, str) else ""
        typed = event["type"].startswith("object:text-changed") and text and text in SECRET
        if typed or any(word in text or word in event.get("name", "") for word in WORDS):
            found.append(event)
    return found


def tree_leaks(atspi: Session) -> list[dict[str, Any]]:
    found = []
    for node in walk(atspi.probe("tree")):
        said = " ".join(str(node.get(key, "")) for key in ("name", "description", "text"))
        if any(word in said for word in WORDS):
            found.append({k: v for k, v in node.items() if k != "children"})
    return found


def type_secret(atspi: Session, attribute: str) -> list[dict[str, Any]]:
    focused = atspi.app("focus", attribute=attribute)
    atspi.probe("events")
    atspi.app("type", text=SECRET)
    return [*atspi.probe("events"), {"type": "focus", "name": focused["name"], "data": None}]


def password_fields(atspi: Session) -> list[dict[str, Any]]:
    return [node for node in walk(atspi.probe("tree")) if node.get("role") == "password text"]


def check_fields(atspi: Session, attributes: tuple[str, ...]) -> None:
    for attribute in attributes:
        events = type_secret(atspi, attribute)
        assert leaks(events) == [], f"{attribute} told assistive technology what was typed"
        assert events[-1]["name"], f"{attribute} has no name a screen reader can say"
    assert tree_leaks(atspi) == []
    fields = [f for f in password_fields(atspi) if "showing" in f["states"]]
    assert len(fields) >= len(attributes), "passphrase fields are not announced as password fields"
    for field in fields:
        assert field["name"], field
        assert set(field.get("text", "")) <= {"", "\u25cf", "*"}, field


def test_create_page_passphrases_are_not_spoken(atspi: Session) -> None:
    atspi.app("create_page")
    check_fields(atspi, ("passphrase", "again"))


def test_unlock_passphrase_is_not_spoken(atspi: Session) -> None:
    atspi.app("unlock_page")
    check_fields(atspi, ("passphrase",))


def test_change_passphrase_fields_are_not_spoken(atspi: Session) -> None:
    atspi.app("enter")
    atspi.app("page", key="settings")
    check_fields(atspi, ("current_pass", "new_pass", "again_pass"))


def test_lock_screen_passphrase_is_not_spoken(atspi: Session) -> None:
    atspi.app("lock")
    check_fields(atspi, ("passphrase",))
