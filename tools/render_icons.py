"""Render resources/icons/ipb-desktop.svg into the PNG sizes desktops ask for (run after changing the SVG).

.venv/bin/python tools/render_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage text needs an application
    renderer = QSvgRenderer(str(ICONS / "ipb-desktop.svg"))
    if not renderer.isValid():
        print("the SVG could not be read", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"ipb-desktop-{size}.png"))
    # Windows wants one .ico holding several sizes; Pillow writes it (and the macOS .icns) from the PNGs.
    try:
        from PIL import Image
    except ImportError:
        print("Pillow is not installed: ipb-desktop.ico not written", file=sys.stderr)
    else:
        Image.open(ICONS / "ipb-desktop-256.png").save(
            ICONS / "ipb-desktop.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]
        )
        # macOS wants an .icns for the .app bundle.
        Image.open(ICONS / "ipb-desktop-512.png").save(ICONS / "ipb-desktop.icns")
    print(f"wrote {len(SIZES)} PNGs to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
