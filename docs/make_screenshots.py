"""Regenerate the screenshots in docs/ from a demo store, offscreen (no display needed).

    .venv/bin/python docs/make_screenshots.py [OUTPUT_FOLDER]

Builds a fresh demo store (invented data: Alys Testwood in Exampleshire) in a temporary folder with a fixed
"today", opens it in the real main window and saves each page with QWidget.grab(), at 100% text size and once
at 200%.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = dt.date(2026, 11, 23)
PASSPHRASE = "purple otter umbrella"
SHOTS = [
    ("home", "screenshot-home.png", 100),
    ("outcomes", "screenshot-outcomes.png", 100),
    ("plan", "screenshot-plan.png", 100),
    ("spending", "screenshot-spending.png", 100),
    ("settings", "screenshot-settings.png", 100),
    ("help", "screenshot-help.png", 100),
    ("employment", "screenshot-employment.png", 100),
    ("home", "screenshot-home-200.png", 200),
    ("home", "screenshot-home-high-contrast.png", 100),
]
HIGH_CONTRAST = "screenshot-home-high-contrast.png"


def high_contrast_palette():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QPalette  # noqa: TID251 - a GUI script

    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#000000",
        QPalette.ColorRole.WindowText: "#ffffff",
        QPalette.ColorRole.Base: "#000000",
        QPalette.ColorRole.AlternateBase: "#1a1a1a",
        QPalette.ColorRole.Text: "#ffffff",
        QPalette.ColorRole.Button: "#000000",
        QPalette.ColorRole.ButtonText: "#ffffff",
        QPalette.ColorRole.Highlight: "#ffff00",
        QPalette.ColorRole.HighlightedText: "#000000",
        QPalette.ColorRole.PlaceholderText: "#c0c0c0",
        QPalette.ColorRole.ToolTipBase: "#000000",
        QPalette.ColorRole.ToolTipText: "#ffffff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    return palette


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["IPB_HOME"] = str(Path(tmp) / "home")
        os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

        from PySide6.QtWidgets import QApplication  # noqa: TID251 - a GUI script

        from ipb_desktop import demo, seed
        from ipb_desktop.ui.app import make_app
        from ipb_desktop.ui.shell.appearance import apply_text_scale
        from ipb_desktop.ui.shell.main_window import MainWindow

        app = make_app(["ipb-desktop"])
        store = seed.create_store(Path(tmp) / "alys.ipb", PASSPHRASE)
        demo.build_demo(store, TODAY)
        window = MainWindow()
        window.ctx.today = lambda: TODAY
        window.resize(1280, 860)
        window.show()
        window.enter(store)
        for key, name, percent in SHOTS:
            if name == HIGH_CONTRAST:
                # A high-contrast palette like the platforms' own: the app sets no colours of its own, so it follows.
                app.setPalette(high_contrast_palette())
            apply_text_scale(percent)
            window.show_page(key)
            for _ in range(5):
                app.processEvents()
            target = out / name
            if not window.grab().save(str(target)):
                raise SystemExit(f"could not save {target}")
            print(target)
        apply_text_scale(100)
        window.close()
        QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
