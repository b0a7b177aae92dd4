"""Opening a store the way the app does: from the keyring when remembered, else with a typed passphrase."""

from __future__ import annotations

from pathlib import Path

from ipb_desktop import appconfig, keystore, seed, unlock_early
from ipb_desktop.errors import WrongPassphrase
from ipb_desktop.models.store import Store
from ipb_desktop.models.unlock_ahead import UnlockAhead


def open_remembered(path: Path) -> Store | None:
    """The store, opened without asking, if this computer remembers its passphrase; else None.

    A remembered passphrase that no longer works (changed elsewhere) is forgotten, and None returned. Raises
    keystore.KeyringTimedOut (plain words to show) when the keyring does not answer in time.
    """
    store_uuid = appconfig.remembered_uuid(path)
    if store_uuid is None:
        return None
    passphrase, ahead = _recall(path, store_uuid)
    if passphrase is None:
        return None
    try:
        store = Store.open(path, passphrase, ahead=ahead)
    except WrongPassphrase:
        keystore.forget(store_uuid)
        return None
    finally:
        if ahead is not None:
            ahead.discard()  # not taken when the store could not be opened
    appconfig.note_opened(store.path, store.uuid)
    return store


def _recall(path: Path, store_uuid: str) -> tuple[str | None, UnlockAhead | None]:
    """The remembered passphrase, and the store's keyed connection if `unlock_early` began one as the app started."""
    early = unlock_early.take(path, store_uuid)
    if early is None:
        return keystore.recall_or_raise(store_uuid), None
    try:
        keystore.wait_for_answer(early.finished)
    except keystore.KeyringTimedOut:
        unlock_early.discard(early)
        raise
    if not early.asked:
        return keystore.recall_or_raise(store_uuid), None
    return early.passphrase, early.ahead


def _after_open(store: Store, passphrase: str, remember: bool) -> str | None:
    appconfig.note_opened(store.path, store.uuid)
    if not remember:
        return None
    try:
        keystore.remember(store.uuid, passphrase)
    except keystore.KeyringUnavailable as exc:
        return str(exc)
    return None


def open_store(path: Path, passphrase: str, remember: bool = False) -> tuple[Store, str | None]:
    """Open with a typed passphrase. Returns the store and a plain warning if it could not be remembered."""
    store = Store.open(path, passphrase)
    return store, _after_open(store, passphrase, remember)


def create_store(path: Path, passphrase: str, remember: bool = False) -> tuple[Store, str | None]:
    store = seed.create_store(path, passphrase)
    return store, _after_open(store, passphrase, remember)


def forget_passphrase(store: Store) -> None:
    keystore.forget(store.uuid)


def change_passphrase(store: Store, new_passphrase: str) -> str | None:
    """Re-encrypt under a new passphrase and update the keyring if it remembered the old one."""
    was_remembered = keystore.recall(store.uuid) is not None
    store.change_passphrase(new_passphrase)
    if was_remembered:
        try:
            keystore.remember(store.uuid, new_passphrase)
        except keystore.KeyringUnavailable as exc:
            return str(exc)
    return None
