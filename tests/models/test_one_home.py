"""One home per kind of knowledge: SQLCipher keying and raw connections live only in models/, the models layer
knows nothing of the domain, and the app's own settings file knows nothing of the models."""

from __future__ import annotations

import ast
from pathlib import Path

import ipb_desktop

PACKAGE = Path(ipb_desktop.__file__).parent


def _sources() -> dict[str, str]:
    return {
        str(path.relative_to(PACKAGE)): path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts
    }


def _imports(source: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_keys_and_raw_connections_are_made_only_in_models() -> None:
    outside = {name: text for name, text in _sources().items() if not name.startswith("models/")}
    assert not [name for name, text in outside.items() if "PRAGMA key" in text or "pragma key" in text]
    assert not [name for name, text in outside.items() if "sqlcipher3.connect" in text or "ATTACH DATABASE" in text]
    assert not [name for name, text in outside.items() if "driver_connection" in text or "dbapi_connection" in text]
    keyed = _sources()["models/keyed.py"]
    assert "PRAGMA {}key" in keyed and "sqlcipher3.connect" in keyed


def test_models_never_import_the_domain_and_appconfig_never_imports_models() -> None:
    domain = {"ipb_desktop.seed", "ipb_desktop.settings", "ipb_desktop.backup", "ipb_desktop.budget"}
    for name, text in _sources().items():
        if name.startswith("models/"):
            assert not (_imports(text) & domain), name
    assert not [m for m in _imports(_sources()["appconfig.py"]) if m.startswith("ipb_desktop.models")]


def test_one_backup_name_format_and_one_sidecars_helper() -> None:
    for name, text in _sources().items():
        if name != "models/backup_names.py":
            assert "%Y%m%d-%H%M%S-%f" not in text, name
            assert "def _sidecars" not in text and "def sidecars" not in text, name
