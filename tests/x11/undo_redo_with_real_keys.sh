#!/usr/bin/env bash
# Undo and redo with real keys under a real X server (Xvfb + xdotool): a card
# moved by Ctrl+Shift+Right, Ctrl+Z takes it back, Ctrl+Shift+Z moves it
# again, Ctrl+Z back once more; then a move the rules refuse (the
# missing-facts form, cancelled with Escape) leaves the waiting redo where it
# was: Ctrl+Shift+Z still moves the first card again.
# Usage: undo_redo_with_real_keys.sh DEALBOARD DEALBOARD_CLI
set -euo pipefail
app="$1"
cli="$2"
# shellcheck source=board_session.sh
source "$(dirname "${BASH_SOURCE[0]}")/board_session.sh"
"$cli" --db "$db" add --title "Acme renewal" --stage prospecting --willing --need --budget >/dev/null
"$cli" --db "$db" add --title "Not qualified" --stage qualifying --willing >/dev/null

start_board
shot() { xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"${DEALBOARD_X11_SHOTS:-$work}/$1.png" || true; }
fail() {
    echo "$1"
    shot undo-redo-failed
    cat "$work/app.log"
    exit 1
}
expect() { # deal, stage, what was done
    [[ "$(stage_of "$1")" == "$2" ]] || fail "$3: deal $1 is in $(stage_of "$1"), not $2"
}

# Acme renewal: Prospecting's only card (the first column).
xdotool mousemove "${PROSPECTING_CARD_X:-110}" 225 click 1
sleep 0.4
xdotool key ctrl+shift+Right
sleep 1.2
expect 1 qualifying "Ctrl+Shift+Right"
xdotool key ctrl+z
sleep 1.2
expect 1 prospecting "Ctrl+Z"
xdotool key ctrl+shift+z
sleep 1.2
expect 1 qualifying "Ctrl+Shift+Z"
xdotool key ctrl+z
sleep 1.2
expect 1 prospecting "the second Ctrl+Z"
echo "Ctrl+Z and Ctrl+Shift+Z took the move back, again and back"

# Not qualified: Qualifying's only card; Contacting asks for its need and
# budget, and the rep cancels the form.
xdotool mousemove "${QUALIFYING_CARD_X:-330}" 225 click 1
sleep 0.4
xdotool key ctrl+shift+Right
for _ in $(seq 50); do
    xdotool search --name "Move to Contacting" >/dev/null 2>&1 && break
    sleep 0.1
done
xdotool search --name "Move to Contacting" >/dev/null 2>&1 || fail "the missing-facts form did not open"
sleep 0.5
xdotool key Escape
sleep 1
expect 2 qualifying "the cancelled form"
# The focus back on the board (no window manager gives it back), then Redo.
xdotool mousemove "${QUALIFYING_CARD_X:-330}" 225 click 1
sleep 0.4
xdotool key ctrl+shift+z
sleep 1.2
expect 1 qualifying "Ctrl+Shift+Z after the refused move"
shot undo-redo-after-refusal
echo "A refused move left the waiting redo: Ctrl+Shift+Z moved Acme renewal again"
