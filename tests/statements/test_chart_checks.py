"""The ratings charts are drawn without reportlab's attribute checks on every shape (a help while writing a
drawing, and 40% of a long chart's time), and still draw every rating."""

from __future__ import annotations

import subprocess
import sys


def test_charts_load_reportlab_graphics_without_shape_checks() -> None:
    script = (
        "import datetime as dt\n"
        "from ipb_desktop.statements import charts\n"
        "from reportlab.graphics.shapes import Shape\n"
        "s = charts.Series('Own words', tuple((dt.date(2026, 1, d), d % 11) for d in range(1, 29)))\n"
        "d = charts.ratings_chart([s], 0, 10, width=400, height=200, y_title='Score', x_title='Date')\n"
        "print('__setattr__' in vars(Shape), len(d.getContents()) > 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["False", "True"], out.stderr
