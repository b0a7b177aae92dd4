"""The app's own small settings file (not the budget): recently opened stores by file path and store UUID, the
language of the window and where the window was.

It never holds a person's name or anything from inside a store, because it is not encrypted. Written atomically
with owner-only permissions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipb_desktop.fileops import write_bytes_atomic
from ipb_desktop.paths import config_dir

MAX_RECENT = 10


@dataclass(frozen=True)
class RecentStore:
    path: Path
    store_uuid: str | None


def _file() -> Path:
    return config_dir() / "config.json"


def _load() -> dict[str, Any]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(data: dict[str, Any]) -> None:
    write_bytes_atomic(_file(), json.dumps(data, indent=2).encode("utf-8"))


def recent_stores() -> list[RecentStore]:
    items = _load().get("recent", [])
    result = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("path"), str):
            uuid = item.get("uuid")
            result.append(RecentStore(Path(item["path"]), uuid if isinstance(uuid, str) else None))
    return result


def note_opened(path: Path, store_uuid: str | None) -> None:
    """Put `path` at the top of the recent list."""
    path = Path(path).absolute()
    data = _load()
    rest = [r for r in recent_stores() if r.path != path]
    recent = [RecentStore(path, store_uuid), *rest][:MAX_RECENT]
    data["recent"] = [{"path": str(r.path), "uuid": r.store_uuid} for r in recent]
    _save(data)


def forget_recent(path: Path) -> None:
    path = Path(path).absolute()
    data = _load()
    data["recent"] = [{"path": str(r.path), "uuid": r.store_uuid} for r in recent_stores() if r.path != path]
    _save(data)


def remembered_uuid(path: Path) -> str | None:
    path = Path(path).absolute()
    for item in recent_stores():
        if item.path == path:
            return item.store_uuid
    return None


def last_store() -> Path | None:
    recent = recent_stores()
    return recent[0].path if recent else None


# -- the app's own choices, needed before any store is unlocked --------------------------------------------------


def language() -> str | None:
    """The language the window was last shown in ("en_GB", "cy"), so it is right from the first page, before
    unlocking; None before any store was opened."""
    value = _load().get("language")
    return value if isinstance(value, str) and value else None


def set_language(code: str) -> None:
    data = _load()
    if data.get("language") != code:
        data["language"] = code
        _save(data)


def window_geometry() -> str | None:
    """Where the window was and how big (Qt's saved geometry, base64), to open it the same way next time."""
    value = _load().get("window_geometry")
    return value if isinstance(value, str) and value else None


def set_window_geometry(geometry: str) -> None:
    data = _load()
    data["window_geometry"] = geometry
    _save(data)
