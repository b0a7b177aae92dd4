"""Where automatic backups of a store live and how they are named: the one home of that format.

A store `alys.ipb` keeps its automatic backups in `alys-backups/` beside it, each named
`<stem>-<YYYYmmdd-HHMMSS-micro>-<reason>.ipb` (reason: daily, before-upgrade-from-0001, before-restore ...).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

STORE_SUFFIX = ".ipb"
_STAMP = "%Y%m%d-%H%M%S-%f"
_AUTO_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[A-Za-z0-9_.-]+)\.ipb$")


@dataclass(frozen=True)
class AutoBackup:
    path: Path
    taken_at: dt.datetime
    reason: str


def sidecars(path: Path) -> list[Path]:
    """The files SQLite may keep beside a database: its write-ahead log, the log's index, a rollback journal."""
    return [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]


def backups_folder(path: Path) -> Path:
    """Where automatic backups of a store go: a folder beside it."""
    return path.with_name(path.stem + "-backups")


def auto_backup_name(store_path: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """`<folder>/<stem>-<YYYYmmdd-HHMMSS-micro>-<reason>.ipb`."""
    stamp = (now or dt.datetime.now()).strftime(_STAMP)
    return backups_folder(store_path) / f"{store_path.stem}-{stamp}-{reason}{STORE_SUFFIX}"


def parse_auto_name(name: str) -> tuple[str, dt.datetime, str] | None:
    """(stem, taken at, reason) for an automatic backup's file name, else None."""
    match = _AUTO_NAME.match(name)
    if match is None:
        return None
    try:
        taken = dt.datetime.strptime(match["stamp"], _STAMP)
    except ValueError:
        return None
    return match["stem"], taken, match["reason"]


def list_auto_backups(store_path: Path) -> list[AutoBackup]:
    """The automatic backups of this store, newest first."""
    folder = backups_folder(Path(store_path))
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        parsed = parse_auto_name(name)
        if parsed is None or parsed[0] != Path(store_path).stem:
            continue
        found.append(AutoBackup(folder / name, parsed[1], parsed[2]))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)
