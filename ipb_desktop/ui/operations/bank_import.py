"""Changes made by bringing in a bank statement: the import itself, undoing one, and turning a learned
suggestion off or on; each one named, undoable operation."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ipb_desktop import after_import
from ipb_desktop.bankimport import learned, service
from ipb_desktop.i18n import _
from ipb_desktop.ui.operations.context import AppContext


@dataclass(frozen=True)
class Imported:
    """An import done: its number, and what else happened, in plain words (opening balance, funders, the file)."""

    batch_id: int
    told: list[str] = field(default_factory=list)


def import_statement(
    ctx: AppContext, result: service.Preview, choices: service.ImportChoices, keep: bytes | None = None
) -> Imported | None:
    """Bring in the new lines of a previewed statement, keeping the file itself (`keep`, its bytes) with the store;
    undo takes the whole import back out, the kept file with it."""

    def do(session: Session) -> Imported:
        batch = service.commit(session, result, choices)
        done = after_import.result_of(session, batch.id)
        told = [after_import.opening_text(done.opening)] if done.opening is not None else []
        told += after_import.linked_texts(done.linked)
        if to_sort := after_import.to_sort_text(session, batch.id):
            told.append(to_sort)
        if keep is not None:
            after_import.keep_statement(session, batch.id, result.source_name, keep, result.statement.lines)
            told.append(after_import.kept_text())
        return Imported(batch.id, told)

    return ctx.perform(
        _("Import {name}").format(name=result.source_name),
        do,
        lambda session, done: service.undo_import(session, done.batch_id),
    )


def undo_import(ctx: AppContext, batch_id: int) -> int | None:
    """Take an earlier import back out (from the import history); undo puts it back."""
    return ctx.perform(_("Undo an import"), lambda s: service.undo_import(s, batch_id).id, service.restore_import)


def set_suggesting(ctx: AppContext, payee: str, direction: str, on: bool, rule_text: str) -> bool:
    """Turn one learned suggestion off ("Don't suggest this any more") or back on."""

    def put_back(session: Session, was_on: bool) -> None:
        learned.set_suggesting(session, payee, direction, was_on)

    text = _("Suggest again: {rule}") if on else _("Stop suggesting: {rule}")
    done = ctx.perform(text.format(rule=rule_text), lambda s: learned.set_suggesting(s, payee, direction, on), put_back)
    return done is not None
