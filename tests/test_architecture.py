"""The core knows nothing of Qt: importing every module outside ui/ leaves PySide6 unloaded."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

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
