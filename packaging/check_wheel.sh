#!/usr/bin/env bash
# Build the wheel, install it in a fresh virtual environment far from this checkout (fresh HOME too), and use it
# the way a person would: --version, demo, statement, Welsh, and the window (offscreen). Then check that every
# dependency installs on Windows and macOS from wheels (or pure Python), without building or installing anything.
#
#   packaging/check_wheel.sh            (PYTHON=... to choose the Python that builds; default .venv/bin/python)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
py=${PYTHON:-$repo/.venv/bin/python}
work=$(mktemp -d "${TMPDIR:-/tmp}/ipb-wheel-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
pip() { "$1" -m pip --disable-pip-version-check "${@:2}"; }
quiet() { grep -v "^WARNING: Location" || true; }  # this machine's pip config names index folders that may not exist
# Dependencies published only as source that are pure Python (so they install anywhere Python does): they are
# built here into py3-none-any wheels and offered to the Windows/macOS check. Anything else must have wheels.
PURE_SDISTS=(ofxparse)
PLATFORMS=(win_amd64 macosx_11_0_arm64 macosx_13_0_x86_64)
started=$SECONDS

echo "== 1/5 Building the wheel"
pip "$py" wheel --quiet --no-deps -w "$work/dist" "$repo" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
wheel=$(ls "$work"/dist/ipb_desktop-*.whl)
echo "   $(basename "$wheel") ($(du -k "$wheel" | cut -f1) kB)"

echo "== 2/5 Checking that everything the app reads is inside it"
"$py" - "$wheel" "$repo" <<'PY'
import sys, zipfile
from pathlib import Path
wheel, repo = sys.argv[1], Path(sys.argv[2])
names = set(zipfile.ZipFile(wheel).namelist())
wanted = {f"ipb_desktop/{p.relative_to(repo / 'ipb_desktop')}" for p in (repo / "ipb_desktop").rglob("*.py")}
wanted |= {f"ipb_desktop/resources/{p.relative_to(repo / 'resources')}" for p in (repo / "resources").rglob("*")
           if p.is_file() and "__pycache__" not in p.parts}
missing = sorted(wanted - names)
if missing:
    sys.exit("missing from the wheel: " + ", ".join(missing))
for must in ("ipb_desktop/resources/fonts/DejaVuSans.ttf", "ipb_desktop/resources/locale/cy/LC_MESSAGES/ipb_desktop.po",
             "ipb_desktop/models/migrations/env.py", "ipb_desktop/resources/icons/ipb-desktop.svg"):
    assert must in names, must
print(f"   {len(wanted)} source and resource files all present")
PY

echo "== 3/5 Installing it in a fresh environment outside the checkout"
"$py" -m venv "$work/venv"
pip "$work/venv/bin/python" install --quiet -c "$repo/constraints.txt" "$wheel" 2>&1 | quiet
mkdir -p "$work/away" "$work/home"
cd "$work/away"
run() { env -i PATH="$work/venv/bin:/usr/bin:/bin" HOME="$work/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
  IPB_PASSPHRASE="purple otter umbrella" "$@"; }
location=$(run python -c "import ipb_desktop; print(ipb_desktop.__file__)")
case "$location" in "$work/venv/"*) echo "   imports from $location" ;; *) echo "imported from $location" >&2; exit 1 ;; esac

echo "== 4/5 Using it"
run ipb-desktop --version
run ipb-desktop demo demo.ipb
run ipb-desktop statement demo.ipb --preset this_budget_year --out statement.pdf
head -c 5 statement.pdf | grep -q '%PDF-' && echo "   statement.pdf: $(du -k statement.pdf | cut -f1) kB"
run python - <<'PY'
from ipb_desktop import i18n
from importlib import resources
assert (resources.files("ipb_desktop.resources") / "fonts" / "DejaVuSans.ttf").is_file()
i18n.set_locale("cy")
assert i18n._("Home") != "Home", "Welsh catalogue not found"
print("   Welsh from the installed catalogue:", i18n._("Home"))
PY
run env IPB_SELF_TEST=1 ipb-desktop demo.ipb 2>&1 | grep -v "propagateSizeHints" | tee window.txt
grep -q "pages home, outcomes, spending" window.txt
test ! -e "$work/home/.local/share/ipb-desktop/my-budget.ipb"  # nothing was made where the person did not ask

echo "== 5/5 Windows and macOS: resolving every dependency from wheels only (nothing built or installed)"
pip "$py" wheel --quiet --no-deps -c "$repo/constraints.txt" -w "$work/pure" "${PURE_SDISTS[@]}" 2>&1 | quiet
for built in "$work"/pure/*.whl; do
  case "$built" in *-none-any.whl) ;; *) echo "$(basename "$built") is not pure Python" >&2; exit 1 ;; esac
done
for platform in "${PLATFORMS[@]}"; do
  pip "$py" install --dry-run --quiet --ignore-installed --only-binary=:all: --find-links "$work/pure" \
    --platform "$platform" --python-version 3.11 --target "$work/target-$platform" \
    --report "$work/report-$platform.json" "$wheel" 2>&1 | quiet
  "$py" - "$work/report-$platform.json" "$platform" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
import re
found = {re.sub(r"[-_.]+", "-", i["metadata"]["name"]).lower(): i["metadata"]["version"] for i in report["install"]}
print(f"   {sys.argv[2]}: {len(found)} packages, all wheels (PySide6-Essentials {found['pyside6-essentials']}, "
      f"sqlcipher3 {found['sqlcipher3']})")
PY
done
echo "Wheel checked in $((SECONDS - started)) s."
