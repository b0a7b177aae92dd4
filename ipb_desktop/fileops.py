"""Crash-safe file writing (no database here): write beside the target, fsync, then rename over it in one atomic
step. Used by the store, backups, exports and the app's own settings file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be fsynced on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_file_atomic(source: Path, target: Path) -> None:
    """Copy `source` to `target` so that `target` is either absent/old or the complete copy, never half."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = target.with_name(f".{target.name}.partial")
    with (
        open(source, "rb") as src,
        open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as dst,
    ):
        shutil.copyfileobj(src, dst, 1024 * 1024)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, target)
    fsync_dir(target.parent)


def write_bytes_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = target.with_name(f".{target.name}.partial")
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as dst:
        dst.write(data)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, target)
    fsync_dir(target.parent)


def expand_user(value: str | os.PathLike[str]) -> Path:
    """`~/statement.pdf` as the full path. A `~name` for which this computer has no home folder, or a name with a NUL
    character in it, is refused in plain words (pathlib and os raise bare RuntimeError and ValueError there)."""
    from ipb_desktop.errors import InvalidInput
    from ipb_desktop.i18n import _

    if "\x00" in os.fspath(value):
        raise InvalidInput("path", _("a file or folder name cannot contain a NUL character; check the name"))
    path = Path(value)
    try:
        return path.expanduser()
    except RuntimeError as exc:
        raise InvalidInput(
            "path",
            _(
                "{path} starts with ~ and a name this computer has no home folder for; write the whole path "
                "instead, for example /home/alys/statement.pdf"
            ).format(path=str(value)),
        ) from exc
