"""The assistive-technology side of the AT-SPI run: what a screen reader such as Orca would hear.

Runs under the system Python with pyatspi (python3-pyatspi), inside the D-Bus session of the test. It registers
AT-SPI event listeners first, then starts the app (`driver.py`, under the project's own Python) so the app knows
from its first moment that someone is listening. It then reads one JSON command per line on stdin:

  {"probe": "tree"}     the app's accessible tree (role, name, description, states, text, children)
  {"probe": "events"}   every AT-SPI event from the app since the last call
  anything else         passed to the app; the answer comes back once the app's events have arrived here

Nothing here judges: the pytest tests in this folder do.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys

import pyatspi
from gi.repository import GLib

EVENTS = [
    "object:text-changed",
    "object:text-caret-moved",
    "object:text-selection-changed",
    "object:property-change:accessible-name",
    "object:property-change:accessible-description",
    "object:property-change:accessible-value",
    "object:value-changed",
    "object:state-changed:focused",
    "object:announcement",
    "object:children-changed",
    "window:activate",
]
STATES = {
    pyatspi.STATE_FOCUSABLE: "focusable",
    pyatspi.STATE_FOCUSED: "focused",
    pyatspi.STATE_SHOWING: "showing",
    pyatspi.STATE_VISIBLE: "visible",
    pyatspi.STATE_EDITABLE: "editable",
    pyatspi.STATE_SENSITIVE: "sensitive",
    pyatspi.STATE_SELECTABLE_TEXT: "selectable-text",
}
MARK = "@ipb@ "  # every answer line starts with this; anything else on stdout is noise from a library
MOST_CHILDREN = 60  # of a table or list: enough to check names without walking thousands of cells


class Probe:
    def __init__(self, app_command: list[str]) -> None:
        self.events: list[dict[str, object]] = []
        self.app_pid = 0
        self.window_manager = start_window_manager()
        for kind in EVENTS:
            pyatspi.Registry.registerEventListener(self.on_event, kind)
        self.app = subprocess.Popen(app_command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.app.stdin is not None and self.app.stdout is not None
        self.to_app = self.app.stdin
        self.from_app = self.app.stdout
        self.reply(self.read_app())
        self.app_pid = int(self.ask_app({"do": "pid"})["result"])
        GLib.io_add_watch(sys.stdin.fileno(), GLib.IO_IN | GLib.IO_HUP, self.on_command)

    # -- events -----------------------------------------------------------------------------------------------

    def on_event(self, event: pyatspi.event.Event) -> None:
        try:
            source = event.source
            if source is None or source.get_process_id() != self.app_pid:
                return
            role = source.getRoleName()
            name = source.name or ""
        except Exception:
            role, name = "?", "?"
        data = event.any_data
        self.events.append(
            {
                "type": event.type,
                "role": role,
                "name": name,
                "detail1": event.detail1,
                "detail2": event.detail2,
                "data": data if isinstance(data, str | int | float | bool) or data is None else repr(data),
            }
        )

    def pump(self) -> None:
        context = GLib.MainContext.default()
        for _turn in range(100_000):  # dispatch what has arrived; never wait for more
            if not context.pending():
                break
            context.iteration(False)

    # -- the app ------------------------------------------------------------------------------------------------

    def ask_app(self, command: dict[str, object]) -> dict[str, object]:
        self.to_app.write(json.dumps(command) + "\n")
        self.to_app.flush()
        answer = self.read_app()
        self.sync()
        return answer

    def read_app(self) -> dict[str, object]:
        while True:
            line = self.from_app.readline()
            if not line:
                return {"ok": False, "error": "the app stopped"}
            if line.startswith(MARK):
                answer: dict[str, object] = json.loads(line[len(MARK) :])
                return answer
            sys.stderr.write(line)

    def application(self) -> pyatspi.Accessible | None:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            child = desktop.getChildAtIndex(index)
            try:
                if child is not None and child.get_process_id() == self.app_pid:
                    return child
            except Exception:
                continue
        return None

    def sync(self) -> None:
        """A round trip to the app: its reply comes after every event it sent before, so they are all here."""
        self.pump()
        app = self.application()
        if app is not None:
            try:
                app.clearCache()
                _ = app.childCount
            except Exception:
                pass
        self.pump()

    def tree(self) -> dict[str, object] | None:
        app = self.application()
        if app is None:
            return None
        return self.node(app, 0)

    def node(self, acc: pyatspi.Accessible, depth: int) -> dict[str, object]:
        info: dict[str, object] = {}
        try:
            info["role"] = acc.getRoleName()
            info["name"] = acc.name or ""
            info["description"] = acc.description or ""
            state = acc.getState()
            info["states"] = [words for kind, words in STATES.items() if state.contains(kind)]
        except Exception as exc:
            return {"role": "?", "error": str(exc)}
        try:
            text = acc.queryText()
            info["text"] = text.getText(0, -1)
        except NotImplementedError:
            pass
        except Exception:
            pass
        with contextlib.suppress(Exception):
            info["attributes"] = dict(a.split(":", 1) for a in acc.getAttributes() if ":" in a)
        children = []
        if depth < 40:
            try:
                count = acc.childCount
            except Exception:
                count = 0
            for index in range(min(count, MOST_CHILDREN)):
                try:
                    child = acc.getChildAtIndex(index)
                except Exception:
                    continue
                if child is not None:
                    children.append(self.node(child, depth + 1))
        info["children"] = children
        return info

    # -- commands -------------------------------------------------------------------------------------------

    def reply(self, answer: dict[str, object]) -> None:
        sys.stdout.write(MARK + json.dumps(answer) + "\n")
        sys.stdout.flush()

    def on_command(self, _fd: int, condition: int) -> bool:
        line = sys.stdin.readline()
        if not line:
            self.finish()
            return False
        command = json.loads(line)
        what = command.get("probe")
        if what == "tree":
            self.sync()
            self.reply({"ok": True, "result": self.tree()})
        elif what == "events":
            self.sync()
            events, self.events = self.events, []
            self.reply({"ok": True, "result": events})
        else:
            answer = self.ask_app(command)
            self.reply(answer)
            if command.get("do") == "quit":
                self.finish()
                return False
        return True

    def finish(self) -> None:
        try:
            self.to_app.close()
            self.app.wait(timeout=20)
        except Exception:
            self.app.kill()
        self.window_manager.terminate()
        pyatspi.Registry.stop()


def start_window_manager() -> subprocess.Popen[bytes]:
    """openbox, so windows are activated and take the keyboard focus as on a desktop; returns once it is up."""
    ready = os.path.join(os.environ["IPB_ATSPI_FOLDER"], "window-manager-ready")
    os.mkfifo(ready)
    manager = subprocess.Popen(
        ["openbox", "--sm-disable", "--startup", f"sh -c 'echo up > {ready}'"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(ready) as pipe:  # blocks until openbox runs its start-up command
        pipe.read()
    return manager


def main() -> None:
    if os.environ.get("IPB_ATSPI_DEBUG"):
        import faulthandler

        faulthandler.dump_traceback_later(25, exit=False)
    Probe(sys.argv[1:])
    pyatspi.Registry.start(gil=False)  # no periodic GIL-release timer: `pump` can tell when all is dispatched


if __name__ == "__main__":
    main()
