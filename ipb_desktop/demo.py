"""An invented year of budget for Alys Testwood in Exampleshire: for trying the app, screenshots and benchmarks.

`build_demo(store, today)` fills an empty store through the ordinary services (so every row is audited and
valid): holder details, this budget period and the one before, four funding streams, five outcomes in her own
words with monthly ratings, a dozen plan lines, and about 350 payments over the last year, with a few split
payments, receipts, reconciled payments and one deleted duplicate. The same `today` always gives the same data.
Everyone and everything in it is invented.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ipb_desktop import budget, holder, ledger, outcomes, plan
from ipb_desktop.demo_data import (
    NOTES,
    ONE_OFFS,
    ONE_YEAR_ONLY,
    OUTCOMES,
    OUTINGS,
    PLAN_LINES,
    REGULAR,
    SCORES,
    SPLITS,
    receipt_pdf,
    receipt_png,
)
from ipb_desktop.demo_employment import add_demo_employment
from ipb_desktop.models.schema import BudgetPeriod
from ipb_desktop.models.store import Store

SEED = 20261123
PLANNER = "Sam Example"


@dataclass(frozen=True)
class DemoCounts:
    transactions: int
    ratings: int
    plan_lines: int
    receipts: int


@dataclass
class _Payment:
    day: dt.date
    direction: str
    pence: int
    payee: str
    description: str
    method: str
    line: str | None = None
    category: str | None = None
    stream: str | None = None
    splits: tuple[tuple[int, str], ...] = ()
    stream_splits: tuple[tuple[int, str], ...] = ()  # money in shared between funding streams
    receipt: str | None = None  # "png" or "pdf"


@dataclass
class _Year:
    period: BudgetPeriod
    streams: dict[str, int] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def _year(session: Session, start: dt.date, outcome_ids: dict[str, int], current: bool) -> _Year:
    end = dt.date(start.year + 1, 3, 31)
    year = _Year(budget.add_period(session, f"{start.year} to {end.year}", start, end))
    streams = {
        "council": ("council_social_care", "Exampleshire County Council", 56000, "four_weekly"),
        "nhs": ("nhs_phb", "NHS Exampleshire Integrated Care Board", 120000, "monthly"),
        "personal": ("personal_contribution", "My own contribution", 1000, "weekly"),
    }
    if current:
        streams["education"] = ("education", "Exampleshire Adult Learning Service", 35000, "one_off")
    for key, (kind, name, pence, schedule) in streams.items():
        stream_details = budget.StreamDetails(kind, name, pence, schedule, notes="Invented demo data")
        year.streams[key] = budget.add_stream(session, year.period.id, stream_details).id
    for key, (description, category, stream, planned, wanted) in PLAN_LINES.items():
        if stream not in year.streams or (key in ONE_YEAR_ONLY and not current):
            continue
        details = plan.PlanLineDetails(
            description,
            planned,
            plan.category_named(session, category).id,
            year.streams[stream],
            tuple(outcome_ids[o] for o in wanted),
        )
        year.lines[key] = plan.add_plan_line(session, year.period.id, details).id
    return year


def _every(first: dt.date, step_days: int, start: dt.date, today: dt.date) -> list[dt.date]:
    """Dates `step_days` apart, lined up with `first`, from `start` to `today`."""
    day = first - dt.timedelta(days=((first - start).days // step_days) * step_days)
    days = []
    while day <= today:
        if day >= start:
            days.append(day)
        day += dt.timedelta(days=step_days)
    return days


def _monthly(day_of_month: int, start: dt.date, today: dt.date) -> list[dt.date]:
    days = []
    year, month = start.year, start.month
    while (day := dt.date(year, month, day_of_month)) <= today:
        if day >= start:
            days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def _target(payment: _Payment, target: str) -> _Payment:
    """Fill in what a payment is for from "line=Category@stream" (see `demo_data.REGULAR`)."""
    line, _eq, rest = target.partition("=")
    category, _at, stream = rest.partition("@")
    payment.line, payment.category, payment.stream = line or None, category or None, stream or None
    return payment


def _payments(rng: random.Random, start: dt.date, today: dt.date, period_start: dt.date) -> list[_Payment]:
    opening = _Payment(start, "in", 150000, "Balance brought forward", "Money already in the account", "other")
    # The money already in the account came from the funders, so it is tagged to them (a statement's balance by
    # funding stream then adds up without an unexplained "not linked" row).
    opening.stream_splits = ((50000, "council"), (100000, "nhs"))
    pay = [_target(opening, "=Opening balance")]
    for every, when, direction, pence, payee, description, method, target in REGULAR:
        if every == "month":
            days = _monthly(when, start, today)
        else:
            days = _every(period_start + dt.timedelta(days=when), int(every.removesuffix("d")), start, today)
        pay += [_target(_Payment(day, direction, pence, payee, description, method), target) for day in days]
    for day in _every(period_start + dt.timedelta(days=2), 7, start, today):
        hours = 8 if rng.random() > 0.15 else rng.choice([6, 10])  # a week off sick, or cover for a busy week
        pay.append(_Payment(day, "out", hours * 1450, "Morgan Sample", f"PA wages, {hours} hours", "bank_transfer"))
        pay[-1].line = "pa"
    for day in _monthly(19, start, today):
        pence = rng.randint(1800, 2600)
        pay.append(_Payment(day, "out", pence, "HMRC", "PAYE and employer's NI", "bank_transfer", "employer"))
    for i, day in enumerate(_every(period_start + dt.timedelta(days=1), 14, start, today)):
        if rng.random() > 0.08:  # now and then a session is cancelled
            receipt = "pdf" if i % 4 == 0 else None
            pay.append(_Payment(day, "out", 8500, "Willow Tree Counselling", "Counselling session", "bank_transfer"))
            pay[-1].line, pay[-1].receipt = "counselling", receipt
    for day in _every(period_start + dt.timedelta(days=7), 7, start, today):
        holiday = day.month == 8 or (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 5)
        if not holiday and rng.random() > 0.12:
            pay.append(_Payment(day, "out", 1800, "Clayworks Studio", "Pottery class", "card", "pottery"))
            pay[-1].receipt = "png" if rng.random() < 0.1 else None
    for day in _every(period_start + dt.timedelta(days=3), 7, start, today):
        if rng.random() < 0.75:
            payee, low, high = rng.choice(OUTINGS)
            pay.append(_Payment(day, "out", rng.randint(low, high), payee, "With friends", "card", "friends"))
            pay[-1].receipt = "png" if rng.random() < 0.1 else None
    for offset, direction, pence, payee, description, method, target, receipt in ONE_OFFS:
        payment = _target(
            _Payment(period_start + dt.timedelta(days=offset), direction, pence, payee, description, method), target
        )
        payment.receipt = receipt
        pay.append(payment)
    for offset, pence, payee, description, splits, receipt in SPLITS:
        day = period_start + dt.timedelta(days=offset)
        pay.append(_Payment(day, "out", pence, payee, description, "card", splits=splits, receipt=receipt))
    return sorted((p for p in pay if start <= p.day <= today), key=lambda p: (p.day, p.direction != "in", p.payee))


def _rating_note(used: dict[tuple[str, str], int], key: str, scores: list[int], i: int) -> str:
    """The next note in order for this outcome and direction, so the story moves on (a first interview comes once)."""
    if i == 0:
        return "Where I am starting from"
    change = scores[i] - scores[i - 1]
    trend = "up" if change > 0 else "down" if change < 0 else "same"
    notes = NOTES[key][trend]
    n = used.get((key, trend), 0)
    used[(key, trend)] = n + 1
    return notes[n] if n < len(notes) else notes[-1 - (n - len(notes)) % len(notes)]


def _receipt(rng: random.Random, kind: str, payment: _Payment) -> tuple[str, bytes]:
    if kind == "png":
        return f"receipt-{payment.day.isoformat()}.png", receipt_png(rng)
    lines = [
        payment.payee,
        payment.description,
        payment.day.strftime("%d/%m/%Y"),
        f"Total GBP {payment.pence / 100:.2f}",
    ]
    return f"invoice-{payment.day.isoformat()}.pdf", receipt_pdf(["INVOICE (invented demo data)", *lines])


def build_demo(store: Store, today: dt.date | None = None) -> DemoCounts:
    """Fill an empty store with a year of invented budget ending `today` (default: today's date)."""
    today = today or dt.date.today()
    rng = random.Random(SEED)
    period_start = dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    start = today - dt.timedelta(days=364)
    counts = {"transactions": 0, "ratings": 0, "receipts": 0}
    planner_ratings: list[tuple[int, outcomes.RatingDetails]] = []
    with store.transaction() as session:
        holder.save_holder(
            session,
            holder.HolderDetails(
                name="Alys Testwood",
                preferred_name="Alys",
                nhs_number="9434765919",
                council_reference="EXS-ASC-004217",
                care_coordinator="Priya Example, Exampleshire Community Mental Health Team",
                peer_support_planner=f"{PLANNER}, Exampleshire Peer Support",
                next_review_date=dt.date(period_start.year + 1, 2, 16),
            ),
        )
        areas = {area.name: area.id for area in outcomes.life_areas(session)}
        outcome_ids = {
            key: outcomes.add_outcome(session, outcomes.OutcomeDetails(what, how, areas.get(area)), start).id
            for key, (what, how, area) in OUTCOMES.items()
        }
        years = [
            _year(session, dt.date(period_start.year - 1, 4, 1), outcome_ids, current=False),
            _year(session, period_start, outcome_ids, current=True),
        ]
        categories = {category.name: category.id for category in plan.categories(session)}
        payments = _payments(rng, start, today, period_start)
        duplicate_of = len(payments) // 2
        for index, payment in enumerate(payments):
            year = years[1] if payment.day >= period_start else years[0]
            draft = ledger.TransactionDraft(
                txn_date=payment.day,
                direction=payment.direction,
                amount_pence=payment.pence,
                payee=payment.payee,
                description=payment.description,
                payment_method=payment.method,
                category_id=categories[payment.category] if payment.category else None,
                plan_line_id=year.lines[payment.line] if payment.line else None,
                stream_id=year.streams[payment.stream] if payment.stream else None,
                allocations=tuple(
                    ledger.AllocationDraft(pence, plan_line_id=year.lines[key]) for pence, key in payment.splits
                )
                + tuple(
                    ledger.AllocationDraft(
                        pence,
                        category_id=categories[payment.category] if payment.category else None,
                        stream_id=year.streams[key],
                    )
                    for pence, key in payment.stream_splits
                ),
                reconciled=payment.day <= today - dt.timedelta(days=21),
            )
            txn = ledger.add_transaction(session, draft)
            txn.created_at = dt.datetime.combine(payment.day, dt.time(9))  # recorded on the day, as a person would
            counts["transactions"] += 1
            if payment.receipt:
                name, content = _receipt(rng, payment.receipt, payment)
                ledger.attach_receipt(session, txn.id, name, content)
                counts["receipts"] += 1
            if index == duplicate_of:  # typed in twice by mistake, then deleted
                ledger.delete_transaction(session, ledger.add_transaction(session, draft).id)
        used_notes: dict[tuple[str, str], int] = {}
        for key, outcome_id in outcome_ids.items():
            scores = SCORES[key]
            days = _monthly(15, start, today)[-len(scores) :]
            for i, day in enumerate(days):
                details = outcomes.RatingDetails(day, scores[i], note=_rating_note(used_notes, key, scores, i))
                if i % 3 == 2:  # every third month the rating is done with the peer support planner
                    planner_ratings.append((outcome_id, details))
                else:
                    outcomes.add_rating(session, outcome_id, details)
                counts["ratings"] += 1
        plan_lines = sum(len(year.lines) for year in years)
    actor, store.actor = store.actor, f"planner:{PLANNER}"
    try:
        with store.transaction() as session:
            for outcome_id, details in planner_ratings:
                outcomes.add_rating(session, outcome_id, details)
    finally:
        store.actor = actor
    counts["transactions"] += add_demo_employment(store, today)
    return DemoCounts(counts["transactions"], counts["ratings"], plan_lines, counts["receipts"])
