#!/bin/sh
# Add ipb-desktop to this person's desktop (Linux, no administrator needed): the menu entry, the icon, and
# ".ipb files open in ipb-desktop". Everything goes under ~/.local/share (or $XDG_DATA_HOME).
#
#   sh install-desktop.sh [PROGRAM]      PROGRAM: the ipb-desktop to start (found for you when left out)
#   sh install-desktop.sh --remove       take it all away again
set -eu
ID=uk.org.ipbdesktop.IpbDesktop
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}

# Where the desktop files are: beside this script in the source tree, or inside the bundle.
for dir in "$here/../resources" "$here/_internal/ipb_desktop/resources" "$here/resources"; do
  if [ -f "$dir/desktop/$ID.desktop" ]; then res=$(cd "$dir" && pwd); break; fi
done
if [ -z "${res:-}" ]; then echo "Could not find the desktop files next to $0." >&2; exit 1; fi

refresh() {
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" >/dev/null 2>&1 || true
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" >/dev/null 2>&1 || true
}

if [ "${1:-}" = "--remove" ]; then
  rm -f "$data/applications/$ID.desktop" "$data/mime/packages/$ID.xml" "$data/metainfo/$ID.metainfo.xml" \
    "$data/icons/hicolor/scalable/apps/$ID.svg" "$data/icons/hicolor/scalable/mimetypes/application-x-ipb-store.svg"
  for png in "$res"/icons/ipb-desktop-*.png; do
    size=$(basename "$png" .png | sed 's/ipb-desktop-//')
    rm -f "$data/icons/hicolor/${size}x${size}/apps/$ID.png"
  done
  refresh
  echo "ipb-desktop has been taken off this desktop's menu. Your budget stores were not touched."
  exit 0
fi

program=${1:-}
if [ -z "$program" ]; then
  if [ -x "$here/ipb-desktop" ]; then program="$here/ipb-desktop"          # inside the bundle
  elif [ -x "$here/../.venv/bin/ipb-desktop" ]; then program=$(cd "$here/.." && pwd)/.venv/bin/ipb-desktop
  elif command -v ipb-desktop >/dev/null 2>&1; then program=$(command -v ipb-desktop)
  else echo "Could not find the ipb-desktop program; give its path: sh $0 /path/to/ipb-desktop" >&2; exit 1
  fi
fi

mkdir -p "$data/applications" "$data/mime/packages" "$data/metainfo" "$data/icons/hicolor/scalable/apps" \
  "$data/icons/hicolor/scalable/mimetypes"
# The menu entry starts this very program, wherever it is (quoted, as the desktop entry spec asks).
sed -e "s|^Exec=.*|Exec=\"$program\" %f|" -e "s|^TryExec=.*|TryExec=$program|" \
  "$res/desktop/$ID.desktop" > "$data/applications/$ID.desktop"
cp "$res/desktop/$ID.mime.xml" "$data/mime/packages/$ID.xml"
cp "$res/desktop/$ID.metainfo.xml" "$data/metainfo/$ID.metainfo.xml"
cp "$res/icons/ipb-desktop.svg" "$data/icons/hicolor/scalable/apps/$ID.svg"
cp "$res/icons/ipb-desktop.svg" "$data/icons/hicolor/scalable/mimetypes/application-x-ipb-store.svg"
for png in "$res"/icons/ipb-desktop-*.png; do
  size=$(basename "$png" .png | sed 's/ipb-desktop-//')
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$data/icons/hicolor/${size}x${size}/apps/$ID.png"
done
refresh
echo "ipb-desktop is now in your applications menu, and .ipb budget stores open in it with a double-click."
echo "(Files are in $data; run 'sh $0 --remove' to take them away.)"
