"""Changes made by bringing in a bank statement: the import itself, undoing one, and turning a learned
suggestion off or on; each one named, undoable operation."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ipb_desktop.bankimport import learned, service
from ipb_desktop.i18n import _
from ipb_desktop.ui.operations.context import AppContext


def import_statement(ctx: AppContext, result: service.Preview, choices: service.ImportChoices) -> int | None:
    """Bring in the new lines of a previewed statement; undo takes the whole import back out."""
    return ctx.perform(
        _("Import {name}").format(name=result.source_name),
        lambda s: service.commit(s, result, choices).id,
        service.undo_import,
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
