"""Remembering a store's passphrase on this computer, in the operating system's keyring.

Entries are keyed by the store's random UUID, never by the person's name. Where no usable keyring exists
(a headless Linux box has none) `keyring_available()` is False and the app asks for the passphrase each time.
"""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

from ipb_desktop.errors import IpbError
from ipb_desktop.i18n import _

SERVICE = "ipb-desktop"


class KeyringUnavailable(IpbError):
    pass


def keyring_available() -> bool:
    """True when a real keyring backend (not the fail/null/plaintext ones) is usable here."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring setup means "not available"
        return False
    if backend.priority <= 0:
        return False
    module = type(backend).__module__
    # keyrings.alt's file backends write to disk; not good enough for a passphrase.
    return not (module.startswith("keyrings.alt") or module.startswith("keyring.backends.null"))


def _unavailable() -> KeyringUnavailable:
    return KeyringUnavailable(
        _(
            "This computer has no password keyring the app can use, so it cannot remember your passphrase. "
            "You will be asked for it each time you open your budget."
        )
    )


def remember(store_uuid: str, passphrase: str) -> None:
    if not keyring_available():
        raise _unavailable()
    try:
        keyring.set_password(SERVICE, store_uuid, passphrase)
    except KeyringError as exc:
        raise _unavailable() from exc


def recall(store_uuid: str) -> str | None:
    if not keyring_available():
        return None
    try:
        value = keyring.get_password(SERVICE, store_uuid)
    except KeyringError:
        return None
    return value if isinstance(value, str) else None


def forget(store_uuid: str) -> None:
    if not keyring_available():
        return
    try:
        keyring.delete_password(SERVICE, store_uuid)
    except (PasswordDeleteError, KeyringError):
        pass
