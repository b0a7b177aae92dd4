"""Time what a person waits for, on ten years of records, against the targets of issue 7.

    .venv/bin/python benchmarks/run.py                                   # 50,000 transactions, 5 runs each
    .venv/bin/python benchmarks/run.py --sizes 5000,50000,200000 --json benchmarks/out/results.json

Stores come from benchmarks/generate.py (made here when missing, under benchmarks/out/). At the main size
(50,000 when it is in --sizes, else the first) everything is measured; at the other sizes the growth set
(1 cold start, 3 Home, 4 Spending table, 5 statement). Each measurement runs in its own child process (so its
peak memory is its own); in-process timings are repeated --runs times after the store is opened, cold
processes are started --runs times after one unmeasured warm-up (which writes the bytecode an installed app
has: child processes get PYTHONPYCACHEPREFIX=benchmarks/out/pycache).

Prints a table (median, min, max; CPU seconds where a whole process is timed) with PASS/MISS against each
target, the growth between sizes, and writes everything as JSON with --json. Timings never run in the tests.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(ROOT), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

import floors  # noqa: E402
import generate  # noqa: E402
import peers  # noqa: E402

PY = sys.executable
PYCACHE = generate.OUT_ROOT / "pycache"
MAIN_SIZE = 50_000
GROWTH = ("cold_start", "home", "spending", "spending_page", "statement", "import", "summary")

# metric -> (limit, unit, what the target says). "ratio" limits compare two medians. Issue 15 tightened issue 7's:
# statement and review pack 1 s, encrypted/plain 1.2x, peak memory 200 MB (its "at 1M" is read from the growth table).
TARGETS: dict[str, tuple[float, str, str]] = {
    "cold_start": (1.5, "s", "cold start to Home painted"),
    "open_unlock": (0.5, "s", "open and unlock (key derivation, schema check)"),
    "home_first": (0.100, "s", "Home figures, first read after unlocking"),
    "home_warm": (0.100, "s", "Home figures, again"),
    "spending_first_screen": (0.050, "s", "Spending: first screen, first time after unlocking"),
    "spending_first_screen_again": (0.050, "s", "Spending: first screen, coming back to it"),
    "spending_filter": (0.150, "s", "Spending: free-text filter over all rows"),
    "spending_sort_amount": (0.150, "s", "Spending: sort by amount"),
    "statement_pdf": (1.0, "s", "a year's statement PDF (issue 15; issue 7 said 2 s)"),
    "review_pack_pdf": (1.0, "s", "a review pack PDF (issue 15; issue 7 said 2 s)"),
    "import_total": (2.0, "s", "preview and import a 10,000-line CSV"),
    "ratio_enc_plain_first": (1.2, "x", "Home first read, encrypted / plain"),
    "ratio_enc_plain_warm": (1.2, "x", "Home again, encrypted / plain"),
    "ratio_summary_ledger": (1.0, "x", "`ipb-desktop summary --json` / `ledger balance`"),
    "ratio_summary_hledger": (1.0, "x", "`ipb-desktop summary --json` / `hledger balance`"),
    "ratio_cold_start_homebank": (1.5, "x", "cold start to Home / HomeBank opening the same payments"),
    "peak_cold_start": (200.0, "MB", "peak memory, cold start"),
    "peak_spending": (200.0, "MB", "peak memory, Spending table"),
    "peak_statement": (200.0, "MB", "peak memory, statement and review pack"),
}


# -- small helpers ----------------------------------------------------------------------------------------------


def summary(values: list[float]) -> dict[str, Any]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["IPB_HOME"] = str(generate.OUT_ROOT / "home")
    env["IPB_PASSPHRASE"] = generate.BENCH_PASSPHRASE
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def timed_process(argv: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, float, int, bytes]:
    """Run a process to its end: (wall seconds, CPU seconds, peak RSS in KB, stdout)."""
    began = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[:3]} ended with {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, out


def worker(name: str, store_dir: Path, runs: int) -> dict[str, Any]:
    """Run one in-process measurement in its own child; its JSON result includes the child's peak memory."""
    argv = [PY, str(Path(__file__).resolve()), "--worker", name, "--store-dir", str(store_dir), "--runs", str(runs)]
    wall, _cpu, peak_kb, out = timed_process(argv, child_env())
    result: dict[str, Any] = json.loads(out.decode().strip().splitlines()[-1])
    result["peak_mb"] = peak_kb / 1024
    result["process_seconds"] = wall
    return result


