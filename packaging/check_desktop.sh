#!/usr/bin/env bash
# Check the Linux desktop files: validate them (desktop-file-validate, appstreamcli, when installed), then install
# them into a throw-away XDG data folder and ask the system what a .ipb file is and what opens it.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
id=uk.org.ipbdesktop.IpbDesktop
work=$(mktemp -d "${TMPDIR:-/tmp}/ipb-desktop-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$repo/resources/desktop/$id.desktop" && echo "   desktop-file-validate: ok"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$repo/resources/desktop/$id.metainfo.xml" | tail -1
fi
HOME="$work" XDG_DATA_HOME="$work/share" sh "$repo/packaging/install-desktop.sh" "$(command -v true)" >/dev/null  # TryExec must exist
command -v desktop-file-validate >/dev/null && desktop-file-validate "$work/share/applications/$id.desktop"
if command -v update-mime-database >/dev/null && command -v gio >/dev/null; then
  printf 'SQLite format 3\0' > "$work/budget.ipb"
  type=$(XDG_DATA_HOME="$work/share" gio info -a standard::content-type "$work/budget.ipb" | awk '/content-type/ {print $2}')
  test "$type" = application/x-ipb-store
  XDG_DATA_HOME="$work/share" gio mime application/x-ipb-store | grep "$id.desktop" >/dev/null
  echo "   a .ipb file is $type and opens in $id.desktop"
fi
HOME="$work" XDG_DATA_HOME="$work/share" sh "$repo/packaging/install-desktop.sh" --remove >/dev/null
test ! -e "$work/share/applications/$id.desktop"
echo "Desktop files checked."
