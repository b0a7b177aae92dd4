"""Opening the remembered store begins as the program starts (`unlock_early`): the keyring is asked and the key
derived on a worker thread while the window's code loads. What a person sees is unchanged: the store opens without a
prompt, a passphrase changed elsewhere is forgotten and the unlock page asks, a keyring that does not answer is
named, and another store opened instead is not affected."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ipb_desktop import app, appconfig, keystore, unlock, unlock_early
from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE
from tests.models.test_unlock_ahead import count_derivations
from tests.test_unlock import MemoryKeyring, installed


class CountingKeyring(MemoryKeyring):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.asked.append(username)
        return super().get_password(service, username)


@pytest.fixture
def counting_keyring() -> Iterator[CountingKeyring]:
    with installed(CountingKeyring()) as backend:
        yield backend
    unlock_early._begun.clear()


def remembered(store: Store, keyring_: MemoryKeyring, passphrase: str = PASSPHRASE) -> tuple[Path, str]:
    path, store_uuid = store.path, store.uuid
    appconfig.note_opened(path, store_uuid)
    keyring_.items[("ipb-desktop", store_uuid)] = passphrase
    store.close()
    return path, store_uuid


def test_the_remembered_store_opens_on_what_was_begun_asking_the_keyring_once(
    filled_store: Store, counting_keyring: CountingKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, store_uuid = remembered(filled_store, counting_keyring)
    made = count_derivations(monkeypatch)
    unlock_early.begin(None)  # `ipb-desktop` alone: the last store used
    opened = unlock.open_remembered(path)
    assert opened is not None and opened.uuid == store_uuid
    opened.close()
    assert counting_keyring.asked == [store_uuid]  # asked once, at the start
    assert made == [path]  # one key derivation, the one begun at the start


def test_a_passphrase_changed_elsewhere_is_still_forgotten_and_the_unlock_page_asks(
    filled_store: Store, counting_keyring: CountingKeyring
) -> None:
    path, _ = remembered(filled_store, counting_keyring, passphrase="changed on another computer")
    unlock_early.begin(path)
    assert unlock.open_remembered(path) is None
    assert counting_keyring.items == {}


def test_another_store_opened_instead_is_asked_for_itself(
    filled_store: Store, counting_keyring: CountingKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, store_uuid = remembered(filled_store, counting_keyring)
    other = Store.create(tmp_path / "bryn.ipb", "another long passphrase")
    other_path, other_uuid = remembered(other, counting_keyring, passphrase="another long passphrase")
    unlock_early.begin(path)  # begun for the first store...
    opened = unlock.open_remembered(other_path)  # ...but the person opens the other one
    assert opened is not None and opened.uuid == other_uuid
    opened.close()
    assert counting_keyring.asked == [store_uuid, other_uuid]
    assert unlock_early._begun == []  # what was begun for the first store is let go


def test_a_keyring_that_does_not_answer_is_named(
    filled_store: Store, counting_keyring: CountingKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = remembered(filled_store, counting_keyring)
    stuck = threading.Event()
    monkeypatch.setattr(counting_keyring, "get_password", lambda service, username: stuck.wait(30) and None)
    keystore.set_waiter(lambda finished, timeout: False)  # the time allowed has passed
    try:
        unlock_early.begin(path)
        with pytest.raises(keystore.KeyringTimedOut):
            unlock.open_remembered(path)
    finally:
        keystore.set_waiter(None)
        stuck.set()


def test_nothing_is_begun_for_a_store_never_opened_here_or_not_there(
    filled_store: Store, counting_keyring: CountingKeyring, tmp_path: Path
) -> None:
    path, _ = remembered(filled_store, counting_keyring)
    unlock_early.begin(tmp_path / "never-opened.ipb")
    path.rename(tmp_path / "moved.ipb")
    unlock_early.begin(path)  # remembered, but no longer there: the window says so in its own words
    assert unlock_early._begun == [] and counting_keyring.asked == []


def test_the_window_command_begins_before_the_window_code_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    steps: list[str] = []
    monkeypatch.setattr(unlock_early, "begin", lambda store: steps.append(f"begin {store}"))
    monkeypatch.setattr(app, "_run_gui", lambda argv, store=None: steps.append("window") or 0)
    assert app.main([]) == 0
    assert steps == ["begin None", "window"]


def test_the_key_can_be_derived_before_sqlalchemy_or_qt_is_imported() -> None:
    script = (
        "import sys\n"
        "from ipb_desktop import unlock_early\n"
        "from ipb_desktop.models import unlock_ahead, keyed, store_file\n"
        "print(sorted(m for m in ('sqlalchemy', 'PySide6', 'keyring') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=dict(os.environ))
    assert out.stdout.split() == ["[]"], out.stderr
