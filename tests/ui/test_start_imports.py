"""Starting the app with an up-to-date store loads neither the PDF library nor the migration tool: both are slow
to import and Home needs neither (they load when a PDF is made or a store needs upgrading)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from ipb_desktop.models.store import Store
from tests.conftest import PASSPHRASE


def test_the_window_opens_a_store_without_reportlab_or_alembic(filled_store: Store, store_path: Path) -> None:
    filled_store.close()
    program = textwrap.dedent(
        f"""
        import sys
        from ipb_desktop.models.store import Store
        from ipb_desktop.ui.app import make_app
        from ipb_desktop.ui.shell.main_window import MainWindow
        app = make_app([sys.argv[0]])
        window = MainWindow()
        window.enter(Store.open({str(store_path)!r}, {PASSPHRASE!r}))
        window.show()
        app.processEvents()
        print(sorted({{name.split(".")[0] for name in sys.modules}} & {{"reportlab", "alembic", "mako"}}))
        window.close()
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=120, env=env
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
