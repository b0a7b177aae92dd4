"""Where the app keeps things on this computer. `IPB_HOME`, when set, puts all of it under one folder
(handy for a planner's USB stick, and for tests)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "ipb-desktop"
DEFAULT_STORE_NAME = "my-budget.ipb"


def _home() -> Path | None:
    value = os.environ.get("IPB_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP, appauthor=False))


def default_store_path() -> Path:
    """The store a new user gets unless they choose another place."""
    return data_dir() / DEFAULT_STORE_NAME
