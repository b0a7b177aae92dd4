"""Checks on the store file itself, before any passphrase is asked for: is it there, is it a regular file that
looks like an encrypted store, where does a link point, and may this user write beside it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ipb_desktop.errors import NotAStore, StoreNotFound
from ipb_desktop.fileops import expand_user
from ipb_desktop.i18n import _

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"


def real_store_path(path: Path | str) -> Path:
    """The file a store name really means: `~` expanded, made absolute, and symbolic links followed.

    The lock, a passphrase change, backups and restoring all work on this real file, so a second copy of the app
    opening the store through a link meets the same lock, and a change never replaces the link with a new file.
    """
    return Path(os.path.realpath(expand_user(path).absolute()))


def check_looks_like_store(path: Path) -> None:
    """Refuse what cannot be a store (missing, a folder, a pipe or device, plain SQLite, the wrong shape)."""
    name = path.name or str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise StoreNotFound(
            _("There is no budget store at {path}. Check the name and folder.").format(path=path)
        ) from None
    except OSError as exc:
        raise NotAStore(
            _("The file {name} could not be used ({reason}).").format(name=name, reason=exc.strerror or exc)
        ) from exc
    if stat.S_ISDIR(info.st_mode):
        raise NotAStore(_("{path} is a folder, not a budget store file.").format(path=path))
    if not stat.S_ISREG(info.st_mode):
        raise NotAStore(_("{name} is not an ordinary file, so it cannot be a budget store.").format(name=name))
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise NotAStore(
            _("The file {name} could not be read ({reason}).").format(name=name, reason=exc.strerror or exc)
        ) from exc
    if head == SQLITE_PLAIN_HEADER:
        raise NotAStore(
            _("{name} is an ordinary unencrypted database, not an ipb-desktop budget store.").format(name=name)
        )
    if info.st_size == 0 or info.st_size % 512 != 0:
        raise NotAStore(
            _(
                "{name} is not an ipb-desktop budget store, or it is damaged (it is not the right shape). "
                "If you have a backup, restore from it."
            ).format(name=name)
        )


def can_write_beside(path: Path) -> bool:
    """True when this user may change the store file and make files in its folder (SQLite's log needs both)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)
