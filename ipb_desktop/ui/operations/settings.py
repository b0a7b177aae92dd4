"""Changes made on the Settings page, each one named, undoable operation."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ipb_desktop import settings
from ipb_desktop.i18n import _
from ipb_desktop.ui.operations.context import AppContext, FieldSink


def change_setting(ctx: AppContext, key: str, value: str, form: FieldSink | None = None, text: str = "") -> bool:
    """Change one of the store's settings; undo puts the old value back. False when nothing changed."""
    before = ctx.read(lambda s: settings.get(s, key), None)
    if before is None or before == value:
        return False

    def put(session: Session) -> str:
        settings.put(session, key, value)
        return value

    def put_back(session: Session, _value: str) -> None:
        settings.put(session, key, before)

    return ctx.perform(text or _("change a setting"), put, put_back, form=form) is not None


def change_recorder(ctx: AppContext, value: str, form: FieldSink) -> bool:
    """Record changes as the budget holder ("holder") or as a named planner ("planner:NAME")."""
    return change_setting(ctx, "recorder", value, form, _("change who is recording"))
