"""Start unlocking the store named on the command line (its key derived) before the command's own code is imported.

Only when the passphrase is already known without asking (IPB_PASSPHRASE is set): a prompt must come after any
mistake in the command is reported, so a typed passphrase starts the usual way. The store is guessed from the
words (the first one after the command that names an existing budget store); `open_store` uses what was worked
out only for that same file, and `ipb_desktop.models.unlock_ahead` says why a wrong guess costs nothing but time.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ipb_desktop.fileops import expand_user
from ipb_desktop.models.unlock_ahead import UnlockAhead, as_store_opens

PASSPHRASE_ENV = "IPB_PASSPHRASE"
TAKES_A_VALUE = frozenset({"--as-planner"})  # options before STORE whose value is not the store

_begun: list[UnlockAhead] = []


def begin(words: Sequence[str], commands: Sequence[str]) -> None:
    """If `words` run one of `commands` on a store file that exists, start its key and page check now."""
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if not passphrase:
        return
    positional = _positional(words)
    if len(positional) < 2 or positional[0] not in commands:
        return
    opens = as_store_opens(expand_user(positional[1]))
    if opens is not None:
        path, access = opens
        _begun.append(UnlockAhead(path, passphrase, access).start())


def take(path: Path) -> UnlockAhead | None:
    """What `begin` started for the file at `path`, once (None when nothing was, or for another file)."""
    while _begun:
        found = _begun.pop()
        if found.path == path:
            return found
        found.discard()
    return None


def _positional(words: Sequence[str]) -> list[str]:
    found: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word == "--":
            continue
        elif word.startswith("-"):
            skip = word in TAKES_A_VALUE
        else:
            found.append(word)
    return found
