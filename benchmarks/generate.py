"""Make a deterministic, realistic budget store for the benchmarks: one invented person over ten budget years.

    .venv/bin/python benchmarks/generate.py --transactions 50000 --out benchmarks/out/store-50000

writes into DIR:
    bench.ipb        the encrypted store (passphrase: BENCH_PASSPHRASE below)
    same.journal     the same live transactions as an hledger journal (`hledger -f same.journal balance`)
    plain.sqlite     an UNENCRYPTED copy with the same schema and data, for the encryption-overhead ratio.
                     Invented data only, and only ever under benchmarks/out/ (git-ignored); run.py deletes it
                     after measuring. Skipped with --no-plain or when DIR is elsewhere.
    meta.json        what was generated (counts, seed, the benchmark's "today")

The budget structure (holder, ten budget periods with three funding streams each, 30 outcomes, 40 plan lines)
goes through the services, so it obeys their rules. The volume (transactions, their allocations, audit
entries, ratings, receipts) is bulk-inserted with SQLAlchemy Core, built to the same rules: every
transaction's allocations add up to its amount, every id exists, scores are in range, the audit log has an entry
per change. The same seed always gives the same records.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import math
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ipb_desktop import budget, holder, ledger, outcomes, plan  # noqa: E402
from ipb_desktop import seed as seed_store  # noqa: E402
from ipb_desktop.models.schema import (  # noqa: E402
    Allocation,
    AuditEntry,
    Category,
    FundingStream,
    ImportBatch,
    PlanLine,
    Rating,
    Receipt,
    Transaction,
)
from ipb_desktop.models.store import Store  # noqa: E402

BENCH_PASSPHRASE = "benchmark otter umbrella lantern"
# The benchmark's "today": inside the last budget period, fixed so every run sees the same figures.
BENCH_TODAY = dt.date(2026, 11, 20)
FIRST_YEAR = 2017
YEARS = 10
OUT_ROOT = ROOT / "benchmarks" / "out"
STORE_NAME = "bench.ipb"
JOURNAL_NAME = "same.journal"
PLAIN_NAME = "plain.sqlite"
BANK_ACCOUNT = "assets:direct payment account"
_CHUNK = 5000

# (funder kind, funder name, schedule, share of the year's spending it pays for)
STREAMS = [
    ("council_social_care", "Exampleshire Council", "four_weekly", 0.55),
    ("nhs_phb", "Exampleshire ICB", "monthly", 0.35),
    ("personal_contribution", "My own contribution", "monthly", 0.10),
]


@dataclasses.dataclass(frozen=True)
class Kind:
    """A kind of spending: its plan line (None = not in the plan), category, stream, payees, words and amounts."""

    line: str | None
    category: str
    stream: int
    payees: tuple[str, ...]
    words: tuple[str, ...]
    low: int  # pence
    high: int
    weight: int
    methods: tuple[str, ...] = ("bank_transfer",)


KINDS = [
    Kind(
        "Personal assistant 6 hours a week",
        "Personal assistant wages",
        0,
        ("Jo Example", "Sam Sample", "Ceri Placeholder"),
        ("PA wages week", "PA hours", "Support hours", "Extra PA hours, review week"),
        6_000,
        26_000,
        30,
        ("bank_transfer", "standing_order"),
    ),
    Kind(
        "Swimming and gym",
        "Gym and exercise",
        1,
        ("Exampleton Leisure Centre", "Fitfield Gym", "Riverside Pool"),
        ("Swim session", "Gym pass", "Aqua fit class", "Monthly membership"),
        350,
        4_500,
        22,
        ("card", "direct_debit"),
    ),
    Kind(
        "Travel to groups and appointments",
        "Travel",
        1,
        ("Exampleshire Buses", "Town Taxis", "Example Rail", "Northgate Car Park"),
        ("Bus fare", "Taxi to group", "Train to college", "Parking at clinic"),
        150,
        3_200,
        25,
        ("card", "cash"),
    ),
    Kind(
        "Pottery and art classes",
        "Activities and classes",
        2,
        ("Riverside Pottery Studio", "Exampleton Arts Centre", "Maple Craft Shop"),
        ("Pottery class", "Art materials", "Drawing workshop", "Kiln firing"),
        500,
        6_000,
        10,
        ("card",),
    ),
    Kind(
        None,
        "Therapies",
        1,
        ("Calm Minds Counselling", "Exampleshire College", "Open Door Peer Group"),
        ("Counselling session", "Course fee", "Peer group subs", "Mindfulness course"),
        2_000,
        8_000,
        6,
    ),
    Kind(
        None,
        "Employer costs (tax, NI, pension)",
        0,
        ("HM Revenue and Customs", "Example Pensions Ltd"),
        ("Employer NI", "PAYE quarter", "Pension contribution"),
        1_000,
        9_000,
        3,
    ),
    Kind(
        None,
        "Payroll and insurance",
        0,
        ("Payroll Helpers CIC", "Safe Hands Insurance"),
        ("Payroll service", "Employer liability insurance"),
        1_500,
        4_000,
        2,
        ("direct_debit",),
    ),
    Kind(None, "Bank charges", 0, ("Example Bank",), ("Account fee", "Card fee"), 100, 800, 1, ("direct_debit",)),
    Kind(
        None,
        "Equipment and technology",
        2,
        ("Gadget Example Store", "Book Nook"),
        ("Headphones", "Tablet case", "Books for course"),
        800,
        15_000,
        1,
        ("card",),
    ),
]
PLAN_KINDS = [k for k in KINDS if k.line is not None]

OUTCOME_WORDS = [
    ("Regain confidence to go out on my own", "I go to the market on my own each week"),
    ("Get back into work", "I have a volunteering role two days a week"),
    ("Sleep better", "I sleep six hours most nights"),
    ("See my friends more", "I meet a friend at least once a week"),
    ("Feel calmer day to day", "I use my breathing exercises when I feel panic coming"),
    ("Keep fit", "I swim twice a week"),
    ("Learn something new", "I finish the pottery course"),
    ("Manage my money", "I check my account every week"),
    ("Cook for myself", "I cook three meals a week"),
    ("Travel by bus again", "I take the bus to town without a taxi"),
]

RATING_NOTES = [None, None, None, "A good week", "Hard week, slept badly", "Went to the group on my own", None]


@dataclasses.dataclass
class Setup:
    """Ids the services gave the budget structure."""

    period_ids: list[int]
    stream_ids: list[list[int]]  # [period][stream]
    line_ids: list[list[int]]  # [period][plan kind]
    line_outcome: dict[int, int | None]  # plan line id -> its single outcome id
    category_ids: dict[str, int]
    outcome_ids: list[int]


@dataclasses.dataclass
class Draft:
    """One generated transaction before it gets an id: parts are (amount, kind index or None for income, stream)."""

    day: dt.date
    direction: str
    payee: str
    description: str
    method: str
    parts: list[tuple[int, int | None, int]]
    category: str | None = None  # for money in

    @property
    def amount(self) -> int:
        return sum(p[0] for p in self.parts)


def period_bounds(index: int) -> tuple[dt.date, dt.date]:
    return dt.date(FIRST_YEAR + index, 4, 1), dt.date(FIRST_YEAR + index + 1, 3, 31)


def period_of(day: dt.date) -> int:
    return (day.year - FIRST_YEAR) - (1 if day.month < 4 else 0)


def _payment_days(start: dt.date, end: dt.date, schedule: str, offset: int) -> list[dt.date]:
    days: list[dt.date] = []
    if schedule == "four_weekly":
        day = start + dt.timedelta(days=offset)
        while day <= end:
            days.append(day)
            day += dt.timedelta(days=28)
        return days
    step = {"monthly": 1, "quarterly": 3, "yearly": 12}[schedule]
    month = 0
    while True:
        year, m = divmod(start.month - 1 + month, 12)
        day = dt.date(start.year + year, m + 1, min(28, 1 + offset))
        if day > end:
            return days
        days.append(day)
        month += step


def income_schedule(total: int) -> str | None:
    """Small stores get fewer, larger payments in, so most of their transactions are still spending."""
    scheduled = YEARS * (13 + 12 + 12)
    if scheduled <= total // 10:
        return None  # each stream's own schedule
    if total // 5 >= YEARS * 3 * 4:
        return "quarterly"
    return "yearly"


def income_days(total: int) -> list[tuple[int, int, dt.date]]:
    """(period, stream, day) of every budget payment in, up to the benchmark's today."""
    forced = income_schedule(total)
    found = []
    for p in range(YEARS):
        start, end = period_bounds(p)
        for st, (_kind, _name, schedule, _share) in enumerate(STREAMS):
            for day in _payment_days(start, min(end, BENCH_TODAY), forced or schedule, offset=st * 9):
                found.append((p, st, day))
    return found


