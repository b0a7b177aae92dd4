#!/usr/bin/env bash
# Smoke-test a built bundle (default dist/ipb-desktop) the way a person without Python would use it: from a folder
# outside the checkout, with a fresh HOME and no Python environment: --version, demo, statement, and the window
# (offscreen, IPB_SELF_TEST=1: unlock, show every page, leave). Also checks the Linux desktop files are inside.
set -euo pipefail
bundle=$(cd "${1:-dist/ipb-desktop}" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ipb-bundle-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/away" "$work/home"
cd "$work/away"
run() { env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
  IPB_PASSPHRASE="purple otter umbrella" "$bundle/ipb-desktop" "$@"; }
echo "== Bundle $bundle ($(du -sh "$bundle" | cut -f1))"
run --version
run demo demo.ipb
run statement demo.ipb --preset this_budget_year --out statement.pdf
head -c 5 statement.pdf | grep -q '%PDF-' && echo "   statement.pdf: $(du -k statement.pdf | cut -f1) kB"
env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen IPB_SELF_TEST=1 \
  IPB_PASSPHRASE="purple otter umbrella" "$bundle/ipb-desktop" demo.ipb 2>&1 | grep -v propagateSizeHints | tee window.txt
grep -q "pages home, outcomes, spending, plan, reports, help, settings" window.txt
# The desktop files travel with it, and its install script puts them in this (fresh) HOME.
env -i PATH=/usr/bin:/bin HOME="$work/home" sh "$bundle/install-desktop.sh" >/dev/null
grep -q "^Exec=\"$bundle/ipb-desktop\" %f" "$work/home/.local/share/applications/uk.org.ipbdesktop.IpbDesktop.desktop"
test -f "$work/home/.local/share/mime/packages/uk.org.ipbdesktop.IpbDesktop.xml"
test -f "$work/home/.local/share/icons/hicolor/48x48/apps/uk.org.ipbdesktop.IpbDesktop.png"
echo "   desktop entry, file type and icons install from the bundle"
echo "Bundle works."
