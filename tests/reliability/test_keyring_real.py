"""Remembering the passphrase with a REAL Secret Service (gnome-keyring inside its own D-Bus session), and working
without any keyring at all.

The real test needs `dbus-run-session` and `gnome-keyring-daemon` (Debian: apt-get install dbus dbus-daemon
gnome-keyring; .ci/run installs them). Where they are missing it is skipped and says why, unless
IPB_REQUIRE_KEYRING=1, which makes the missing programs a failure (for CI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ipb_desktop import keystore, unlock
from tests.conftest import PASSPHRASE
from tests.reliability.zygote import REPO

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from ipb_desktop import keystore, unlock

    path = Path(sys.argv[1])
    steps = {"backend": type(__import__("keyring").get_keyring()).__module__}
    steps["available"] = keystore.keyring_available()
    store, warning = unlock.create_store(path, sys.argv[2], remember=True)
    steps["remember_warning"] = warning
    store.close()
    again = unlock.open_remembered(path)
    steps["opened_without_prompt"] = again is not None
    unlock.forget_passphrase(again)
    again.close()
    steps["after_forget"] = unlock.open_remembered(path) is None
    store, warning = unlock.open_store(path, sys.argv[2], remember=True)
    new = sys.argv[2] + " and more"
    steps["change_warning"] = unlock.change_passphrase(store, new)
    store.close()
    reopened = unlock.open_remembered(path)
    steps["opened_after_change"] = reopened is not None
    reopened.close()
    steps["recalled_is_new"] = keystore.recall(reopened.uuid) == new
    unlock.forget_passphrase(reopened)
    print("RESULT " + json.dumps(steps), flush=True)
    """
)


def test_a_real_secret_service_remembers_opens_without_asking_and_forgets(tmp_path: Path) -> None:
    missing = [tool for tool in ("dbus-run-session", "gnome-keyring-daemon") if shutil.which(tool) is None]
    if missing:
        if os.environ.get("IPB_REQUIRE_KEYRING") == "1":
            pytest.fail(f"IPB_REQUIRE_KEYRING=1 but {', '.join(missing)} not installed")
        pytest.skip(f"no real keyring here: {', '.join(missing)} not installed (apt-get install gnome-keyring dbus)")
    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    for folder in (home, runtime):
        folder.mkdir(mode=0o700)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_RUNTIME_DIR": str(runtime),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
    }
    script = tmp_path / "keyring_steps.py"
    script.write_text(SCRIPT, encoding="utf-8")
    shell = (
        "echo -n unlock-this-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
        f'exec "{sys.executable}" "{script}" "{tmp_path / "alys.ipb"}" "{PASSPHRASE}"'
    )
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", shell], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, result.stdout + result.stderr
    steps = json.loads(lines[0][len("RESULT ") :])
    assert steps == {
        "backend": "keyring.backends.SecretService",
        "available": True,
        "remember_warning": None,
        "opened_without_prompt": True,
        "after_forget": True,
        "change_warning": None,
        "opened_after_change": True,
        "recalled_is_new": True,
    }


def test_with_no_keyring_the_passphrase_alone_is_enough(tmp_path: Path) -> None:
    # conftest sets PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring for every test
    assert os.environ["PYTHON_KEYRING_BACKEND"] == "keyring.backends.fail.Keyring"
    assert keystore.keyring_available() is False
    path = tmp_path / "alys.ipb"
    store, warning = unlock.create_store(path, PASSPHRASE, remember=True)
    assert warning is not None and "cannot remember your passphrase" in warning
    store.close()
    assert unlock.open_remembered(path) is None  # so the app asks for it
    store, warning = unlock.open_store(path, PASSPHRASE, remember=True)
    assert warning is not None and "asked for it each time" in warning
    assert unlock.change_passphrase(store, "a new and long passphrase") is None
    store.close()
    reopened, _ = unlock.open_store(path, "a new and long passphrase")
    reopened.close()
