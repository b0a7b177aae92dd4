"""Changes made on the Settings page, each one named, undoable operation."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ipb_desktop import accounts, settings
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.money import parse_pence
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


# -- money: the surplus, the account's identity and its opening balance ----------------------------------------


def set_contingency(ctx: AppContext, typed: str, form: FieldSink | None = None) -> bool:
    """The contingency agreed with the council, kept aside before any surplus; undo puts the old amount back."""
    before = ctx.read(lambda s: settings.get(s, "contingency_pence"), None)
    if before is None:
        return False

    def put(session: Session) -> str:
        pence = parse_pence(typed, "contingency") if typed.strip() else 0
        settings.put(session, "contingency_pence", str(pence))
        return str(pence)

    def put_back(session: Session, _value: str) -> None:
        settings.put(session, "contingency_pence", before)

    if _same_pence(typed, before):
        return False
    return ctx.perform(_("change the agreed contingency"), put, put_back, form=form) is not None


def _same_pence(typed: str, before: str) -> bool:
    try:
        return (parse_pence(typed, "contingency") if typed.strip() else 0) == int(before or 0)
    except (InvalidInput, ValueError):
        return False


def set_account_identity(ctx: AppContext, name: str, last_four: str, users: str, form: FieldSink) -> bool:
    """The account's name, the last four digits of its number and who may use it; undo puts back the old ones."""

    def do(session: Session) -> accounts.AccountIdentity:
        before = accounts.identity(session)
        accounts.set_identity(session, name, last_four, users)
        return before

    def undo(session: Session, before: accounts.AccountIdentity) -> None:
        accounts.set_identity(session, before.name, before.last_four, before.users)

    return ctx.perform(_("change the account's details"), do, undo, form=form) is not None


def set_opening_balance(ctx: AppContext, day: dt.date, typed: str, form: FieldSink) -> bool:
    """What the account held at the end of `day`, typed by hand; undo takes it back (an earlier figure, if any,
    counts again)."""

    def do(session: Session) -> accounts.Opening:
        pence = parse_pence(typed, "balance", allow_negative=True)
        return accounts.set_opening(session, day, pence, _("typed by hand"))

    return (
        ctx.perform(_("set the opening balance"), do, lambda s, _o: accounts.take_back_opening(s), form=form)
        is not None
    )
