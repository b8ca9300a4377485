#!/usr/bin/env bash
# Sets up, builds and opens the board on your pipeline (the default database).
# An empty pipeline offers "Load sample pipeline". Extra arguments go to
# dealboard, e.g. scripts/run.sh --db /path/to/other.dealboard
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build_dealboard
APP="$BUILD_DIR/src/app/dealboard"
if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
    exec "$APP" "$@"
fi
# No screen to open a window on: show what the board looks like instead.
PICTURE="${TMPDIR:-/tmp}/dealboard-board.png"
"$APP" "$@" --screenshot "$PICTURE"
echo "No display found, so the board was rendered to $PICTURE instead of opened."
echo "On a desktop session, scripts/run.sh opens the window."
