"""Per-store settings (stored encrypted with the rest): surplus threshold, language, auto-lock and so on."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ipb_desktop import audit
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.schema import Setting
from ipb_desktop.seed import DEFAULT_SETTINGS

ALLOWED: dict[str, tuple[str, ...] | None] = {
    "surplus_weeks": ("4", "6", "8", "10", "12"),
    "monitoring_every": ("monthly", "quarterly", "six_monthly", "yearly"),
    "auto_lock_minutes": ("0", "1", "2", "5", "10", "15", "30", "60"),
    "language": ("en_GB", "cy"),
    "text_scale_percent": ("100", "125", "150", "175", "200"),
    "retention_years": ("6", "7", "8", "10"),
    "backups_kept": ("3", "5", "10", "20", "30"),
    "recorder": None,
    # The surplus: weeks of the weekly direct payment (or of planned spending) kept, and an agreed contingency.
    "surplus_basis": ("weekly_payment", "planned"),
    "contingency_pence": None,
    # Who the account is (printed on the statement): its name, the last four digits, who may use it.
    "account_name": None,
    "account_last_four": None,
    "account_users": None,
    # Import suggestions the person turned off: JSON written by bankimport.learned, never typed by hand.
    "suggestions_off": None,
}


def get(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    if row is not None:
        return row.value
    return DEFAULT_SETTINGS.get(key, "")


def get_int(session: Session, key: str) -> int:
    return int(get(session, key) or 0)


def put(session: Session, key: str, value: str) -> None:
    if key not in ALLOWED:
        raise InvalidInput("setting", _("there is no setting called '{key}'").format(key=key))
    allowed = ALLOWED[key]
    if allowed is not None and value not in allowed:
        raise InvalidInput(key, _("choose one of: {values}").format(values=", ".join(allowed)))
    row = session.get(Setting, key)
    before = row.value if row else None
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    audit.record(session, "setting", "setting", None, key=key, before=before, after=value)
