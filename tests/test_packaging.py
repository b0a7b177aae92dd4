"""What people install: every package of the source ends up in the wheel, and the desktop files agree on names.

The wheel itself is built, installed and used by packaging/check_wheel.sh (in CI); these are the quick checks."""

from __future__ import annotations

import configparser
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from ipb_desktop import app

REPO = Path(__file__).resolve().parent.parent
DESKTOP = REPO / "resources" / "desktop"
APP_ID = "uk.org.ipbdesktop.IpbDesktop"


def test_every_package_in_the_source_is_listed_for_the_wheel() -> None:
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "ipb_desktop").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_a_store_file_opens_the_window_and_a_command_runs_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "budget").write_bytes(b"")
    assert app.store_argument(["my-budget.ipb"]) == Path("my-budget.ipb").absolute()
    assert app.store_argument([str(tmp_path / "budget")]) == tmp_path / "budget"
    assert app.store_argument(["file:///home/alys/My%20budget.ipb"]) == Path("/home/alys/My budget.ipb")
    assert app.store_argument(["summary"]) is None  # a command, even if a file of that name existed
    assert app.store_argument(["sumary"]) is None  # a typo still gets the command line's help
    assert app.store_argument(["--version"]) is None
    assert app.store_argument(["summary", "my-budget.ipb"]) is None


def test_the_desktop_entry_opens_ipb_files_with_the_app() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP / f"{APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == "ipb-desktop %f"
    assert section["Icon"] == APP_ID
    mime = ET.parse(DESKTOP / f"{APP_ID}.mime.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    kind = mime.find("m:mime-type", ns)
    assert kind is not None
    assert section["MimeType"].rstrip(";") == kind.get("type")
    assert kind.find("m:glob", ns).get("pattern") == "*.ipb"  # type: ignore[union-attr]
    assert kind.find("m:comment", ns).text == "Integrated personal budget store"  # type: ignore[union-attr]
    meta = ET.parse(DESKTOP / f"{APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]


def test_the_icon_comes_in_every_size_a_desktop_asks_for() -> None:
    icons = REPO / "resources" / "icons"
    assert (icons / "ipb-desktop.svg").is_file()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = (icons / f"ipb-desktop-{size}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png[16:20], "big") == size  # width from the PNG header
