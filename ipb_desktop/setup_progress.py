"""How far the guided first-run set-up has got, kept in the store so a person can stop and carry on later.

Steps: about you, your budget, what matters to you, your plan. Each can be skipped; a step counts as done when
it was finished in the set-up or its information is already there (entered elsewhere in the app).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipb_desktop import audit
from ipb_desktop.i18n import N_
from ipb_desktop.models.schema import BudgetHolder, BudgetPeriod, FundingStream, Outcome, PlanLine, Setting

STEPS: tuple[str, ...] = ("about_you", "budget", "outcomes", "plan")
STEP_TITLES = {
    "about_you": N_("About you"),
    "budget": N_("Your budget"),
    "outcomes": N_("What matters to you"),
    "plan": N_("Your plan"),
}
_DONE_KEY = "setup_steps_done"
_FINISHED_KEY = "setup_finished"


def _get(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else ""


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    audit.record(session, "setting", "setting", None, key=key, after=value)


def _has(session: Session, model: type[BudgetHolder | BudgetPeriod | FundingStream | Outcome | PlanLine]) -> bool:
    return bool(session.scalar(select(func.count()).select_from(model)))


def has_data(session: Session, step: str) -> bool:
    """True when the information a step asks for is already in the store."""
    if step == "about_you":
        return _has(session, BudgetHolder)
    if step == "budget":
        return _has(session, BudgetPeriod) and _has(session, FundingStream)
    if step == "outcomes":
        return _has(session, Outcome)
    if step == "plan":
        return _has(session, PlanLine)
    return False


def steps_done(session: Session) -> set[str]:
    marked = {s for s in _get(session, _DONE_KEY).split(",") if s in STEPS}
    return marked | {s for s in STEPS if has_data(session, s)}


def mark_step(session: Session, step: str, done: bool = True) -> None:
    marked = {s for s in _get(session, _DONE_KEY).split(",") if s in STEPS}
    marked = marked | {step} if done else marked - {step}
    _put(session, _DONE_KEY, ",".join(s for s in STEPS if s in marked))


def next_step(session: Session) -> str | None:
    """The first step not done yet (where to carry on), or None when all are done."""
    done = steps_done(session)
    return next((s for s in STEPS if s not in done), None)


def is_finished(session: Session) -> bool:
    """Finished (or closed for good) by the person, or every step has its information."""
    return _get(session, _FINISHED_KEY) == "1" or next_step(session) is None


def set_finished(session: Session, finished: bool = True) -> None:
    _put(session, _FINISHED_KEY, "1" if finished else "0")