def draft_spending(rng: random.Random, count: int) -> list[Draft]:
    """`count` payments out spread over the ten years, a few split across two plan lines, a few refunds in."""
    first, _ = period_bounds(0)
    span = (BENCH_TODAY - first).days
    weights = [k.weight for k in KINDS]
    drafts = []
    for _i in range(count):
        day = first + dt.timedelta(days=rng.randrange(span + 1))
        k = rng.choices(range(len(KINDS)), weights)[0]
        kind = KINDS[k]
        amount = rng.randint(kind.low, kind.high)
        payee = rng.choice(kind.payees)
        words = rng.choice(kind.words)
        description = f"{words} {day:%d %b}"
        method = rng.choice(kind.methods)
        roll = rng.random()
        if roll < 0.04 and kind.line is not None and amount >= 200:
            other = rng.choice([i for i, x in enumerate(KINDS) if x.line is not None and i != k])
            first_part = rng.randint(1, amount - 1)
            parts = [(first_part, k, kind.stream), (amount - first_part, other, KINDS[other].stream)]
            description = f"{words} and {KINDS[other].words[0].lower()} {day:%d %b}"
            drafts.append(Draft(day, "out", payee, description, method, parts))
        elif roll < 0.045 and kind.line is not None:
            refund = max(100, amount // 3)
            drafts.append(
                Draft(day, "in", payee, f"Refund: {words.lower()}", "bank_transfer", [(refund, k, kind.stream)])
            )
        else:
            drafts.append(Draft(day, "out", payee, description, method, [(amount, k, kind.stream)]))
    return drafts


def draft_income(spending: list[Draft], total: int) -> tuple[list[Draft], list[list[int]]]:
    """Budget payments in from each stream, sized to cover what that stream paid for in each period (plus 3%).

    Returns the payments and each [period][stream] payment amount (what the stream's record says it pays)."""
    need = [[0] * len(STREAMS) for _ in range(YEARS)]
    for d in spending:
        sign = 1 if d.direction == "out" else -1
        for amount, _kind, stream in d.parts:
            need[period_of(d.day)][stream] += sign * amount
    days_of: dict[tuple[int, int], list[dt.date]] = {}
    for p, st, day in income_days(total):
        days_of.setdefault((p, st), []).append(day)
    payments: list[Draft] = []
    amounts = [[0] * len(STREAMS) for _ in range(YEARS)]
    for (p, st), days in sorted(days_of.items()):
        name = STREAMS[st][1]
        each = max(1, math.ceil(max(0, need[p][st]) * 1.03 / len(days)))
        amounts[p][st] = each
        label = "Budget payment in" if st < 2 else "My own contribution"
        for day in days:
            payments.append(Draft(day, "in", name, f"{label} {day:%b %Y}", "bank_transfer", [(each, None, st)], label))
    return payments, amounts


def build_structure(
    store: Store, rng: random.Random, amounts: list[list[int]], spending: list[Draft], total: int
) -> Setup:
    """Holder, periods, streams, outcomes and plan lines, through the services (so their rules hold)."""
    forced = income_schedule(total)
    planned = [[0] * len(PLAN_KINDS) for _ in range(YEARS)]
    for d in spending:
        if d.direction == "out":
            for amount, k, _stream in d.parts:
                if k is not None and KINDS[k].line is not None:
                    planned[period_of(d.day)][PLAN_KINDS.index(KINDS[k])] += amount
    with store.transaction() as s:
        holder.save_holder(
            s,
            holder.HolderDetails(
                name="Alys Testwood",
                preferred_name="Alys",
                nhs_number="9434765919",
                council_reference="EXS-000123",
                care_coordinator="Morgan Example",
                peer_support_planner="Sam Example",
                next_review_date=dt.date(2027, 3, 1),
            ),
        )
        category_ids = {c.name: c.id for c in plan.categories(s)}
        outcome_ids = []
        for i in range(30):
            what, how = OUTCOME_WORDS[i % len(OUTCOME_WORDS)]
            suffix = "" if i < len(OUTCOME_WORDS) else f" (plan {i // len(OUTCOME_WORDS) + 1})"
            made = dt.date(FIRST_YEAR + i // 3, 4, 1 + i % 3)
            outcome = outcomes.add_outcome(s, outcomes.OutcomeDetails(what + suffix, how), today=made)
            outcome_ids.append(outcome.id)
            if i < 20 and i % 3 == 0:
                outcomes.set_status(s, outcome.id, "achieved", on=made + dt.timedelta(days=500))
        setup = Setup([], [], [], {}, category_ids, outcome_ids)
        for p in range(YEARS):
            start, end = period_bounds(p)
            period = budget.add_period(s, f"{start.year} to {end.year}", start, end)
            setup.period_ids.append(period.id)
            streams = []
            for st, (kind, name, schedule, _share) in enumerate(STREAMS):
                details = budget.StreamDetails(kind, name, amounts[p][st], forced or schedule)
                streams.append(budget.add_stream(s, period.id, details).id)
            setup.stream_ids.append(streams)
            lines = []
            for k, kind in enumerate(PLAN_KINDS):
                # Each year's plan links each line to one outcome set in the last three years (a few to two).
                first_outcome = min(29, 3 * p + k % 3)
                linked = (outcome_ids[first_outcome],)
                if k == 0 and p % 2 == 0:
                    linked = (*linked, outcome_ids[first_outcome + 1])
                amount = round(planned[p][k] * rng.uniform(0.92, 1.08), -2)
                if p == YEARS - 1:  # the current year is part-way through: plan for the whole year
                    done = (BENCH_TODAY - start).days + 1
                    amount = round(amount * budget.period_days(period) / done, -2)
                details = plan.PlanLineDetails(
                    kind.line or "",
                    int(amount),
                    category_ids[kind.category],
                    streams[kind.stream],
                    linked,
                )
                line = plan.add_plan_line(s, period.id, details)
                lines.append(line.id)
                setup.line_outcome[line.id] = linked[0] if len(linked) == 1 else None
            setup.line_ids.append(lines)
        # A few payments through the service itself (one split), as a person would enter them.
        p = period_of(BENCH_TODAY)
        ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                txn_date=BENCH_TODAY,
                direction="out",
                amount_pence=3_150,
                payee="Exampleton Leisure Centre",
                description="Swim and bus pass",
                payment_method="card",
                allocations=(
                    ledger.AllocationDraft(1_650, plan_line_id=setup.line_ids[p][1]),
                    ledger.AllocationDraft(1_500, plan_line_id=setup.line_ids[p][2]),
                ),
            ),
        )
        ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                txn_date=BENCH_TODAY,
                direction="out",
                amount_pence=2_400,
                payee="Riverside Pottery Studio",
                description="Pottery class 20 Nov",
                payment_method="card",
                plan_line_id=setup.line_ids[p][3],
            ),
        )
    return setup


