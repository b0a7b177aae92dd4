"""The Welsh catalogue passes gettext's own checks (`msgfmt -c --check-format`), as a translator's tools and
distribution packagers run them: no message that only looks like a %-format ("{percent}% left") may fail."""

from __future__ import annotations

import shutil
import string
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tools.update_catalogs import no_percent_formats

ROOT = Path(__file__).resolve().parents[1]
WELSH = ROOT / "resources" / "locale" / "cy" / "LC_MESSAGES" / "ipb_desktop.po"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_msgfmt_checks_the_welsh_catalogue_without_errors(tmp_path: Path) -> None:
    done = subprocess.run(
        ["msgfmt", "-c", "--check-format", "-o", str(tmp_path / "cy.mo"), str(WELSH)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _names(text: str) -> set[str]:
    try:
        return {field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field is not None}
    except ValueError:
        return {"<not a format string>"}


def test_every_welsh_translation_uses_only_the_english_placeholders() -> None:
    """The same check without gettext: a translation never names a {placeholder} the English does not have."""
    with open(WELSH, "rb") as handle:
        catalog = read_po(handle, locale="cy")
    problems = []
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        wanted = {name for text in ids if text for name in _names(text)}
        problems += [f"{ids[0]!r} -> {text!r}" for text in strings if text and not _names(text) <= wanted]
    assert problems == []


def test_messages_that_only_look_like_percent_formats_are_marked_so() -> None:
    written = b'#, python-brace-format, python-format\nmsgid "{percent}% left"\n'
    assert no_percent_formats(written) == b'#, python-brace-format, no-python-format\nmsgid "{percent}% left"\n'
    assert no_percent_formats(b"#, no-python-format\n") == b"#, no-python-format\n"
    assert b"python-format" not in WELSH.read_bytes().replace(b"no-python-format", b"").replace(
        b"python-brace-format", b""
    )
