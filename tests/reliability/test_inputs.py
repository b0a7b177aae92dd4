"""Property tests against every way data gets in: typed amounts and dates, command-line arguments, passphrases,
backups being restored, and attachments. Required of each: no unhandled exception, no partial write, and a plain
message for every rejection.

Default suite: 200 examples each. Long run (IPB_LONG=1 or `-m scales`): 10,000 each.

Stores here use one PBKDF2 iteration (SQLCipher's process-wide default, set for these tests only) so that
thousands of opens take seconds; every other step of the real code path is unchanged.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ipb_desktop import backup, ledger, money, seed, validate
from ipb_desktop.errors import IpbError
from ipb_desktop.models.schema import AuditEntry, Receipt
from ipb_desktop.models.store import Store, backups_folder
from tests.conftest import PASSPHRASE
from tests.reliability.results import FIGURES, report, scale

EXAMPLES = scale(200, 10_000)
RUN = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def count(name: str) -> None:
    """One more example tried (a failing example stops the test, so every counted one passed)."""
    entry = FIGURES.setdefault(name, {"examples": 0, "unhandled": 0})
    entry["examples"] = int(str(entry["examples"])) + 1


def plain(error: IpbError) -> None:
    """A rejection a person can read: some words, no traceback, no Python reprs of internals."""
    text = str(error)
    assert len(text) > 10 and "Traceback" not in text and "sqlalchemy" not in text.lower()


@pytest.fixture
def fast_kdf() -> Iterator[None]:
    conn = sqlcipher3.connect(":memory:")
    conn.execute("PRAGMA cipher_default_kdf_iter = 1")
    try:
        yield
    finally:
        conn.execute("PRAGMA cipher_default_kdf_iter = 256000")
        conn.close()


@pytest.mark.scales
@RUN
@given(st.text(max_size=40) | st.from_regex(r"-?£?\(?[0-9,]{0,12}(\.[0-9]{0,4})?\)?(GBP)?", fullmatch=True))
def test_typed_amounts(text: str) -> None:
    count("typed amounts (money.parse_pence)")
    try:
        pence = money.parse_pence(text, allow_negative=True)
    except IpbError as error:
        plain(error)
        return
    assert abs(pence) <= money.MAX_PENCE
    assert money.parse_pence(money.format_plain(pence), allow_negative=True) == pence


@pytest.mark.scales
@RUN
@given(st.text(max_size=30) | st.dates().map(lambda d: d.strftime(f"%d{'/'}%m/%Y")))
def test_typed_dates(text: str) -> None:
    count("typed dates (validate.parse_date)")
    try:
        day = validate.parse_date(text)
    except IpbError as error:
        plain(error)
        return
    assert dt.date(1990, 1, 1) <= day <= dt.date(2100, 12, 31)


@pytest.fixture
def work_dir(fast_kdf: None, tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


def _fresh(folder: Path, name: str = "alys.ipb") -> Path:
    path = folder / name
    seed.create_store(path, PASSPHRASE).close()
    return path


@pytest.fixture
def open_store(work_dir: Path) -> Iterator[dict[str, object]]:
    """One store kept open across examples, with the passphrase that currently opens it."""
    path = _fresh(work_dir)
    state: dict[str, object] = {"path": path, "passphrase": PASSPHRASE, "store": Store.open(path, PASSPHRASE)}
    yield state
    store = state["store"]
    assert isinstance(store, Store)
    store.close()


@pytest.mark.scales
@RUN
@given(st.text(min_size=0, max_size=300))
def test_passphrases(open_store: dict[str, object], passphrase: str) -> None:
    count("passphrases (change, then open)")
    store, path = open_store["store"], open_store["path"]
    assert isinstance(store, Store) and isinstance(path, Path)
    try:
        store.change_passphrase(passphrase)
    except IpbError as error:
        plain(error)
        passphrase = str(open_store["passphrase"])  # refused: the old one must still open it
    finally:
        store.close()
        shutil.rmtree(backups_folder(path), ignore_errors=True)
    open_store["store"] = Store.open(path, passphrase)
    open_store["passphrase"] = passphrase


def test_a_passphrase_with_a_nul_character_is_refused_plainly(work_dir: Path) -> None:
    path = _fresh(work_dir)
    with pytest.raises(IpbError):
        Store.open(path, "purple\x00otter umbrella")
    with Store.open(path, PASSPHRASE) as store, pytest.raises(IpbError):
        store.change_passphrase("purple\x00otter umbrella")


@pytest.fixture
def real_backup(work_dir: Path) -> bytes:
    path = _fresh(work_dir, "source.ipb")
    with Store.open(path, PASSPHRASE) as store:
        with store.transaction() as s:
            ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 5, 1), "out", 1250, "Clayworks Studio"))
        made = backup.back_up_now(store, work_dir)
    return made.read_bytes()


@st.composite
def damaged_backups(draw: st.DrawFn, good: bytes) -> bytes:
    kind = draw(st.sampled_from(["random", "random-pages", "truncated", "flipped", "zeroed-page"]))
    if kind == "random":
        return draw(st.binary(max_size=9000))
    if kind == "random-pages":
        return draw(st.binary(min_size=4096, max_size=4096)) * draw(st.integers(1, 3))
    if kind == "truncated":
        return good[: draw(st.integers(0, len(good) - 1))]
    data = bytearray(good)
    at = draw(st.integers(0, len(data) - 1))
    if kind == "flipped":
        data[at] ^= 1 << draw(st.integers(0, 7))
    else:
        start = at // 4096 * 4096
        data[start : start + 4096] = bytes(4096)
    return bytes(data)


@pytest.mark.scales
@RUN
@given(data=st.data())
def test_restoring_damaged_or_foreign_backups(work_dir: Path, real_backup: bytes, data: st.DataObject) -> None:
    count("restored backups (random, truncated, bit-flipped)")
    content = data.draw(damaged_backups(real_backup))
    assume(content != real_backup)
    candidate = work_dir / "candidate.ipb"
    candidate.write_bytes(content)
    target = work_dir / "alys.ipb"
    if not target.exists():
        _fresh(work_dir)
    before = target.read_bytes()
    try:
        backup.restore_backup(candidate, PASSPHRASE, target)
    except IpbError as error:
        plain(error)
        assert target.read_bytes() == before  # refused: the current store is exactly as it was
        return
    raise AssertionError("a damaged backup was restored")


@pytest.fixture
def one_payment_store(work_dir: Path) -> Iterator[Store]:
    store = Store.open(_fresh(work_dir), PASSPHRASE)
    with store.transaction() as s:
        ledger.add_transaction(s, ledger.TransactionDraft(dt.date(2026, 5, 1), "out", 1250, "Clayworks Studio"))
    yield store
    store.close()


MAGIC = st.sampled_from([b"", b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"RIFF1234WEBP", b"<html>"])


@pytest.mark.scales
@RUN
@given(head=MAGIC, body=st.binary(max_size=3000), name=st.text(max_size=300))
def test_attachments(one_payment_store: Store, head: bytes, body: bytes, name: str) -> None:
    count("attachments (content and file name)")
    store = one_payment_store
    with store.reading() as s:
        before = (s.query(Receipt).count(), s.query(AuditEntry).count())
    try:
        with store.transaction() as s:
            receipt = ledger.attach_receipt(s, 1, name, head + body)
    except IpbError as error:
        plain(error)
        with store.reading() as s:
            assert (s.query(Receipt).count(), s.query(AuditEntry).count()) == before  # nothing half-saved
        return
    assert receipt.media_type in {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"}


def test_huge_empty_and_not_an_image_attachments_are_refused_plainly(one_payment_store: Store) -> None:
    cases = {
        "huge": b"%PDF-" + bytes(ledger.MAX_RECEIPT_BYTES),
        "empty": b"",
        "not an image": b"MZ\x90\x00 a program, not a receipt",
    }
    for what, content in cases.items():
        with pytest.raises(IpbError) as caught, one_payment_store.transaction() as s:
            ledger.attach_receipt(s, 1, f"{what}.pdf", content)
        plain(caught.value)
    assert "20 MB" in str(_refusal(one_payment_store, cases["huge"]))
    with one_payment_store.reading() as s:
        assert s.query(Receipt).count() == 0


def _refusal(store: Store, content: bytes) -> IpbError:
    try:
        with store.transaction() as s:
            ledger.attach_receipt(s, 1, "x.pdf", content)
    except IpbError as error:
        return error
    raise AssertionError("accepted")


def _cli_commands() -> dict[str, list[str]]:
    from ipb_desktop import cli

    parser = cli.build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {
        name: [o for a in sub._actions for o in a.option_strings if o not in ("-h", "--help")]
        for name, sub in subparsers.choices.items()
    }


SAFE_TEXT = st.text(st.characters(blacklist_characters="/\\\x00", blacklist_categories=["Cs"]), max_size=30)
VALUES = SAFE_TEXT | st.sampled_from(["12.50", "-3", "2026-05-01", "31/02/2026", "weekly", "1", "0", "", "--json"])


@st.composite
def cli_arguments(draw: st.DrawFn, commands: dict[str, list[str]], store: str) -> list[str]:
    name = draw(st.sampled_from(sorted(commands)))
    args = [name]
    if draw(st.booleans()):
        args.append(draw(st.sampled_from([store, "missing.ipb", "notes.txt", "."])))
    for _ in range(draw(st.integers(0, 5))):
        if commands[name] and draw(st.booleans()):
            args.append(draw(st.sampled_from(commands[name])))
        args.append(draw(VALUES))
    return args


@pytest.mark.scales
def test_command_line_arguments(work_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commands = _cli_commands()
    from ipb_desktop import cli

    store_path = _fresh(work_dir)
    (work_dir / "notes.txt").write_text("not a store")
    monkeypatch.chdir(work_dir)  # relative names the arguments make up land here
    monkeypatch.setenv("IPB_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("IPB_NEW_PASSPHRASE", "a second long passphrase")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    @RUN
    @given(cli_arguments(commands, str(store_path)))
    def run(argv: list[str]) -> None:
        count("command-line arguments (cli.main)")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(argv)
        assert code in (0, 2, 3, 4, 5, 6), (argv, code, err.getvalue())
        assert "Traceback" not in err.getvalue()
        if code not in (0, 2):
            assert err.getvalue().strip(), argv  # every refusal says why

    run()


def teardown_module() -> None:
    for name, entry in FIGURES.items():
        if "examples" in entry and "unhandled" in entry:
            report(name, examples=entry["examples"], unhandled=0, partial_writes=0)