def machine() -> dict[str, Any]:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_kb = 0
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    hledger = shutil.which("hledger")
    hledger_version = ""
    if hledger:
        hledger_version = subprocess.run([hledger, "--version"], capture_output=True, text=True).stdout.strip()
    others = {}
    for tool in ("ledger", "homebank"):
        found = shutil.which(tool)
        if found:
            text = subprocess.run([found, "--version"], capture_output=True, text=True).stdout.strip()
            others[tool] = text.splitlines()[0] if text else ""
    import sqlalchemy
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    versions = conn.execute("select sqlite_version()").fetchone()[0]
    cipher = conn.execute("pragma cipher_version").fetchone()
    conn.close()
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(mem_kb / 1048576, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sqlalchemy": sqlalchemy.__version__,
        "sqlite": versions,
        "sqlcipher": cipher[0] if cipher else "",
        "hledger": hledger_version,
        **others,
        "load_average_at_start": os.getloadavg(),
    }


def busy_cpus() -> tuple[float, float]:
    """(busy, total) CPU jiffies of the whole machine so far, from /proc/stat."""
    with contextlib.suppress(OSError, ValueError):
        fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = fields[3] + fields[4]
        return float(sum(fields) - idle), float(sum(fields))
    return 0.0, 0.0


def ensure_store(size: int) -> Path:
    folder = generate.default_out(size)
    meta = folder / "meta.json"
    current = (
        (folder / generate.STORE_NAME).exists()
        and meta.exists()
        and json.loads(meta.read_text()).get("schema_revision") == generate.head_revision()
    )
    if not current and (folder / generate.STORE_NAME).exists() and meta.exists():
        # Made before a migration: bring it up to date the way the app does (the same records, so the
        # before/after figures compare like with like) instead of generating it again.
        from ipb_desktop.models.store import Store

        print(f"upgrading the store in {folder} to revision {generate.head_revision()} ...", flush=True)
        Store.open(folder / generate.STORE_NAME, generate.BENCH_PASSPHRASE).close()
        found = json.loads(meta.read_text())
        found["schema_revision"] = generate.head_revision()
        found["store_bytes"] = (folder / generate.STORE_NAME).stat().st_size
        meta.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
        current = True
    if not current:
        print(f"generating a store with {size:,} transactions in {folder} ...", flush=True)
        generate.generate(folder, transactions=size, quiet=True)
    return folder


# -- in-process workers (each runs in its own child process) ----------------------------------------------------


CACHE_ENV = "IPB_BENCH_CACHE_MB"


def try_page_cache(store: Any) -> Any:
    """With --cache-mb (an experiment, not the app's setting): give the store's one connection a bigger page
    cache, to measure the proposed fix before anyone changes the store's PRAGMAs."""
    megabytes = os.environ.get(CACHE_ENV)
    if megabytes:
        with store.engine.connect() as conn:
            conn.connection.driver_connection.execute(f"PRAGMA cache_size = -{int(megabytes) * 1024}")
    return store


def _open(store_dir: Path) -> Any:
    from ipb_desktop.models.store import Store

    return try_page_cache(Store.open(store_dir / generate.STORE_NAME, generate.BENCH_PASSPHRASE))


def tick(result: dict[str, Any], key: str, work: Callable[[], object]) -> None:
    """Time `work`: wall seconds into result[key], this process's CPU seconds into result[key + "_cpu"] (the CPU
    figure is what the wall figure would be on an otherwise idle machine, when `work` does not wait on disk)."""
    cpu = time.process_time()
    began = time.perf_counter()
    work()
    result.setdefault(key, []).append(time.perf_counter() - began)
    result.setdefault(key + "_cpu", []).append(time.process_time() - cpu)


def work_open(store_dir: Path, runs: int) -> dict[str, Any]:
    from ipb_desktop.models.store import Store

    result: dict[str, list[float]] = {}
    opened: list[Any] = []
    for _ in range(runs + 1):  # the first run only warms the disk cache and imports
        tick(
            result,
            "open_unlock",
            lambda: opened.append(Store.open(store_dir / generate.STORE_NAME, generate.BENCH_PASSPHRASE)),
        )
        opened.pop().close()
    return {key: values[1:] for key, values in result.items()}


def _home_times(opener: Callable[[], Any], runs: int) -> dict[str, list[float]]:
    """Home figures right after opening (nothing cached yet), then again on the same open store."""
    from ipb_desktop import figures

    result: dict[str, list[float]] = {}
    for _ in range(runs):
        store = opener()
        try:
            for key in ("home_first", "home_warm", "home_warm"):
                with store.reading() as s:
                    tick(result, key, lambda s=s: figures.home_figures(s, generate.BENCH_TODAY))
        finally:
            store.close()
    return result


def work_home(store_dir: Path, runs: int) -> dict[str, Any]:
    return _home_times(lambda: _open(store_dir), runs)


