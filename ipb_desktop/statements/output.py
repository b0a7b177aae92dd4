"""Saving an exported document safely: never over the budget store itself, never half-written."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ipb_desktop.errors import InvalidInput
from ipb_desktop.fileops import expand_user
from ipb_desktop.i18n import _
from ipb_desktop.models.store import STORE_SUFFIX


def check_destination(out: Path, store_path: Path | None = None) -> Path:
    """The file to write, refused when it is the budget store (or any store) or a folder."""
    target = expand_user(out)
    if target.suffix.lower() == STORE_SUFFIX or (
        store_path is not None and target.absolute() == store_path.expanduser().absolute()
    ):
        raise InvalidInput("out", _("that is a budget store file; choose another name so the store is not replaced"))
    if target.is_dir():
        raise InvalidInput("out", _("that is a folder; add a file name, for example statement.pdf"))
    return target.absolute()


def write_file(out: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Write to a temporary file beside `out`, then put it in place in one step."""
    part = out.with_name(out.name + ".part")
    try:
        with part.open("wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)
    return out


def not_encrypted_note(path: Path) -> str:
    """Said every time a file leaves the encrypted store."""
    return _(
        "Saved to {path}. This file is NOT encrypted: anyone who can open it can read it. Keep it somewhere safe "
        "and delete it when you no longer need it."
    ).format(path=path)
