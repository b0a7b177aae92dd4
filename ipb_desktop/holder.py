"""The budget holder: the person whose budget this is."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop import audit, validate
from ipb_desktop.errors import InvalidInput
from ipb_desktop.i18n import _
from ipb_desktop.models.schema import BudgetHolder


@dataclass(frozen=True)
class HolderDetails:
    name: str
    preferred_name: str | None = None
    nhs_number: str | None = None
    council_reference: str | None = None
    care_coordinator: str | None = None
    peer_support_planner: str | None = None
    next_review_date: dt.date | None = None


def normalise_nhs_number(value: str) -> str:
    """Ten digits with a valid modulus-11 check digit (spaces and dashes allowed when typed)."""
    digits = value.replace(" ", "").replace("-", "")
    if not (len(digits) == 10 and digits.isdigit()):
        raise InvalidInput("nhs_number", _("an NHS number has 10 digits, for example 943 476 5919"))
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10 or check != int(digits[9]):
        raise InvalidInput(
            "nhs_number",
            _("that NHS number does not check out; please look at each digit again (or leave it blank)"),
        )
    return digits


def get_holder(session: Session) -> BudgetHolder | None:
    return session.scalars(select(BudgetHolder).order_by(BudgetHolder.id)).first()


def save_holder(session: Session, details: HolderDetails) -> BudgetHolder:
    """Create or update the holder's details, validating every field first."""
    nhs = (details.nhs_number or "").strip()
    fields = {
        "name": validate.required_text(details.name, "name"),
        "preferred_name": validate.text(details.preferred_name, "preferred_name"),
        "nhs_number": normalise_nhs_number(nhs) if nhs else None,
        "council_reference": validate.text(details.council_reference, "council_reference", max_length=100),
        "care_coordinator": validate.text(details.care_coordinator, "care_coordinator"),
        "peer_support_planner": validate.text(details.peer_support_planner, "peer_support_planner"),
        "next_review_date": (
            validate.date_in_range(details.next_review_date, "next_review_date") if details.next_review_date else None
        ),
    }
    holder = get_holder(session)
    if holder is None:
        holder = BudgetHolder(**fields)
        session.add(holder)
        session.flush()
        audit.record(session, "create", "holder", holder.id)
    else:
        before = {k: getattr(holder, k) for k in fields}
        for key, value in fields.items():
            setattr(holder, key, value)
        session.flush()
        audit.record(session, "update", "holder", holder.id, changed=sorted(audit.changes(before, fields)))
    return holder


def display_name(holder: BudgetHolder | None) -> str:
    if holder is None:
        return ""
    return holder.preferred_name or holder.name


__all__ = ["HolderDetails", "asdict", "display_name", "get_holder", "normalise_nhs_number", "save_holder"]
