"""Write tests/models/data/store-v<version>.ipb: the conftest budget, saved by this version of the app.

Run once per release (`.venv/bin/python -m tests.models.make_sample_store`) and commit the file, so later
versions prove they still open it.
"""

from __future__ import annotations

from pathlib import Path

from ipb_desktop import __version__, seed
from tests import conftest


def main() -> None:
    target = Path(__file__).parent / "data" / f"store-v{__version__}.ipb"
    if target.exists():
        raise SystemExit(f"{target} exists already")
    store = seed.create_store(target, conftest.PASSPHRASE)
    conftest.filled_store.__wrapped__(store)  # type: ignore[attr-defined]
    store.close()
    target.with_name(target.name + ".lock").unlink(missing_ok=True)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
