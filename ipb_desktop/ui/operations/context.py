"""Each change a person makes is one small operation: run a service in one transaction, push an undo command,
tell every view once.

`AppContext.perform(text, do, undo)` is the only way the UI writes to the store. `do(session)` runs inside
`store.transaction()`; if it raises an `IpbError` nothing is saved, the message is shown (next to the field when
the form knows the field) and `perform` returns None. Otherwise an undo command is pushed whose undo runs
`undo(session, result)` and whose redo runs `do` again, keeping the new result for the next undo.

Pages and dialogs never call `perform` themselves: each change has a name in the operations module of its area
(`operations.spending.log_payment`, `operations.plan.edit_stream` ...), as Anki's `aqt/operations/` does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.orm import Session

from ipb_desktop.errors import FieldProblem, InvalidInput, IpbError
from ipb_desktop.models.store import Store
from ipb_desktop.ui import messages

T = TypeVar("T")
D = TypeVar("D")


class FieldSink(Protocol):
    """A form that can show problems next to its own fields; returns the problems it could not place."""

    def show_problems(self, problems: tuple[FieldProblem, ...]) -> list[FieldProblem]: ...

    def clear_problems(self) -> None: ...


class AppContext(QObject):
    """The open store, the undo stack and the one `changed` signal every view refreshes on."""

    changed = Signal()
    store_opened = Signal()
    store_closed = Signal()
    locked = Signal()
    unlocked = Signal()
    # Another store is being opened: drop whatever was kept for the last one (half-typed forms, searches).
    forgotten = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.undo_stack = QUndoStack(self)
        self.is_locked = False
        # What "today" is for the figures (screenshots and tests fix it; the app uses the real date).
        self.today: Callable[[], dt.date] = dt.date.today

    # -- the store --------------------------------------------------------------------------------------------

    def set_store(self, store: Store, keep_undo: bool = False) -> None:
        """Make `store` the open store (closing any other) and tell every view.

        Another store open before is closed first and every view is told (so each empties itself) before the new
        one is shown: nothing of one person is ever shown beside another's."""
        if self.store is not None and self.store is not store:
            self.close_store()
            self.forget()
        if not keep_undo:
            self.undo_stack.clear()
        self.store = store
        self.is_locked = False
        self.store_opened.emit()
        self.changed.emit()

    def close_store(self, keep_undo: bool = False) -> None:
        if self.store is not None:
            self.store.close()
        self.store = None
        if not keep_undo:
            self.undo_stack.clear()
        self.store_closed.emit()
        self.changed.emit()

    def forget(self) -> None:
        """Drop everything kept for the last store (its undo steps, forms kept while locked)."""
        self.undo_stack.clear()
        self.forgotten.emit()

    def read(self, look: Callable[[Session], T], default: D) -> T | D:
        """Run a read-only `look` at the store; `default` when no store is open (locked) or it cannot be read."""
        if self.store is None:
            return default
        try:
            with self.store.reading() as session:
                return look(session)
        except IpbError as exc:
            messages.report(exc)
            return default

    # -- changing it ------------------------------------------------------------------------------------------

    def perform(
        self,
        text: str,
        do: Callable[[Session], T],
        undo: Callable[[Session, T], object],
        *,
        form: FieldSink | None = None,
    ) -> T | None:
        """Run `do` in one transaction and make it undoable; None (and nothing saved) when it was refused."""
        if form is not None:
            form.clear_problems()
        result = self._run(lambda s: do(s), form)
        if result is _FAILED:
            return None
        self.undo_stack.push(_Operation(self, text, do, undo, result))
        self.changed.emit()
        return cast(T, result)

    def keep_note(self, work: Callable[[Session], object]) -> bool:
        """Save bookkeeping the person does not see as a change of theirs (how far the set-up has got): one
        transaction, problems reported, no undo step. False when nothing was saved."""
        return self._run(work) is not _FAILED

    def _run(self, work: Callable[[Session], Any], form: FieldSink | None = None) -> Any:
        if self.store is None:
            return _FAILED
        try:
            with self.store.transaction() as session:
                return work(session)
        except InvalidInput as exc:
            left = list(exc.problems) if form is None else form.show_problems(exc.problems)
            if left:
                messages.error("; ".join(p.reason[:1].upper() + p.reason[1:] for p in left) + ".")
            return _FAILED
        except Exception as exc:  # unexpected: nothing saved, a calm message and a log without personal details
            messages.report(exc)
            return _FAILED


class _Failed:
    pass


_FAILED: Any = _Failed()


class _Operation(QUndoCommand, Generic[T]):
    def __init__(
        self,
        ctx: AppContext,
        text: str,
        do: Callable[[Session], T],
        undo: Callable[[Session, T], object],
        result: T,
    ) -> None:
        super().__init__(text)
        self._ctx = ctx
        self._do = do
        self._undo = undo
        self._result = result
        self._first = True

    def redo(self) -> None:
        if self._first:  # `perform` has already done it once
            self._first = False
            return
        result = self._ctx._run(self._do)
        if result is _FAILED:
            self.setObsolete(True)
        else:
            self._result = result
        self._ctx.changed.emit()

    def undo(self) -> None:
        outcome = self._ctx._run(lambda s: self._undo(s, self._result))
        if outcome is _FAILED:
            self.setObsolete(True)
        self._ctx.changed.emit()
