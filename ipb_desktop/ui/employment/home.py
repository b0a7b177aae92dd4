"""The lines Home shows under "Coming up" for people who employ PAs: checks and renewals due soon, and money
still owed to PAs, HMRC or the pension provider. Nothing at all when no PA is employed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ipb_desktop.employment import checks, owed
from ipb_desktop.employment.report import has_employment
from ipb_desktop.formatting import date_long, money
from ipb_desktop.i18n import _
from ipb_desktop.ui.operations.context import AppContext


def _lines(session: Session, day: dt.date) -> list[str]:
    if not has_employment(session):
        return []
    lines = []
    for reminder in checks.reminders(session, day):
        when = _("overdue since {date}") if reminder.overdue(day) else _("by {date}")
        lines.append(f"{reminder.text} ({when.format(date=date_long(reminder.due_on))}).")
    for item in owed.owed_items(session, day):
        lines.append(
            _("Still to pay {who}: {amount} ({what}).").format(
                who=item.who, amount=money(item.amount_pence), what=_(owed.WHAT_LABELS[item.what])
            )
        )
    return lines


def coming_up_lines(ctx: AppContext, day: dt.date) -> list[str]:
    return ctx.read(lambda s: _lines(s, day), [])