def _chunks(rows: list[dict[str, object]]) -> Iterator[list[dict[str, object]]]:
    for start in range(0, len(rows), _CHUNK):
        yield rows[start : start + _CHUNK]


def needs_receipt(d: Draft) -> bool:
    """Card and cash payments of 10.00 or more need a receipt; wages, transfers and direct debits do not (the
    payslip or the bank statement is the record)."""
    return d.method in ("card", "cash") and d.amount >= 1_000


def bulk_transactions(store: Store, rng: random.Random, drafts: list[Draft], setup: Setup) -> list[int]:
    """Insert the drafts (in date order) with their allocations and audit entries; returns the ids of live
    payments out that need a receipt."""
    drafts.sort(key=lambda d: (d.day, d.direction, d.payee, d.amount))
    with store.transaction() as s:
        next_id = (s.scalar(select(func.max(Transaction.id))) or 0) + 1
        next_alloc = (s.scalar(select(func.max(Allocation.id))) or 0) + 1
        # One CSV import per month for the older years; the last months were typed in by hand.
        batches: dict[tuple[int, int], int] = {}
        txns: list[dict[str, object]] = []
        allocs: list[dict[str, object]] = []
        audits: list[dict[str, object]] = []
        spending_ids: list[int] = []
        imported_until = BENCH_TODAY - dt.timedelta(days=90)
        for n, d in enumerate(drafts):
            tid = next_id + n
            p = period_of(d.day)
            created = dt.datetime.combine(d.day + dt.timedelta(days=rng.randrange(4)), dt.time(10, rng.randrange(60)))
            deleted = created + dt.timedelta(hours=2) if rng.random() < 0.003 else None
            batch_id = None
            bank_id = None
            if d.day <= imported_until and rng.random() < 0.7:
                key = (d.day.year, d.day.month)
                if key not in batches:
                    batch = ImportBatch(
                        imported_at=dt.datetime(d.day.year, d.day.month, 28, 9),
                        source_name=f"statement-{d.day:%Y-%m}.csv",
                        file_format="csv",
                        recorded_by="holder",
                    )
                    s.add(batch)
                    s.flush()
                    batches[key] = batch.id
                batch_id = batches[key]
                bank_id = f"csv:bench-{tid:08d}"
            recorder = "holder" if rng.random() < 0.9 else "planner:Sam Example"
            txns.append(
                {
                    "id": tid,
                    "txn_date": d.day,
                    "direction": d.direction,
                    "amount_pence": d.amount,
                    "payee": d.payee,
                    "description": d.description,
                    "payment_method": d.method,
                    "reconciled": d.day < BENCH_TODAY - dt.timedelta(days=45),
                    "recorded_by": recorder,
                    "created_at": created,
                    "deleted_at": deleted,
                    "bank_id": bank_id,
                    "import_batch_id": batch_id,
                    "receipt_not_needed": d.direction == "out" and not needs_receipt(d),
                }
            )
            for amount, k, stream in d.parts:
                row: dict[str, object] = {
                    "id": next_alloc,
                    "transaction_id": tid,
                    "amount_pence": amount,
                    "stream_id": setup.stream_ids[p][stream],
                    "category_id": None,
                    "plan_line_id": None,
                    "outcome_id": None,
                    "note": None,
                }
                next_alloc += 1
                if k is None:
                    row["category_id"] = setup.category_ids[d.category or "Budget payment in"]
                else:
                    kind = KINDS[k]
                    row["category_id"] = setup.category_ids[kind.category]
                    if kind.line is not None:
                        line_id = setup.line_ids[p][PLAN_KINDS.index(kind)]
                        row["plan_line_id"] = line_id
                        row["outcome_id"] = setup.line_outcome[line_id]
                allocs.append(row)
            detail = json.dumps({"amount": d.amount, "direction": d.direction}, sort_keys=True)
            audits.append(
                {
                    "at": created,
                    "actor": recorder,
                    "action": "create",
                    "entity": "transaction",
                    "entity_id": tid,
                    "detail": detail,
                }
            )
            if deleted is not None:
                detail = json.dumps({"amount": d.amount, "date": d.day.isoformat()}, sort_keys=True)
                audits.append(
                    {
                        "at": deleted,
                        "actor": recorder,
                        "action": "delete",
                        "entity": "transaction",
                        "entity_id": tid,
                        "detail": detail,
                    }
                )
            elif d.direction == "out" and needs_receipt(d):
                spending_ids.append(tid)
        for table, rows in ((Transaction, txns), (Allocation, allocs), (AuditEntry, audits)):
            for chunk in _chunks(rows):
                s.execute(insert(table), chunk)
        added = {key: 0 for key in batches}
        for t in txns:
            if t["import_batch_id"] is not None:
                day = t["txn_date"]
                assert isinstance(day, dt.date)
                added[(day.year, day.month)] += 1
        for key, batch_id in batches.items():
            found = s.get(ImportBatch, batch_id)
            assert found is not None
            found.lines_added = added[key]
    return spending_ids


