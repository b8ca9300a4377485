#!/usr/bin/env bash
# The keyboard's ring and the selection on one card, with real keys under a
# real X server (Xvfb + xdotool): a card clicked in Qualifying, Tab into
# Contacting rings and selects Contacting's card, and Ctrl+Shift+Left moves
# that card, never the one left behind; Delete then deletes the ringed card.
# Usage: tab_ring_and_selection.sh DEALBOARD DEALBOARD_CLI
set -euo pipefail
app="$1"
cli="$2"
# shellcheck source=board_session.sh
source "$(dirname "${BASH_SOURCE[0]}")/board_session.sh"
"$cli" --db "$db" add --title "Clicked first" --stage qualifying --willing --need --budget >/dev/null
"$cli" --db "$db" add --title "Tabbed to" --stage contacting --willing --need --budget >/dev/null

start_board
shot() { xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"${DEALBOARD_X11_SHOTS:-$work}/$1.png" || true; }
fail() {
    echo "$1"
    shot tab-ring-failed
    cat "$work/app.log"
    exit 1
}

# Clicked first: Qualifying's only card (the second column).
xdotool mousemove "${QUALIFYING_CARD_X:-330}" 225 click 1
sleep 0.4
xdotool key Tab
sleep 0.4
shot tab-ring
xdotool key ctrl+shift+Left
sleep 1.2
[[ "$(stage_of 1)" == qualifying ]] || fail "Ctrl+Shift+Left moved the card left behind: Clicked first is in $(stage_of 1)"
[[ "$(stage_of 2)" == qualifying ]] || fail "Ctrl+Shift+Left did not move the ringed card: Tabbed to is in $(stage_of 2)"
echo "Tab into the next column rang and selected its card; Ctrl+Shift+Left moved that card"
shot tab-ring-moved

# The ring followed the card into Qualifying: Delete asks about it (Alt+Y says yes).
xdotool key Delete
for _ in $(seq 50); do
    xdotool search --name "Delete deal" >/dev/null 2>&1 && break
    sleep 0.1
done
sleep 1
shot tab-ring-delete
xdotool key alt+y
sleep 1.2
"$cli" --db "$db" show 1 >/dev/null 2>&1 || fail "Delete deleted the card the ring was not on: Clicked first"
! "$cli" --db "$db" show 2 >/dev/null 2>&1 || fail "Delete did not delete the ringed card, Tabbed to"
echo "Delete deleted the ringed card"