class PlainStore:
    """The unencrypted copy opened the way Store opens the real one: the same SQLite library (sqlcipher3, no
    key), one connection, the store's own PRAGMAs and transaction handling."""

    PRAGMAS = ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL", "secure_delete=ON", "temp_store=MEMORY")

    def __init__(self, path: Path) -> None:
        import sqlalchemy as sa
        import sqlcipher3
        from sqlalchemy.orm import sessionmaker
        from sqlalchemy.pool import StaticPool

        from ipb_desktop.models import store as store_module

        def connect() -> Any:
            raw = sqlcipher3.connect(str(path), check_same_thread=False)
            raw.isolation_level = None  # as Store does: BEGIN is sent by SQLAlchemy's "begin" event below
            try:
                store_module._apply_pragmas(raw)
            except Exception:
                for pragma in self.PRAGMAS:
                    raw.execute(f"PRAGMA {pragma}").fetchall()
            if os.environ.get(CACHE_ENV):
                raw.execute(f"PRAGMA cache_size = -{int(os.environ[CACHE_ENV]) * 1024}")
            return raw

        self.engine = sa.create_engine("sqlite://", creator=connect, poolclass=StaticPool)
        sa.event.listen(self.engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Any]:
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    def close(self) -> None:
        self.engine.dispose()


def work_home_plain(store_dir: Path, runs: int) -> dict[str, Any]:
    """The Home figures on the unencrypted copy and on the store, turn about in one process (so a busy moment on
    the machine falls on both alike); the ratio of their medians is the cost of encryption."""
    plain = store_dir / generate.PLAIN_NAME
    if not plain.exists():
        generate.write_plain_copy(store_dir / generate.STORE_NAME, generate.BENCH_PASSPHRASE, plain)
    result: dict[str, list[float]] = {}
    for _ in range(runs):
        for prefix, opener in (("enc_", lambda: _open(store_dir)), ("plain_", lambda: PlainStore(plain))):
            for key, values in _home_times(opener, 1).items():
                result.setdefault(prefix + key, []).extend(values)
    return result


def work_spending(store_dir: Path, runs: int) -> dict[str, Any]:
    """The Spending table's model in a table view 1000 x 600 (offscreen): the first screen right after unlocking
    (read ids, totals and the rows on screen, paint), type a word in the filter, sort by amount, and the first
    screen again on the same open store. Each step ends with the view painted."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from ipb_desktop.ledger_query import LedgerFilter, SortKey
    from ipb_desktop.ui.operations.context import AppContext
    from ipb_desktop.ui.spending import model as spending_model

    app = QApplication.instance() or QApplication([sys.argv[0]])
    result: dict[str, list[float]] = {"spending_rows_read": []}
    for _ in range(runs):
        ctx = AppContext()
        ctx.store = _open(store_dir)
        view = QTableView()
        view.resize(1000, 600)
        view.show()
        app.processEvents()
        model = spending_model.SpendingModel(ctx)
        reads: list[int] = []
        original = model.fetch_rows

        def counting(ids: Any, original: Any = original, reads: list[int] = reads) -> Any:
            reads.append(len(ids))
            return original(ids)

        model.fetch_rows = counting  # type: ignore[method-assign]

        def paint(view: QTableView = view) -> None:
            view.viewport().repaint()

        def first_screen(model: Any = model, view: QTableView = view) -> None:
            model.refresh()
            view.setModel(model)
            paint()

        tick(result, "spending_first_screen", first_screen)
        result["spending_rows_read"].append(float(sum(reads)))
        tick(result, "spending_filter", lambda model=model: (model.set_filter(LedgerFilter(text="swim")), paint()))
        model.set_filter(LedgerFilter())
        paint()
        column = spending_model.COLUMN_OF[SortKey.AMOUNT]
        tick(
            result,
            "spending_sort_amount",
            lambda model=model, column=column: (model.sort(column, Qt.SortOrder.DescendingOrder), paint()),
        )
        # The first screen again on the same open store (coming back to the page): SQL compiled, pages cached.
        again = spending_model.SpendingModel(ctx)
        tick(
            result,
            "spending_first_screen_again",
            lambda again=again, view=view: (again.refresh(), view.setModel(again), paint()),
        )
        view.setModel(None)
        view.close()
        view.deleteLater()
        app.processEvents()
        ctx.store.close()
        ctx.store = None
    return result


def work_spending_page(store_dir: Path, runs: int) -> dict[str, Any]:
    """The real Spending page inside the main window (1100 x 760, offscreen), as a person uses it: go to the page
    from Home (its lists of choices, the regular payments due and the table), type a word in Search and press
    Enter, click the Amount heading. Each step ends with the window painted."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtTest import QTest

    from ipb_desktop.ledger_query import SortKey
    from ipb_desktop.ui.app import make_app
    from ipb_desktop.ui.shell import store_health
    from ipb_desktop.ui.shell.main_window import MainWindow
    from ipb_desktop.ui.spending import model as spending_model

    # The window checks every page of the store on a worker thread a second after opening (0.5-2 s of CPU):
    # left out here, as it would fall inside some runs' steps at random and be counted in their CPU time.
    store_health.StoreHealth._start_check = lambda self, store: None  # type: ignore[method-assign]
    app = make_app([sys.argv[0]])
    result: dict[str, list[float]] = {}
    for _ in range(runs):
        window = MainWindow()
        window.ctx.today = lambda: generate.BENCH_TODAY
        window.resize(1100, 760)
        window.enter(_open(store_dir))
        window.show()
        app.processEvents()
        page = window.page_widgets["spending"]
        if not hasattr(page, "filters"):
            raise RuntimeError("the Spending page is not there yet")

        def go(window: Any = window) -> None:
            window.show_page("spending")
            window.repaint()

        def search(page: Any = page, window: Any = window) -> None:
            QTest.keyClicks(page.filters.text, "swim")
            QTest.keyClick(page.filters.text, Qt.Key.Key_Return)
            window.repaint()

        def by_amount(page: Any = page, window: Any = window) -> None:
            page.table.sortByColumn(spending_model.COLUMN_OF[SortKey.AMOUNT], Qt.SortOrder.DescendingOrder)
            window.repaint()

        def settle(page: Any = page) -> None:
            """Until the step's reading after the paint is done (a worker thread's, or this one's), so that it is
            not counted in the next step's time."""
            app.processEvents()
            while page.model.totals is None or not page.model._complete:
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

        tick(result, "spending_page_open", go)
        settle()
        tick(result, "spending_page_filter", search)
        settle()
        page.filters.text.clear()
        QTest.keyClick(page.filters.text, Qt.Key.Key_Return)
        settle()
        tick(result, "spending_page_sort_amount", by_amount)
        settle()
        window.close()
        window.deleteLater()
        app.processEvents()
    return result