def bulk_ratings(store: Store, rng: random.Random, setup: Setup, count: int) -> None:
    """`count` ratings over the outcomes' lives: mostly 0-10 in the person's own words, some goal attainment,
    some WEMWBS questionnaire scores."""
    with store.transaction() as s:
        # One through the service, so the bulk rows below copy a real one.
        outcomes.add_rating(s, setup.outcome_ids[-1], outcomes.RatingDetails(BENCH_TODAY, 6, note="Better month"))
        rows: list[dict[str, object]] = []
        audits: list[dict[str, object]] = []
        next_id = (s.scalar(select(func.max(Rating.id))) or 0) + 1
        for n in range(count - 1):
            i = n % len(setup.outcome_ids)
            made = dt.date(FIRST_YEAR + i // 3, 4, 1 + i % 3)
            day = made + dt.timedelta(days=rng.randrange(max(1, (BENCH_TODAY - made).days)))
            roll = rng.random()
            if roll < 0.8:
                scale, score, instrument = (
                    "own_words",
                    min(10, max(0, 3 + (day - made).days // 200 + rng.randint(-2, 2))),
                    None,
                )
            elif roll < 0.95:
                scale, score, instrument = "goal_attainment", rng.randint(-2, 2), None
            else:
                scale, score, instrument = "external", rng.randint(14, 70), "WEMWBS"
            actor = "holder" if rng.random() < 0.7 else "planner:Sam Example"
            rows.append(
                {
                    "id": next_id + n,
                    "outcome_id": setup.outcome_ids[i],
                    "rated_on": day,
                    "scale": scale,
                    "score": score,
                    "instrument": instrument,
                    "note": rng.choice(RATING_NOTES),
                    "recorded_by": actor,
                }
            )
            audits.append(
                {
                    "at": dt.datetime.combine(day, dt.time(18)),
                    "actor": actor,
                    "action": "create",
                    "entity": "rating",
                    "entity_id": next_id + n,
                    "detail": json.dumps({"outcome": setup.outcome_ids[i], "score": score}, sort_keys=True),
                }
            )
        for table, batch in ((Rating, rows), (AuditEntry, audits)):
            for chunk in _chunks(batch):
                s.execute(insert(table), chunk)


def bulk_receipts(store: Store, rng: random.Random, spending_ids: list[int], count: int, size_kb: int) -> None:
    """`count` receipts of about `size_kb` KB (JPEG-signed random bytes, so nothing compresses them away),
    attached to payments out, the newer ones more often; the first through the service."""
    if count <= 0 or not spending_ids:
        return
    newest = spending_ids[-max(count * 4, 1) :]
    chosen = sorted(rng.sample(newest, min(count, len(newest))))

    def content() -> bytes:
        size = max(64, int(size_kb * 1024 * rng.uniform(0.75, 1.25)))
        return b"\xff\xd8\xff\xe0" + rng.randbytes(size - 4)

    with store.transaction() as s:
        ledger.attach_receipt(s, chosen[0], "receipt-0001.jpg", content())
    rest = chosen[1:]
    for start in range(0, len(rest), 25):
        with store.transaction() as s:
            rows = []
            audits = []
            for n, tid in enumerate(rest[start : start + 25], start=start + 2):
                blob = content()
                at = dt.datetime(2026, 1, 1, 12)
                rows.append(
                    {
                        "transaction_id": tid,
                        "filename": f"receipt-{n:04d}.jpg",
                        "media_type": "image/jpeg",
                        "size_bytes": len(blob),
                        "content": blob,
                        "added_at": at,
                        "deleted_at": None,
                    }
                )
                audits.append(
                    {
                        "at": at,
                        "actor": "holder",
                        "action": "create",
                        "entity": "receipt",
                        "entity_id": None,
                        "detail": json.dumps({"size": len(blob), "transaction": tid}, sort_keys=True),
                    }
                )
            s.execute(insert(Receipt), rows)
            s.execute(insert(AuditEntry), audits)


# -- the same data for hledger ----------------------------------------------------------------------------------


def _account_part(name: str) -> str:
    """An hledger account name segment: no colons, brackets, semicolons or double spaces."""
    for bad in ":;()[]|":
        name = name.replace(bad, " ")
    return " ".join(name.split())


def _pounds(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    return f"{sign}£{abs(pence) // 100}.{abs(pence) % 100:02d}"


def write_journal(session: Session, target: Path) -> int:
    """Every live transaction, read back from the store, as an hledger journal; returns how many."""
    rows = session.execute(
        select(
            Transaction.id,
            Transaction.txn_date,
            Transaction.direction,
            Transaction.payee,
            Transaction.description,
            Allocation.amount_pence,
            Category.name,
            Category.is_income,
            PlanLine.description,
            FundingStream.funder_name,
        )
        .join(Allocation, Allocation.transaction_id == Transaction.id)
        .outerjoin(Category, Category.id == Allocation.category_id)
        .outerjoin(PlanLine, PlanLine.id == Allocation.plan_line_id)
        .outerjoin(FundingStream, FundingStream.id == Allocation.stream_id)
        .where(Transaction.deleted_at.is_(None))
        .order_by(Transaction.txn_date, Transaction.id, Allocation.id)
    )
    count = 0
    last_id = None
    with open(target, "w", encoding="utf-8") as out:
        out.write("; The benchmark store's live transactions, written by benchmarks/generate.py\n")
        out.write("commodity £1,000.00\n\n")
        for tid, day, direction, payee, description, amount, category, is_income, line, stream in rows:
            if tid != last_id:
                if last_id is not None:
                    out.write(f"    {BANK_ACCOUNT}\n\n")
                payee_text = " ".join(payee.replace("|", "/").replace(";", ",").split())
                note = " ".join(description.replace("|", "/").replace(";", ",").split())
                out.write(f"{day.isoformat()} {payee_text} | {note}\n")
                last_id = tid
                count += 1
            if direction == "out" or (category is not None and not is_income):
                # Spending, and refunds of spending (money in on a spending category, booked back against it).
                account = "expenses:" + _account_part(category or "Not linked")
                if line:
                    account += ":" + _account_part(line)
                out.write(f"    {account}  {_pounds(amount if direction == 'out' else -amount)}\n")
            else:
                top = "income:" + _account_part(stream or "Not linked") + ":" + _account_part(category or "Other")
                out.write(f"    {top}  {_pounds(-amount)}\n")
        if last_id is not None:
            out.write(f"    {BANK_ACCOUNT}\n")
    return count


# -- the unencrypted copy -----------------------------------------------------------------------------------------


def inside_out_root(path: Path) -> bool:
    try:
        path.resolve().relative_to(OUT_ROOT.resolve())
    except ValueError:
        return False
    return True


def write_plain_copy(store_path: Path, passphrase: str, target: Path) -> Path:
    """An unencrypted SQLite file with the store's schema and data (benchmarks only, under benchmarks/out/)."""
    if not inside_out_root(target):
        raise SystemExit(f"refusing to write an unencrypted copy outside {OUT_ROOT}: {target}")
    import sqlcipher3

    target.unlink(missing_ok=True)
    conn = sqlcipher3.connect(str(store_path))
    try:
        conn.execute("PRAGMA key = " + _quote(passphrase))
        conn.execute("ATTACH DATABASE ? AS plaintext KEY ''", (str(target),))
        conn.execute("SELECT sqlcipher_export('plaintext')")
        conn.execute("DETACH DATABASE plaintext")
    finally:
        conn.close()
    target.chmod(0o600)
    return target


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# -- putting it together ----------------------------------------------------------------------------------------


def generate(
    out: Path,
    transactions: int = 50_000,
    receipts: int = 500,
    receipt_kb: int = 200,
    ratings: int = 2_000,
    seed: int = 7,
    plain: bool = True,
    quiet: bool = False,
) -> dict[str, object]:
    """Write the store, journal, (plain copy) and meta.json into `out`; returns the meta."""
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    store_path = out / STORE_NAME
    for old in (store_path, out / JOURNAL_NAME, out / PLAIN_NAME, out / "meta.json"):
        old.unlink(missing_ok=True)
    for side in ("-wal", "-shm", "-journal", ".lock"):
        store_path.with_name(store_path.name + side).unlink(missing_ok=True)
    rng = random.Random(seed)
    income_count = len(income_days(transactions))
    service_made = 2
    spending = draft_spending(rng, max(1, transactions - income_count - service_made))
    income, amounts = draft_income(spending, transactions)
    store = seed_store.create_store(store_path, BENCH_PASSPHRASE)
    try:
        setup = build_structure(store, rng, amounts, spending, transactions)
        spending_ids = bulk_transactions(store, rng, spending + income, setup)
        bulk_ratings(store, rng, setup, ratings)
        bulk_receipts(store, rng, spending_ids, receipts, receipt_kb)
        revision = store.schema_revision()
        with store.reading() as s:
            journal_count = write_journal(s, out / JOURNAL_NAME)
            counts = {
                "transactions": s.scalar(select(func.count()).select_from(Transaction)),
                "live_transactions": s.scalar(
                    select(func.count()).select_from(Transaction).where(Transaction.deleted_at.is_(None))
                ),
                "allocations": s.scalar(select(func.count()).select_from(Allocation)),
                "ratings": s.scalar(select(func.count()).select_from(Rating)),
                "receipts": s.scalar(select(func.count()).select_from(Receipt)),
                "plan_lines": s.scalar(select(func.count()).select_from(PlanLine)),
                "streams": s.scalar(select(func.count()).select_from(FundingStream)),
                "audit_entries": s.scalar(select(func.count()).select_from(AuditEntry)),
            }
    finally:
        store.close()
    store_path.with_name(store_path.name + ".lock").unlink(missing_ok=True)
    plain_written = False
    if plain and inside_out_root(out):
        write_plain_copy(store_path, BENCH_PASSPHRASE, out / PLAIN_NAME)
        plain_written = True
    meta: dict[str, object] = {
        "seed": seed,
        "schema_revision": revision,
        "today": BENCH_TODAY.isoformat(),
        "requested_transactions": transactions,
        "journal_transactions": journal_count,
        "store_bytes": store_path.stat().st_size,
        "plain_copy": plain_written,
        "seconds": round(time.perf_counter() - started, 2),
        **counts,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if not quiet:
        print(json.dumps(meta, indent=2))
    return meta


def head_revision() -> str | None:
    """The schema revision a new store gets (a benchmark store made before a migration is made again)."""
    from alembic.script import ScriptDirectory

    from ipb_desktop.models.store import alembic_config

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def default_out(transactions: int) -> Path:
    return OUT_ROOT / f"store-{transactions}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--transactions", type=int, default=50_000, help="how many transactions (default 50,000)")
    parser.add_argument("--out", type=Path, help="folder to write into (default benchmarks/out/store-N)")
    parser.add_argument("--receipts", type=int, default=500, help="how many receipts (default 500)")
    parser.add_argument("--receipt-kb", type=int, default=200, help="about how big each receipt is (default 200)")
    parser.add_argument("--ratings", type=int, default=2_000, help="how many outcome ratings (default 2,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-plain", action="store_true", help="do not write the unencrypted copy")
    args = parser.parse_args(argv)
    if args.transactions < 50:
        parser.error("--transactions must be at least 50")
    generate(
        args.out or default_out(args.transactions),
        transactions=args.transactions,
        receipts=args.receipts,
        receipt_kb=args.receipt_kb,
        ratings=args.ratings,
        seed=args.seed,
        plain=not args.no_plain,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
