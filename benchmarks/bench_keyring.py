"""The keyring of the benchmark's cold start (`cold_start.py`): it remembers one passphrase, the benchmark store's,
as the person's own keyring remembers theirs, so the window opens the store the way it does on their computer.

    PYTHON_KEYRING_BACKEND=bench_keyring.BenchKeyring IPB_BENCH_KEYRING_PASSPHRASE=... (benchmarks/ on sys.path)
"""

from __future__ import annotations

import os

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError, PasswordSetError


class BenchKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return os.environ.get("IPB_BENCH_KEYRING_PASSPHRASE")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("the benchmark's keyring only answers")

    def delete_password(self, service: str, username: str) -> None:
        raise PasswordDeleteError("the benchmark's keyring only answers")