def _statement_year() -> tuple[dt.date, dt.date]:
    """The last whole budget year before the benchmark's today (5,000 transactions in the 50,000 store)."""
    return generate.period_bounds(generate.period_of(generate.BENCH_TODAY) - 1)


def work_statement(store_dir: Path, runs: int) -> dict[str, Any]:
    from ipb_desktop.statements import data, pdf_statement

    start, end = _statement_year()
    store = _open(store_dir)
    result: dict[str, Any] = {"statement_transactions": 0}
    notes: list[str] = []
    with tempfile.TemporaryDirectory(dir=generate.OUT_ROOT) as tmp:
        out = Path(tmp) / "statement.pdf"
        for _ in range(runs):

            def whole() -> None:
                with store.reading() as s:
                    found = data.statement_data(s, start, end, generated_on=end)
                result["statement_transactions"] = len(found.transactions)
                pdf_statement.write_statement(found, out)

            tick(result, "statement_pdf", whole)
        try:
            from ipb_desktop.statements import pdf_review_pack
        except ImportError as exc:
            notes.append(f"review pack not measured: {exc}")
        else:
            pack = Path(tmp) / "review-pack.pdf"
            for _ in range(runs):
                tick(
                    result,
                    "review_pack_pdf",
                    lambda: pdf_review_pack.write_from_store(store, pack, today=generate.BENCH_TODAY),
                )
    store.close()
    result["notes"] = notes
    return result


def _csv_money(pence: int | None) -> str:
    return "" if pence is None else f"{pence // 100}.{pence % 100:02d}"


