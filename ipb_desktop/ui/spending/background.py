"""Reading on a worker thread for the Spending table, so the window keeps answering while every id of a million
payments, or every match of a search, is read and added up.

The read runs on the store's second connection (`Store.side`, made the first time it is wanted) and its answer
comes back as a signal, which Qt delivers on the window's thread: nothing here touches a widget. Starting a new
read, or `cancel()`, stops the one before; closing the store stops it too. Only the latest read's answer is
given, and only while the same store is open.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from ipb_desktop.models.side_reader import ReadCancelled, ReadTicket
from ipb_desktop.models.store import Store


class BackgroundRead(QObject):
    """`answered(number, answer)` for the read `start` numbered, or `failed(number)` when it could not be read
    there (the caller then reads on its own thread, as before, and any problem is reported the usual way)."""

    answered = Signal(int, object)
    failed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._number = 0
        self._ticket: ReadTicket | None = None
        self._store: Store | None = None

    def start(self, store: Store, look: Callable[[Session], Any]) -> int:
        """Run `look` on a worker thread; returns the number its answer will carry."""
        self.cancel()
        self._number += 1
        self._store, self._ticket = store, store.side.ticket()
        worker = threading.Thread(
            target=self._run, args=(store, look, self._ticket, self._number), name="spending-read", daemon=True
        )
        worker.start()
        return self._number

    def cancel(self) -> None:
        """Stop the read running (if any); its answer, if it comes anyway, is not given."""
        if self._ticket is not None:
            self._ticket.cancel()
        self._ticket = None
        self._number += 1

    def is_current(self, number: int, store: Store | None) -> bool:
        return number == self._number and store is not None and store is self._store

    def _run(self, store: Store, look: Callable[[Session], Any], ticket: ReadTicket, number: int) -> None:
        _give_way()
        try:
            answer = store.side.read(look, ticket)
        except ReadCancelled:
            return
        except Exception:
            with contextlib.suppress(RuntimeError):  # (the page is gone: nobody is left to tell)
                self.failed.emit(number)
            return
        with contextlib.suppress(RuntimeError):
            self.answered.emit(number, answer)


# How much lower than the window's thread the worker thread runs (Unix nice steps): when both want a processor,
# the window's gets it, so clicking and typing stay quick while the read goes on.
GIVE_WAY = 10


def _give_way() -> None:
    """Lower this (worker) thread's priority, where the system allows a thread's own (Linux)."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), GIVE_WAY)
