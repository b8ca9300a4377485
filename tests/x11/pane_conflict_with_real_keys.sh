#!/usr/bin/env bash
# The details pane under a real X server with real keys and clicks (Xvfb +
# xdotool): a value typed while another process changes it, then the field
# left with Tab, offers the choice (nothing saved, the typed value kept), and
# Keep mine saves it; typed again over another change and another card
# clicked, the choice stays about the first deal, and Take theirs keeps theirs
# without touching the card clicked.
# Usage: pane_conflict_with_real_keys.sh DEALBOARD DEALBOARD_CLI
set -euo pipefail
app="$1"
cli="$2"
# shellcheck source=board_session.sh
source "$(dirname "${BASH_SOURCE[0]}")/board_session.sh"
"$cli" --db "$db" add --title "Security audit" --value 1000 >/dev/null
"$cli" --db "$db" add --title "Pen test" --stage qualifying --willing --need --budget --value 2500 >/dev/null

start_board
shot() { xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"${DEALBOARD_X11_SHOTS:-$work}/$1.png" || true; }
fail() {
    echo "$1"
    shot pane-conflict-failed
    exit 1
}
value_of() { "$cli" --db "$db" show "$1" --format json | sed -n 's/.*"value_minor": *\([0-9]*\).*/\1/p'; }
click() {
    xdotool mousemove "$1" "$2" click 1
    sleep 0.4
}

# Security audit (Prospecting's only card), Enter: the pane, the keyboard in
# its title; six Tabs to Value.
click 104 225
xdotool key Return
sleep 0.8
for _ in $(seq 6); do xdotool key Tab; done
xdotool key ctrl+a type 5000
"$cli" --db "$db" edit 1 --value 111111 --actor anna >/dev/null
sleep 1.5 # the board reads anna's change; the typed value stays
xdotool key Tab
sleep 0.8
[[ "$(value_of 1)" == 11111100 ]] || fail "leaving the field saved over anna's change: value $(value_of 1)"
shot pane-conflict-on-tab
# The pane's Keep mine and Take theirs at the board's default layout (the
# choice shows under the facts, right of the board).
keep_mine=(1262 419)
keep_mine_then_go_on=(1262 433)
value_field=(1245 276)
click "${keep_mine[@]}"
sleep 0.5
[[ "$(value_of 1)" == 500000 ]] || fail "Keep mine did not save the typed value: value $(value_of 1)"
echo "a field left with Tab over a change offered the choice, and Keep mine saved it"

# Typed again, changed again by anna, then Pen test (Qualifying) clicked: the
# click selects Pen test, but the pane stays on Security audit with the
# choice (one line longer: "Choose, and the pane goes on to 'Pen test'");
# Keep mine saves the typed value on Security audit, and the pane goes on to
# Pen test with the keyboard on the board: the next key edits nothing.
click "${value_field[@]}"
xdotool key ctrl+a type 7000
"$cli" --db "$db" edit 1 --value 222222 --actor anna >/dev/null
sleep 1.5
click 300 231
sleep 0.6
shot pane-conflict-on-click
[[ "$(value_of 1)" == 22222200 ]] || fail "the click on another card saved over anna's change: value $(value_of 1)"
[[ "$(value_of 2)" == 250000 ]] || fail "the click on another card changed Pen test: value $(value_of 2)"
click "${keep_mine_then_go_on[@]}"
sleep 0.5
xdotool key 9 Tab
sleep 0.5
[[ "$(value_of 1)" == 700000 ]] || fail "Keep mine did not save the typed value on its deal: value $(value_of 1)"
[[ "$(value_of 2)" == 250000 ]] || fail "what was typed landed in the other deal: Pen test's value $(value_of 2)"
echo "a click on another card kept the choice on its own deal, and Keep mine saved it there"
