"""A second, read-only connection to an open store, for reading on a worker thread while the window keeps
answering (adding up every payment a search finds takes about a second at a million payments).

The store's own connection stays the window's: a connection answers one statement at a time, so a long read
on it would stop the window as surely as reading on the window's thread. This one is made the first time it is
wanted (on the worker thread: the key is derived again, a tenth or two of a second there) and kept until the
store closes. One read runs on it at a time. A read can be stopped from any thread (`ReadTicket.cancel`): the
statement running is interrupted and no further statement starts. Closing the store stops any read and closes
the connection before the store's file is let go.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
import sqlcipher3
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from ipb_desktop.models import keyed

T = TypeVar("T")
CACHE_KB = 1024
PROGRESS_STEPS = 100_000  # SQLite's virtual machine steps between two checks (about a millisecond)


def read_only_connection(path: Path, key: str, immutable: bool, *, checked: bool = False) -> sqlcipher3.Connection:
    """A read-only connection of its own to a store's file (the key is derived again); with `checked`, its first
    page read (so a damaged or vanished file raises its IpbError here)."""
    conn = keyed.connect(path, key, keyed.Access.IMMUTABLE if immutable else keyed.Access.READ_ONLY)
    try:
        if checked:
            keyed.check_key(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


class ReadCancelled(Exception):
    """The read was stopped (its ticket cancelled, or the store closed) before it finished."""


class ReadTicket:
    """One read's right to go on; `cancel()` (any thread) stops it."""

    def __init__(self, reader: SideReader) -> None:
        self._reader = reader
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()
        self._reader._interrupt_if_running(self)


class SideReader:
    """Reads on a connection of their own, made by `connect` (a keyed, read-only connection to the store)."""

    def __init__(self, connect: Callable[[], sqlcipher3.Connection]) -> None:
        self._connect = connect
        self._lock = threading.Lock()  # one read at a time, and closing waits for it
        self._guard = threading.Lock()  # the fields below, read and changed from any thread
        self._raw: sqlcipher3.Connection | None = None
        self._engine: sa.Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._running: ReadTicket | None = None
        self._closed = False

    def ticket(self) -> ReadTicket:
        return ReadTicket(self)

    def read(self, look: Callable[[Session], T], ticket: ReadTicket) -> T:
        """Run `look` in one read transaction on the side connection, on the calling (worker) thread. Raises
        ReadCancelled when the ticket was cancelled or the store closed, before or while it ran."""
        with self._lock:
            with self._guard:
                if self._closed or ticket.cancelled:
                    raise ReadCancelled()
                self._running = ticket
            try:
                sessions = self._sessions or self._open()
                with sessions() as session:
                    try:
                        return look(session)
                    finally:
                        session.rollback()
            except (sa.exc.DBAPIError, sqlcipher3.Error) as exc:
                if self._closed or ticket.cancelled:
                    raise ReadCancelled() from exc
                raise
            finally:
                with self._guard:
                    self._running = None

    def _open(self) -> sessionmaker[Session]:
        raw = self._connect()
        # Its reads go once through what they read: a small page cache is enough (the window's connection
        # keeps the usual 8 MB), so a second connection adds little to the memory the app takes.
        raw.execute(f"PRAGMA cache_size = -{CACHE_KB}")
        # Interrupting only stops a statement already running; this stops one that was about to start when the
        # read was cancelled (SQLite asks every so many steps of its work).
        raw.set_progress_handler(self._stop_asked, PROGRESS_STEPS)
        engine = sa.create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        event.listen(engine, "before_cursor_execute", self._refuse_when_stopped)
        sessions = sessionmaker(engine, expire_on_commit=False)
        with self._guard:
            self._raw, self._engine, self._sessions = raw, engine, sessions
        return sessions

    def _stop_asked(self) -> int:
        running = self._running
        return 1 if self._closed or (running is not None and running.cancelled) else 0

    def _refuse_when_stopped(self, *_args: Any) -> None:
        """Before each statement: none starts once the read is cancelled or the store is closing."""
        running = self._running
        if self._closed or (running is not None and running.cancelled):
            raise ReadCancelled()

    def _interrupt_if_running(self, ticket: ReadTicket | None) -> None:
        with self._guard:
            if self._raw is not None and (ticket is None or self._running is ticket):
                self._raw.interrupt()

    def close(self) -> None:
        """Stop any read (waiting for it to let go) and close the connection. No read starts afterwards."""
        with self._guard:
            self._closed = True
        self.drop()

    def drop(self) -> None:
        """Stop any read (waiting for it to let go) and close the connection; a later read makes a new one (after
        the store's passphrase changed, say)."""
        self._interrupt_if_running(None)
        with self._lock:
            with self._guard:
                raw, engine = self._raw, self._engine
                self._raw, self._engine, self._sessions = None, None, None
            if engine is not None:
                engine.dispose()
            if raw is not None:
                raw.close()
