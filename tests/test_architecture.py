"""The core knows nothing of Qt: importing every module outside ui/ leaves PySide6 unloaded."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import ipb_desktop


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(ipb_desktop.__path__, "ipb_desktop."):
        if ".ui" in info.name or ".migrations.versions" in info.name or info.name.endswith("migrations.env"):
            continue
        names.append(info.name)
    return names


def test_core_and_cli_never_import_qt() -> None:
    modules = core_modules()
    assert "ipb_desktop.models.store" in modules and "ipb_desktop.ledger" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


UI = Path(ipb_desktop.__file__).parent / "ui"
# What the window may take from SQLAlchemy: the Session type its callbacks receive, nothing that builds a query.
_QUERYING = re.compile(r"^\s*(from sqlalchemy(?!\.orm import Session$)|import sqlalchemy)", re.MULTILINE)


def test_the_window_holds_no_sql() -> None:
    """Queries and business rules live in the services; ui/ only calls them (issue 10)."""
    offenders = [
        str(path.relative_to(UI)) for path in sorted(UI.rglob("*.py")) if _QUERYING.search(path.read_text("utf-8"))
    ]
    assert offenders == []


def test_the_test_for_sql_in_the_window_catches_a_query() -> None:
    assert _QUERYING.search("from sqlalchemy import select\n")
    assert _QUERYING.search("import sqlalchemy as sa\n")
    assert not _QUERYING.search("from sqlalchemy.orm import Session\n")


def test_the_folders_show_the_areas_a_person_sees() -> None:
    """Someone new finds the Spending table model, the statement's drawing and the import command by name."""
    root = Path(ipb_desktop.__file__).parent
    for where in (
        "ui/spending/model.py",
        "ui/outcomes/page.py",
        "ui/plan/page.py",
        "ui/reports/page.py",
        "ui/bank_import/dialog.py",
        "ui/shell/main_window.py",
        "cli/bank_import.py",
        "statements/pdf_statement.py",
    ):
        assert (root / where).is_file(), where
    assert not [p.name for p in UI.glob("*.py") if p.name.startswith(("spending_", "import_", "reports_", "plan_"))]


def test_every_change_the_window_makes_is_a_named_operation() -> None:
    """Pages and dialogs call `ui/operations/<area>.py`; only those modules call `perform` or open a transaction."""
    writing = re.compile(r"\.perform\(|\.keep_note\(|\.transaction\(\)")
    offenders = [
        str(path.relative_to(UI))
        for path in sorted(UI.rglob("*.py"))
        if "operations" not in path.parts and writing.search(path.read_text("utf-8"))
    ]
    assert offenders == []


def test_every_package_is_in_the_wheel() -> None:
    """pyproject lists packages by hand (resources/ is mapped in): a new folder left out would be missing from
    the installed app."""
    import tomllib

    root = Path(ipb_desktop.__file__).parent
    listed = set(tomllib.loads((root.parent / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(root.parent).parts) for p in root.rglob("__init__.py")}
    assert found - listed == set()
