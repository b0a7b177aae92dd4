"""The append-only audit log: every change says what, when and who (the holder or a named planner)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipb_desktop.models.schema import AuditEntry


def actor_of(session: Session) -> str:
    """Who is recording in this unit of work ("holder" or "planner:Name")."""
    return str(session.info.get("actor", "holder"))


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def record(session: Session, action: str, entity: str, entity_id: int | None, **detail: Any) -> None:
    """Add one audit entry; `detail` holds the fields changed (before/after for edits)."""
    text = json.dumps({k: _plain(v) for k, v in detail.items()}, sort_keys=True, default=str)
    session.add(AuditEntry(actor=actor_of(session), action=action, entity=entity, entity_id=entity_id, detail=text))


def entries(session: Session, entity: str | None = None, entity_id: int | None = None) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id)
    if entity is not None:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    return list(session.scalars(query))


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Only the fields that changed, as {"field": [old, new]}."""
    return {k: [_plain(before.get(k)), _plain(v)] for k, v in after.items() if before.get(k) != v}


@dataclass(frozen=True)
class Change:
    """One line of the record of changes, as the window lists it (newest first)."""

    at: dt.datetime
    actor: str
    action: str
    entity: str
    detail: str


def recent_changes(session: Session, limit: int = 2000) -> list[Change]:
    """The newest `limit` changes, newest first (read-only: the record itself can never be changed)."""
    found = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))
    return [Change(e.at, e.actor, e.action, e.entity, e.detail or "") for e in found]
