"""An OS lock beside the store (`<store>.lock`) so two running copies never write the same store.

The operating system releases the lock when a process dies, so a lock left by a crash is never stale:
the next copy simply takes it. The lock file holds only a process id, never anything personal.

The lock file is never followed through a symbolic link (a link planted there cannot make the app truncate
another file), and must be an ordinary file. A store opened read-only takes a shared lock on an existing lock
file and writes nothing beside the store: where no lock file exists (a CD, a locked USB stick) nobody can be
writing, so none is needed.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import IO

from ipb_desktop.errors import NotAStore, StoreInUse
from ipb_desktop.i18n import _

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class StoreLock:
    def __init__(self, store_path: Path, *, shared: bool = False) -> None:
        self.path = store_path.with_name(store_path.name + ".lock")
        self.shared = shared
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        try:
            if self.shared:
                fd = os.open(self.path, os.O_RDONLY | _NOFOLLOW)
            else:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
        except OSError as exc:
            if self.shared and exc.errno in (errno.ENOENT, errno.EACCES, errno.EPERM):
                return  # nothing to share a lock with: no writer can be using this store
            if exc.errno == errno.ELOOP:
                raise _not_a_lock(self.path) from exc
            raise
        handle = os.fdopen(fd, "r" if self.shared else "r+", encoding="ascii")
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise _not_a_lock(self.path)
            _lock(handle, self.shared)
        except OSError as exc:
            handle.close()
            raise StoreInUse(
                _(
                    "This budget store is already open in another window or another copy of the app. "
                    "Close it there first, then try again."
                )
            ) from exc
        except BaseException:
            handle.close()
            raise
        if not self.shared:
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            try:
                _unlock(self._handle)
            finally:
                self._handle.close()
                self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None


def _not_a_lock(path: Path) -> NotAStore:
    return NotAStore(
        _("{name} beside the store is not an ordinary file, so the store cannot be opened safely.").format(
            name=path.name
        )
    )


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[str], shared: bool) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str], shared: bool) -> None:
        fcntl.flock(handle.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
