"""Starting the window imports the store (SQLAlchemy and the mapped classes) before PySide6, whose import hook
would otherwise examine each of those modules as it is loaded."""

from __future__ import annotations

import subprocess
import sys


def test_the_store_is_imported_before_pyside6() -> None:
    script = (
        "import sys, ipb_desktop.ui.app\n"
        "names = list(sys.modules)\n"
        "print(names.index('sqlalchemy.orm') < names.index('PySide6'), "
        "names.index('ipb_desktop.models.schema') < names.index('PySide6'))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["True", "True"], out.stderr
