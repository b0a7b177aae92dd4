"""The app under test in the AT-SPI run: the real main window on a real X display (Xvfb), driven by commands.

Started by `probe.py` (inside the D-Bus session that carries the accessibility bus). Reads one JSON command per
line on stdin, answers one JSON line on stdout. Key presses go through QTest, so the widgets see ordinary key
events and Qt's accessibility bridge sends whatever it would send for a person typing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSocketNotifier, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QDialog, QWidget

from ipb_desktop import budget, holder, ledger, outcomes, plan, seed
from ipb_desktop.models.store import Store
from ipb_desktop.ui import messages
from ipb_desktop.ui.app import make_app
from ipb_desktop.ui.shell.main_window import MainWindow

PASSPHRASE = "purple otter umbrella"
MARK = "@ipb@ "  # every answer line starts with this; anything else on stdout is noise from a library


def fill(store: Store) -> None:
    """A small invented budget (Alys Testwood) so every page has something to show."""
    with store.transaction() as s:
        holder.save_holder(s, holder.HolderDetails(name="Alys Testwood", preferred_name="Alys"))
        period = budget.add_period(s, "2026 to 2027", dt.date(2026, 4, 1), dt.date(2027, 3, 31))
        nhs = budget.add_stream(s, period.id, budget.StreamDetails("nhs_phb", "Exampleshire ICB", 120000, "monthly"))
        confidence = outcomes.add_outcome(
            s, outcomes.OutcomeDetails("Regain confidence to go out on my own", "I go to the market each week")
        )
        activities = plan.category_named(s, "Activities and classes").id
        pottery = plan.add_plan_line(
            s, period.id, plan.PlanLineDetails("Pottery class", 30000, activities, nhs.id, (confidence.id,))
        )
        ledger.add_transaction(
            s,
            ledger.TransactionDraft(
                dt.date(2026, 4, 10), "out", 3750, "Clayworks Studio", "Pottery, 3 weeks", plan_line_id=pottery.id
            ),
        )
        outcomes.add_rating(s, confidence.id, outcomes.RatingDetails(dt.date(2026, 4, 1), 3, note="Hard to leave"))


def describe(widget: QWidget | None) -> dict[str, Any]:
    if widget is None:
        return {"class": None, "name": "", "visible": False}
    iface = QAccessible.queryAccessibleInterface(widget)
    name = iface.text(QAccessible.Text.Name) if iface is not None else ""
    return {
        "class": type(widget).__name__,
        "name": name,
        "visible": widget.isVisible(),
        "window": type(widget.window()).__name__,
    }


class Driver:
    def __init__(self) -> None:
        self.app = make_app(["ipb-desktop"])
        self.folder = Path(tempfile.mkdtemp(prefix="ipb-atspi-"))
        self.store_path = self.folder / "alys.ipb"
        store = seed.create_store(self.store_path, PASSPHRASE)
        fill(store)
        store.close()
        self.window = MainWindow()
        self.window.resize(1100, 760)
        self.window.show()
        self.window.activateWindow()
        self.window.start()
        self.dialog: QDialog | None = None
        self.notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
        self.notifier.activated.connect(self._read)

    def _read(self) -> None:
        line = sys.stdin.readline()
        if not line:
            self.app.quit()
            return
        try:
            command = json.loads(line)
            answer = getattr(self, "do_" + command.pop("do"))(**command)
            reply: dict[str, Any] = {"ok": True, "result": answer}
        except Exception:  # the test reads the traceback
            reply = {"ok": False, "error": traceback.format_exc()}
        sys.stdout.write(MARK + json.dumps(reply) + "\n")
        sys.stdout.flush()

    def _active(self) -> QWidget:
        return self.dialog if self.dialog is not None else self.window

    # -- commands ---------------------------------------------------------------------------------------------

    def do_ping(self) -> str:
        return "pong"

    def do_pid(self) -> int:
        return os.getpid()

    def do_create_page(self) -> dict[str, Any]:
        self.window.show_create()
        return describe(QApplication.focusWidget())

    def do_unlock_page(self) -> dict[str, Any]:
        self.window.open_path(self.store_path)
        return describe(QApplication.focusWidget())

    def do_enter(self) -> str:
        self.window.enter(Store.open(self.store_path, PASSPHRASE))
        return self.window.windowTitle()

    def do_lock(self) -> dict[str, Any]:
        self.window.lock()
        return describe(QApplication.focusWidget())

    def do_page(self, key: str) -> dict[str, Any]:
        self.window.show_page(key)
        return describe(QApplication.focusWidget())

    def do_focus(self, attribute: str) -> dict[str, Any]:
        """Put the focus in a named field of the current start page or page (as a click or Alt-letter would)."""
        current = self.window.central.currentWidget()
        if current is self.window.shell:
            current = self.window.page_widgets[self.window.current_page_key()]
        widget = getattr(current, attribute)
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return describe(widget)

    def do_type(self, text: str) -> dict[str, Any]:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        QTest.keyClicks(widget, text)
        return describe(widget)

    def do_key(self, key: str) -> dict[str, Any]:
        widget = QApplication.focusWidget() or self._active()
        QTest.keyClick(widget, getattr(Qt.Key, "Key_" + key))
        return describe(QApplication.focusWidget())

    def do_message(self, kind: str, text: str) -> str:
        (messages.error if kind == "error" else messages.info)(text)
        return self.window.bar.text.text()

    def do_tabs(self, most: int = 400) -> dict[str, Any]:
        """Press Tab from the current focus until the focus comes back to where it started (or `most` presses).

        Returns every stop; `returned` is False when Tab never came back (a trap). Spin boxes and combo boxes are
        entered once (their inner line edit is the same stop).
        """
        start = QApplication.focusWidget()
        assert start is not None, "nothing has the keyboard focus"
        stops = []
        for _press in range(most):
            widget = QApplication.focusWidget()
            assert widget is not None
            QTest.keyClick(widget, Qt.Key.Key_Tab)
            now = QApplication.focusWidget()
            stops.append(describe(now))
            if now is start or (now is not None and _same_control(now, start)):
                return {"returned": True, "stops": stops}
        return {"returned": False, "stops": stops}

    def do_open_dialog(self, name: str) -> str:
        from tests.ui.atspi.dialogs import build

        self.dialog = build(name, self.window)
        self.dialog.show()
        self.dialog.activateWindow()
        self.dialog.raise_()
        first = self.dialog.focusWidget() or self.dialog.nextInFocusChain()
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.dialog.windowTitle()

    def do_close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog.deleteLater()
            self.dialog = None
        self.window.activateWindow()

    def do_quit(self) -> None:
        self.window.close()
        self.app.quit()


def _same_control(a: QWidget, b: QWidget) -> bool:
    for outer in (QAbstractSpinBox, QComboBox):
        pa = a if isinstance(a, outer) else a.parentWidget()
        pb = b if isinstance(b, outer) else b.parentWidget()
        if isinstance(pa, outer) and pa is pb:
            return True
    return False


def main() -> int:
    driver = Driver()
    sys.stdout.write(MARK + json.dumps({"ok": True, "result": "ready"}) + "\n")
    sys.stdout.flush()
    return driver.app.exec()


if __name__ == "__main__":
    sys.exit(main())
