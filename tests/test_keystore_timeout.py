"""A keyring that does not answer (a new GNOME keyring asking for its own password) is given up on: the person is
asked for their passphrase instead and told why, and nothing hangs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from ipb_desktop import appconfig, keystore, unlock
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE


class SilentKeyring(KeyringBackend):
    """Stands in for a keyring waiting for a password in a window nobody has seen: it answers only when released."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.asked = threading.Event()

    def _wait(self) -> None:
        self.asked.set()
        self.release.wait()

    def get_password(self, service: str, username: str) -> str | None:
        self._wait()
        return PASSPHRASE

    def set_password(self, service: str, username: str, password: str) -> None:
        self._wait()

    def delete_password(self, service: str, username: str) -> None:
        self._wait()


@pytest.fixture
def silent_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[SilentKeyring]:
    backend = SilentKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    # The keyring never answers while the test runs, so the wait ends by giving up, however long it is.
    monkeypatch.setattr(keystore, "TIMEOUT_SECONDS", 0.01)
    yield backend
    backend.release.set()
    keyring.set_keyring(previous)


@pytest.fixture
def remembered(store_path: Path) -> Path:
    store = Store.create(store_path, PASSPHRASE)
    appconfig.note_opened(store.path, store.uuid)
    store.close()
    return store_path


def test_opening_gives_up_on_a_silent_keyring_and_says_why(silent_keyring: SilentKeyring, remembered: Path) -> None:
    with pytest.raises(keystore.KeyringTimedOut) as raised:
        unlock.open_remembered(remembered)
    assert silent_keyring.asked.is_set()
    assert "did not answer" in str(raised.value) and "type your passphrase" in str(raised.value)
    store, warning = unlock.open_store(remembered, PASSPHRASE)  # the passphrase still works meanwhile
    assert warning is None
    store.close()


def test_remembering_with_a_silent_keyring_warns_but_opens(silent_keyring: SilentKeyring, remembered: Path) -> None:
    store, warning = unlock.open_store(remembered, PASSPHRASE, remember=True)
    store.close()
    assert warning is not None and "did not answer" in warning


def test_recall_and_forget_do_not_hang_either(silent_keyring: SilentKeyring) -> None:
    assert keystore.recall("some-store-uuid") is None
    keystore.forget("some-store-uuid")  # gives up quietly


def test_a_keyring_that_answers_is_still_used(monkeypatch: pytest.MonkeyPatch, remembered: Path) -> None:
    backend = SilentKeyring()
    backend.release.set()  # answers straight away
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        store = unlock.open_remembered(remembered)
    finally:
        keyring.set_keyring(previous)
    assert store is not None
    store.close()
