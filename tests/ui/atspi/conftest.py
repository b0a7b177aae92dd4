"""The AT-SPI run: the real app on a virtual X display (Xvfb, with the openbox window manager), inside its own
D-Bus session with the accessibility bus, watched by `probe.py` through pyatspi, as a screen reader would.

Needs Xvfb, openbox, dbus-run-session, at-spi2-core and the system Python's pyatspi (see README). Where these are
missing the tests are skipped, except in CI (IPB_REQUIRE_ATSPI=1), where a missing piece fails the run.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
TOOLS = ("Xvfb", "xvfb-run", "xauth", "openbox", "dbus-run-session")
MARK = "@ipb@ "  # every answer line starts with this; anything else on stdout is noise from a library
WAIT = 60  # seconds: the most any one step may take before the run is declared stuck


def _missing() -> list[str]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        missing.append("at-spi2-core")
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False)
    if probe.returncode != 0:
        missing.append("python3-pyatspi")
    return missing


class Session:
    """Talks to the probe: `probe("tree")`, `probe("events")`, or `app("type", text=...)` for the app."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "xcb",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "IPB_HOME": str(folder / "home"),
            "IPB_ATSPI_FOLDER": str(folder),
        }
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        env.pop("DISPLAY", None)
        # xvfb-run picks a free display and waits for it; dbus-run-session gives the run a session bus of its
        # own, on which the accessibility bus (at-spi-bus-launcher) starts when first asked for.
        self.process = subprocess.Popen(
            [
                "xvfb-run",
                "--auto-servernum",
                "--server-args=-screen 0 1280x1024x24 -nolisten tcp",
                "dbus-run-session",
                "--",
                SYSTEM_PYTHON,
                str(HERE / "probe.py"),
                sys.executable,
                "-m",
                "tests.ui.atspi.driver",
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            first = self._read()
            assert first.get("ok"), first
        except BaseException:
            self.close()
            raise

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        ready, _w, _x = select.select([self.process.stdout], [], [], WAIT)
        assert ready, "the AT-SPI probe did not answer"
        while True:
            line = self.process.stdout.readline()
            assert line, "the AT-SPI probe stopped"
            if line.startswith(MARK):
                answer: dict[str, Any] = json.loads(line[len(MARK) :])
                return answer
            sys.stderr.write(line)

    def send(self, command: dict[str, Any]) -> Any:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        answer = self._read()
        assert answer.get("ok"), answer.get("error")
        return answer.get("result")

    def app(self, what: str, **arguments: Any) -> Any:
        return self.send({"do": what, **arguments})

    def probe(self, what: str) -> Any:
        return self.send({"probe": what})

    def close(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(AssertionError, OSError, ValueError):
                self.app("quit")
        try:
            self.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGTERM)  # the run's own process group, started above
            self.process.wait(timeout=WAIT)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


@pytest.fixture(scope="module")
def atspi(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    missing = _missing()
    if missing:
        text = "the AT-SPI run needs " + ", ".join(missing) + " (see README: Accessibility tests)"
        if os.environ.get("IPB_REQUIRE_ATSPI") == "1":
            pytest.fail(text)
        pytest.skip(text)
    session = Session(tmp_path_factory.mktemp("atspi"))
    try:
        yield session
    finally:
        session.close()


def walk(node: dict[str, Any] | None) -> Iterator[dict[str, Any]]:
    if not node:
        return
    yield node
    for child in node.get("children", []):
        yield from walk(child)
