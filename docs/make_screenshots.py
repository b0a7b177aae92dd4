"""Regenerate the screenshots in docs/ from a demo store, offscreen (no display needed).

    .venv/bin/python docs/make_screenshots.py [OUTPUT_FOLDER]

Builds a fresh demo store (invented data: Alys Testwood in Exampleshire) in a temporary folder with a fixed
"today", opens it in the real main window and saves each page with QWidget.grab(), at 100% text size and once
at 200%. Then the set in docs/screenshots/: Home, Spending, Outcomes and Plan in the app's first window size
(1100×760) at 100 % and 200 % text and in a high-contrast palette in English, and at 100 % in Welsh, named
PAGE-VARIANT.png (home-en.png, home-en-200.png, home-en-high-contrast.png, home-cy.png ...).
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
SET_PAGES = ["home", "spending", "outcomes", "plan"]
# variant: (language, text size, high contrast)
SET_VARIANTS = {
    "en": ("en_GB", 100, False),
    "en-200": ("en_GB", 200, False),
    "en-high-contrast": ("en_GB", 100, True),
    "cy": ("cy", 100, False),
}


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

        from PySide6.QtGui import QPalette  # noqa: TID251 - a GUI script
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
        plain = QPalette(app.palette())
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
        app.setPalette(plain)
        take_set(app, window, store, out / "screenshots")
        window.close()
        QApplication.processEvents()
    return 0


def take_set(app, window, store, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The set for the README's table: each page in each variant, in the window's first size."""
    from ipb_desktop import settings
    from ipb_desktop.ui.shell.appearance import apply_text_scale

    out.mkdir(parents=True, exist_ok=True)
    plain = app.palette()
    window.resize(1100, 760)
    for variant, (language, percent, contrast) in SET_VARIANTS.items():
        with store.transaction() as session:  # as if chosen in Settings: the window follows at once
            settings.put(session, "language", language)
            settings.put(session, "text_scale_percent", str(percent))
        window.ctx.changed.emit()
        app.setPalette(high_contrast_palette() if contrast else plain)
        apply_text_scale(percent)
        for key in SET_PAGES:
            window.show_page(key)
            for _ in range(5):
                app.processEvents()
            target = out / f"{key}-{variant}.png"
            if not window.grab().save(str(target)):
                raise SystemExit(f"could not save {target}")
            print(target)
    with store.transaction() as session:
        settings.put(session, "language", "en_GB")
        settings.put(session, "text_scale_percent", "100")
    window.ctx.changed.emit()
    app.setPalette(plain)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
