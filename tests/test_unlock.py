"""Remembering the passphrase, the recent-stores list and opening the way the app does.

A real Secret Service is exercised in tests/reliability; here an in-memory keyring stands in for the OS one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import keyring
import pytest
from keyring.backend import KeyringBackend

from ipb_desktop import appconfig, keystore, unlock
from ipb_desktop.errors import WrongPassphrase
from ipb_desktop.paths import config_dir
from tests.conftest import PASSPHRASE


class MemoryKeyring(KeyringBackend):
    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


K = TypeVar("K", bound=KeyringBackend)


@contextmanager
def installed(backend: K) -> Iterator[K]:
    """`backend` as the keyring while the block runs."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with installed(MemoryKeyring()) as backend:
        yield backend


def test_remember_open_without_prompt_then_forget(memory_keyring: MemoryKeyring, store_path: Path) -> None:
    store, warning = unlock.create_store(store_path, PASSPHRASE, remember=True)
    assert warning is None
    uuid = store.uuid
    assert memory_keyring.items == {("ipb-desktop", uuid): PASSPHRASE}  # keyed by UUID, not by a name
    store.close()
    again = unlock.open_remembered(store_path)
    assert again is not None and again.uuid == uuid
    unlock.forget_passphrase(again)
    again.close()
    assert unlock.open_remembered(store_path) is None


def test_without_a_keyring_the_passphrase_alone_works(store_path: Path) -> None:
    assert not keystore.keyring_available()
    store, warning = unlock.create_store(store_path, PASSPHRASE, remember=True)
    assert warning is not None and "cannot remember your passphrase" in warning
    store.close()
    assert unlock.open_remembered(store_path) is None
    store, warning = unlock.open_store(store_path, PASSPHRASE)
    assert warning is None
    store.close()


def test_a_stale_remembered_passphrase_is_forgotten(memory_keyring: MemoryKeyring, store_path: Path) -> None:
    store, _ = unlock.create_store(store_path, PASSPHRASE, remember=True)
    memory_keyring.items[("ipb-desktop", store.uuid)] = "changed somewhere else"
    store.close()
    assert unlock.open_remembered(store_path) is None
    assert memory_keyring.items == {}


def test_changing_passphrase_updates_the_keyring(memory_keyring: MemoryKeyring, store_path: Path) -> None:
    store, _ = unlock.create_store(store_path, PASSPHRASE, remember=True)
    unlock.change_passphrase(store, "another long passphrase")
    store.close()
    reopened = unlock.open_remembered(store_path)
    assert reopened is not None
    reopened.close()
    with pytest.raises(WrongPassphrase):
        unlock.open_store(store_path, PASSPHRASE)


def test_recent_list_holds_paths_and_uuids_only(store_path: Path, tmp_path: Path) -> None:
    store, _ = unlock.create_store(store_path, PASSPHRASE)
    from ipb_desktop import holder

    with store.transaction() as s:
        holder.save_holder(s, holder.HolderDetails(name="Alys Testwood"))
    store.close()
    other, _ = unlock.create_store(tmp_path / "bryn.ipb", PASSPHRASE)
    other.close()
    assert [r.path.name for r in appconfig.recent_stores()] == ["bryn.ipb", "alys.ipb"]
    assert appconfig.last_store() == tmp_path / "bryn.ipb"
    text = (config_dir() / "config.json").read_text()
    assert "Alys" not in text and "Testwood" not in text
    assert oct((config_dir() / "config.json").stat().st_mode & 0o777) == "0o600"
    appconfig.forget_recent(tmp_path / "bryn.ipb")
    assert [r.path.name for r in appconfig.recent_stores()] == ["alys.ipb"]


def test_damaged_config_file_is_treated_as_empty() -> None:
    config_dir().mkdir(parents=True)
    (config_dir() / "config.json").write_text("{not json")
    assert appconfig.recent_stores() == []