def bank_csv(lines: int, seed: int = 11) -> bytes:
    """A Lloyds-style CSV export (newest first, with a running balance) of `lines` lines over the two years up
    to the benchmark's today, with the payees the store already knows (so suggestions have work to do)."""
    import random

    rng = random.Random(seed)
    first = generate.BENCH_TODAY - dt.timedelta(days=730)
    rows = []
    for n in range(lines):
        day = first + dt.timedelta(days=n * 730 // lines)
        if n % 40 == 0:
            rows.append((day, "FPI", "EXAMPLESHIRE COUNCIL DP " + day.strftime("%b%y").upper(), None, 250_000))
            continue
        kind = rng.choices(generate.KINDS, [k.weight for k in generate.KINDS])[0]
        payee = rng.choice(kind.payees).upper()
        rows.append((day, "DEB", f"{payee} CD 1417 {day:%d%b%y}".upper(), rng.randint(kind.low, kind.high), None))
    balance = 1_000_000
    out = [
        "Transaction Date,Transaction Type,Sort Code,Account Number,Transaction Description,"
        "Debit Amount,Credit Amount,Balance,"
    ]
    lines_out = []
    for day, kind, text, debit, credit in rows:
        balance += (credit or 0) - (debit or 0)
        lines_out.append(
            f"{day:%d/%m/%Y},{kind},'11-22-33,12345678,{text},{_csv_money(debit)},{_csv_money(credit)},"
            f"{balance // 100}.{abs(balance) % 100:02d}"
        )
    out.extend(reversed(lines_out))
    return ("\n".join(out) + "\n").encode()


def work_import(store_dir: Path, runs: int) -> dict[str, Any]:
    from ipb_desktop.bankimport import service
    from ipb_desktop.models.store import Store

    csv = bank_csv(10_000)
    result: dict[str, Any] = {
        "import_preview": [],
        "import_commit": [],
        "import_total": [],
        "import_preview_cpu": [],
        "import_commit_cpu": [],
        "import_total_cpu": [],
    }
    with tempfile.TemporaryDirectory(dir=generate.OUT_ROOT) as tmp:
        for n in range(runs):
            copy = Path(tmp) / f"import-{n}.ipb"
            shutil.copyfile(store_dir / generate.STORE_NAME, copy)
            store = try_page_cache(Store.open(copy, generate.BENCH_PASSPHRASE))
            cpu = time.process_time()
            began = time.perf_counter()
            with store.reading() as s:
                preview = service.preview(s, csv, name="statement.csv")
            middle = time.perf_counter()
            middle_cpu = time.process_time()
            # The person accepts every suggestion the preview offers (what they were for, learned from history).
            choices = service.ImportChoices(
                allocations={bank_id: hint for bank_id, hint in preview.suggestions.items() if not hint.empty}
            )
            with store.transaction() as s:
                batch = service.commit(s, preview, choices)
            ended = time.perf_counter()
            result["import_preview"].append(middle - began)
            result["import_commit"].append(ended - middle)
            result["import_total"].append(ended - began)
            result["import_total_cpu"].append(time.process_time() - cpu)
            result["import_preview_cpu"].append(middle_cpu - cpu)
            result["import_commit_cpu"].append(time.process_time() - middle_cpu)
            result["import_lines_added"] = batch.lines_added
            result["import_lines_matched"] = batch.lines_matched
            result["import_suggestions_accepted"] = len(choices.allocations)
            store.close()
            copy.unlink()
    return result


WORKERS: dict[str, Callable[[Path, int], dict[str, Any]]] = {
    "open": work_open,
    "home": work_home,
    "home_plain": work_home_plain,
    "spending": work_spending,
    "spending_page": work_spending_page,
    "statement": work_statement,
    "import": work_import,
}


# -- whole processes -----------------------------------------------------------------------------------------------


def _remembered(store_dir: Path, env: dict[str, str]) -> dict[str, str]:
    """`env` for a window that remembers the store: in the recent list of env's IPB_HOME, with a keyring that
    answers its passphrase (bench_keyring), as on the computer of a person who ticked "remember"."""
    from ipb_desktop import appconfig

    store = _open(store_dir)
    path, store_uuid = store.path, store.uuid
    store.close()
    before = os.environ.get("IPB_HOME")
    os.environ["IPB_HOME"] = env["IPB_HOME"]
    try:
        appconfig.note_opened(path, store_uuid)
    finally:
        if before is None:
            del os.environ["IPB_HOME"]
        else:
            os.environ["IPB_HOME"] = before
    return {
        **env,
        "PYTHON_KEYRING_BACKEND": "bench_keyring.BenchKeyring",
        "IPB_BENCH_KEYRING_PASSPHRASE": generate.BENCH_PASSPHRASE,
    }


def cold_start(store_dir: Path, runs: int) -> dict[str, Any]:
    """Process start to the Home page's first paint, the store opened from the keyring as `ipb-desktop STORE` opens
    a remembered one; one warm-up run first (bytecode, disk cache)."""
    argv = [
        PY,
        str(HERE / "cold_start.py"),
        str(store_dir / generate.STORE_NAME),
        generate.BENCH_PASSPHRASE,
        generate.BENCH_TODAY.isoformat(),
    ]
    env = _remembered(store_dir, child_env())
    walls, cpus, peaks = [], [], []
    for n in range(runs + 1):
        started_at = time.time()
        _wall, cpu, peak_kb, out = timed_process(argv, env)
        painted_at = json.loads(out.decode().strip().splitlines()[-1])["painted_at"]
        if n:
            walls.append(painted_at - started_at)
            cpus.append(cpu)
            peaks.append(peak_kb / 1024)
    return {"cold_start": walls, "cold_start_cpu": cpus, "peak_mb": max(peaks)}


def _timed_runs(argv: list[str], runs: int, key: str, result: dict[str, Any]) -> bytes:
    """Start `argv` runs + 1 times (the first unmeasured): wall and CPU seconds into result[key], [key + "_cpu"],
    the largest peak memory into result["peak_" + key]; returns the last run's output."""
    result[key], result[key + "_cpu"] = [], []
    peak, out = 0, b""
    for n in range(runs + 1):
        wall, cpu, peak_kb, out = timed_process(argv, child_env())
        if n:
            result[key].append(wall)
            result[key + "_cpu"].append(cpu)
            peak = max(peak, peak_kb)
    result.setdefault("peaks", {})[key] = peak / 1024
    return out


def summary_vs_peers(store_dir: Path, runs: int, with_hledger: bool = True) -> dict[str, Any]:
    """`ipb-desktop summary --json` against `ledger balance` and `hledger balance` on the same transactions
    (whole cold processes), and the check that all three give the bank account the same balance, to the penny."""
    ours = [str(Path(PY).with_name("ipb-desktop")), "summary", str(store_dir / generate.STORE_NAME), "--json"]
    if not Path(ours[0]).exists():
        ours = [PY, "-m", "ipb_desktop.app", *ours[1:]]
    result: dict[str, Any] = {"notes": []}
    printed = json.loads(_timed_runs(ours, runs, "summary_json", result))
    journal = store_dir / generate.JOURNAL_NAME
    balances = {"ipb-desktop": str(peers.Decimal(printed["balance_today"]))}
    for tool, key in (("ledger", "ledger_balance"), ("hledger", "hledger_balance")):
        found = shutil.which(tool)
        if found is None:
            result["notes"].append(f"{tool} is not installed (apt-get install {tool}): not compared")
            continue
        if tool == "hledger" and not with_hledger:
            continue
        _timed_runs([found, "-f", str(journal), "balance"], runs, key, result)
        balances[tool] = str(peers.ledger_balance(found, journal))
    agree = len(set(balances.values())) == 1
    result["balances"] = {"bank account balance": balances, "agree to the penny": agree}
    if not agree:
        result["notes"].append(f"the balances differ: {balances}")
    return result


def homebank(store_dir: Path, runs: int) -> dict[str, Any]:
    """HomeBank 5 opening `same.xhb` (the same live transactions) under Xvfb, process start to its window
    showing the file; one warm-up first, as for our cold start."""
    if not (shutil.which("homebank") and shutil.which("Xvfb") and shutil.which("xdotool")):
        return {"notes": ["HomeBank not measured: apt-get install homebank xvfb xdotool"]}
    xhb = store_dir / peers.XHB_NAME
    if not xhb.exists():
        peers.write_xhb(store_dir / generate.JOURNAL_NAME, xhb)
    result: dict[str, Any] = {"homebank_open": [], "homebank_open_cpu": []}
    with peers.xvfb() as env:
        for n in range(runs + 1):
            wall, cpu = peers.homebank_open(xhb, env, generate.OUT_ROOT / "homebank-home")
            if n:
                result["homebank_open"].append(wall)
                result["homebank_open_cpu"].append(cpu)
    return result


# -- putting it together -------------------------------------------------------------------------------------------


def measure_size(size: int, runs: int, everything: bool, only: set[str] | None) -> dict[str, Any]:
    store_dir = ensure_store(size)
    meta = json.loads((store_dir / "meta.json").read_text())
    found: dict[str, Any] = {"meta": meta, "metrics": {}, "peak_mb": {}, "notes": []}

    def take(name: str, result: dict[str, Any]) -> None:
        for key, value in result.items():
            if key == "notes":
                found["notes"].extend(value)
            elif key == "peak_mb":
                found["peak_mb"][name] = value
            elif key == "peaks":
                found["peak_mb"].update(value)
            elif key == "balances":
                found["balances"] = value
            elif isinstance(value, list) and value:
                found["metrics"][key] = summary(value)
            elif key != "process_seconds":
                found.setdefault("counts", {})[key] = value

    plan: list[tuple[str, Callable[[], dict[str, Any]]]] = [
        ("cold_start", lambda: cold_start(store_dir, runs)),
        ("open", lambda: worker("open", store_dir, runs)),
        ("home", lambda: worker("home", store_dir, runs)),
        ("spending", lambda: worker("spending", store_dir, runs)),
        ("spending_page", lambda: worker("spending_page", store_dir, runs)),
        ("statement", lambda: worker("statement", store_dir, runs)),
        ("import", lambda: worker("import", store_dir, runs)),
        ("home_plain", lambda: worker("home_plain", store_dir, runs)),
        ("summary", lambda: summary_vs_peers(store_dir, runs, with_hledger=everything)),
        ("homebank", lambda: homebank(store_dir, runs)),
        ("floors", lambda: floors.measure(runs, lambda argv: timed_process(argv, child_env())[:3])),
    ]
    for name, step in plan:
        if not everything and name not in GROWTH and not (name == "homebank" and size >= MAIN_SIZE):
            continue
        if name == "floors" and only is None:
            continue  # the same at every size: measured when asked for (--only floors)
        if only and name not in only:
            continue
        print(f"  [{size:,}] {name} ...", flush=True)
        load_before, (busy_before, total_before) = os.getloadavg(), busy_cpus()
        try:
            take(name, step())
        except Exception as exc:
            found["notes"].append(f"{name} not measured: {type(exc).__name__}: {exc}")
            print(f"    not measured: {exc}", flush=True)
        busy_after, total_after = busy_cpus()
        cpus = os.cpu_count() or 1
        found.setdefault("load", {})[name] = {
            "load_average_1min_before": round(load_before[0], 2),
            "load_average_1min_after": round(os.getloadavg()[0], 2),
            # Of the machine's CPUs, how many were busy on average during the step (ours included).
            "busy_cpus": round(cpus * (busy_after - busy_before) / max(1.0, total_after - total_before), 2),
        }
    plain = store_dir / generate.PLAIN_NAME
    if plain.exists():
        plain.unlink()  # the unencrypted copy lives only as long as the measurement needs it
        for side in ("-wal", "-shm"):
            plain.with_name(plain.name + side).unlink(missing_ok=True)
    return found


def verdicts(found: dict[str, Any]) -> list[dict[str, Any]]:
    m = found["metrics"]
    rows = []

    def add(key: str, value: float | None, cpu: float | None = None) -> None:
        limit, unit, text = TARGETS[key]
        if value is None:
            rows.append({"target": key, "what": text, "limit": limit, "unit": unit, "value": None, "verdict": "N/A"})
            return
        rows.append(
            {
                "target": key,
                "what": text,
                "limit": limit,
                "unit": unit,
                "value": value,
                "verdict": "PASS" if value <= limit else "MISS",
                "cpu": cpu,
                "cpu_verdict": None if cpu is None else ("PASS" if cpu <= limit else "MISS"),
            }
        )

    def med(key: str) -> float | None:
        return m[key]["median"] if key in m else None

    def add_timed(key: str) -> None:
        add(key, med(key), cpu=med(key + "_cpu"))

    for key in (
        "cold_start",
        "open_unlock",
        "home_first",
        "home_warm",
        "spending_first_screen",
        "spending_first_screen_again",
        "spending_filter",
        "spending_sort_amount",
        "statement_pdf",
        "review_pack_pdf",
        "import_total",
    ):
        add_timed(key)
    for kind in ("first", "warm"):
        enc, plain = med(f"enc_home_{kind}"), med(f"plain_home_{kind}")
        enc_cpu, plain_cpu = med(f"enc_home_{kind}_cpu"), med(f"plain_home_{kind}_cpu")
        add(
            f"ratio_enc_plain_{kind}",
            enc / plain if enc and plain else None,
            cpu=enc_cpu / plain_cpu if enc_cpu and plain_cpu else None,
        )
    for target, ours_key, theirs_key in (
        ("ratio_summary_ledger", "summary_json", "ledger_balance"),
        ("ratio_summary_hledger", "summary_json", "hledger_balance"),
        ("ratio_cold_start_homebank", "cold_start", "homebank_open"),
    ):
        ours, theirs = med(ours_key), med(theirs_key)
        ours_cpu, theirs_cpu = med(ours_key + "_cpu"), med(theirs_key + "_cpu")
        add(
            target,
            ours / theirs if ours and theirs else None,
            cpu=ours_cpu / theirs_cpu if ours_cpu and theirs_cpu else None,
        )
    peaks = found["peak_mb"]
    add("peak_cold_start", peaks.get("cold_start"))
    add("peak_spending", peaks.get("spending"))
    add("peak_statement", peaks.get("statement"))
    return rows


def show(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:8.1f} ms" if value < 1 else f"{value:8.2f} s "
    if unit == "x":
        return f"{value:8.2f} x "
    return f"{value:8.0f} MB"


def print_size(size: int, found: dict[str, Any]) -> None:
    meta = found["meta"]
    metrics = found["metrics"]
    print()
    print(f"== {size:,} transactions ({meta['live_transactions']:,} live, store {meta['store_bytes'] / 1e6:.0f} MB)")
    print(f"{'measurement':34} {'median':>11} {'min':>11} {'max':>11} {'CPU median':>11}")
    for key, stats in metrics.items():
        if key.endswith("_cpu"):
            continue
        if key == "spending_rows_read":
            print(f"{key:34} {stats['median']:8.0f} rows")
            continue
        cpu = metrics.get(key + "_cpu")
        cpu_text = show(cpu["median"], "s") if cpu else ""
        print(f"{key:34} {show(stats['median'], 's')} {show(stats['min'], 's')} {show(stats['max'], 's')} {cpu_text}")
    for name, peak in found["peak_mb"].items():
        print(f"{'peak memory ' + name:34} {show(peak, 'MB')}")
    for note in found["notes"]:
        print(f"note: {note}")


def print_verdicts(rows: list[dict[str, Any]]) -> None:
    print()
    print(f"{'target':52} {'limit':>11} {'median':>11}  verdict {'CPU median':>11}  verdict")
    for row in rows:
        value = "—" if row["value"] is None else show(row["value"], row["unit"])
        cpu = "" if row.get("cpu") is None else f"{show(row['cpu'], row['unit']):>11}  {row['cpu_verdict']}"
        print(f"{row['what']:52} {show(row['limit'], row['unit'])} {value:>11}  {row['verdict']:7} {cpu}")


def growth(results: dict[int, dict[str, Any]]) -> dict[str, dict[str, float]]:
    sizes = sorted(results)
    table: dict[str, dict[str, float]] = {}
    keys = [
        "cold_start",
        "home_first",
        "home_warm",
        "spending_first_screen",
        "spending_first_screen_again",
        "spending_filter",
        "spending_sort_amount",
        "spending_page_open",
        "spending_page_filter",
        "spending_page_sort_amount",
        "statement_pdf",
        "review_pack_pdf",
        "import_preview",
        "import_total",
        "summary_json",
        "summary_json_cpu",
        "ledger_balance",
        "ledger_balance_cpu",
        "homebank_open",
    ]
    for key in keys:
        row = {str(size): results[size]["metrics"][key]["median"] for size in sizes if key in results[size]["metrics"]}
        if row:
            table[key] = row
    for name in ("cold_start", "home", "spending", "statement", "import", "summary_json"):
        row = {str(size): results[size]["peak_mb"][name] for size in sizes if name in results[size]["peak_mb"]}
        if row:
            table[f"peak_mb_{name}"] = row
    return table


def print_growth(table: dict[str, dict[str, float]]) -> None:
    if not table:
        return
    sizes = sorted({int(s) for row in table.values() for s in row})
    if len(sizes) < 2:
        return
    print()
    print("growth (median; x = times the smallest size)")
    print(f"{'measurement':28}" + "".join(f"{s:>20,}" for s in sizes))
    for key, row in table.items():
        unit = "MB" if key.startswith("peak") else "s"
        base = row.get(str(sizes[0]))
        cells = []
        for s in sizes:
            value = row.get(str(s))
            if value is None:
                cells.append(f"{'—':>20}")
            else:
                ratio = f" ({value / base:4.1f}x)" if base else ""
                cells.append(f"{show(value, unit).strip() + ratio:>20}")
        print(f"{key:28}" + "".join(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=str(MAIN_SIZE), help="comma-separated store sizes (default 50000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (at least 5 for the record)")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument(
        "--cache-mb",
        type=int,
        help="experiment: run with a page cache of this many MB on the store's connection (the app's is 8 MB)",
    )
    parser.add_argument(
        "--only", help="comma-separated steps: " + ",".join(["cold_start", *WORKERS, "summary", "homebank", "floors"])
    )
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--store-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args.store_dir, args.runs)))
        return 0
    if args.cache_mb:
        os.environ[CACHE_ENV] = str(args.cache_mb)  # child processes inherit it
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    main_size = MAIN_SIZE if MAIN_SIZE in sizes else sizes[0]
    only = set(args.only.split(",")) if args.only else None
    started = time.perf_counter()
    report: dict[str, Any] = {
        "command": " ".join([Path(PY).name, *sys.argv]),
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "runs": args.runs,
        "today": generate.BENCH_TODAY.isoformat(),
        "experiment": {"cache_mb": args.cache_mb} if args.cache_mb else None,
        "sizes": {},
    }
    print(f"machine: {report['machine']}")
    results: dict[int, dict[str, Any]] = {}
    for size in sizes:
        results[size] = measure_size(size, args.runs, size == main_size, only)
        print_size(size, results[size])
        report["sizes"][str(size)] = results[size]
    rows = verdicts(results[main_size])
    report["targets"] = rows
    report["targets_size"] = main_size
    print_verdicts(rows)
    report["growth"] = growth(results)
    print_growth(report["growth"])
    report["machine"]["load_average_at_end"] = os.getloadavg()
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(f"\n{report['seconds']:.0f} s in all; load average at the end {os.getloadavg()}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
