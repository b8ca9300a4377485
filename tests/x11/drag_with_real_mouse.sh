#!/usr/bin/env bash
# Drags cards on the real board with real X mouse events (Xvfb + xdotool): a
# drop into a column, then a drag of a different card of that column must move
# the card under the pointer. Then clicks: card A, card B in another column, A
# again must leave exactly A selected (Ctrl+Shift+Right moves A alone).
# Usage: drag_with_real_mouse.sh DEALBOARD DEALBOARD_CLI
# With DEALBOARD_TEST_BACKEND=postgresql the board and the CLI share a new
# database on the test server instead of a file (skipped without one), and a
# teammate's board follows: a vertical drag on a teammate's card selects no
# range.
set -euo pipefail
app="$1"
cli="$2"
work="$(mktemp -d)"
server_db=""
cleanup() {
    kill "${app_pid:-0}" 2>/dev/null || true
    rm -rf "$work"
    if [[ -n "$server_db" ]]; then
        psql -X -q "$DEALBOARD_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $server_db WITH (FORCE)" >/dev/null 2>&1 || true
        for role in anna ben rep manager owner admin; do
            psql -X -q "$DEALBOARD_TEST_PG_URL" -c "DROP ROLE IF EXISTS ${server_db}_$role" >/dev/null 2>&1 || true
        done
    fi
}
trap cleanup EXIT
db="$work/pipeline.dealboard"
if [[ "${DEALBOARD_TEST_BACKEND:-}" == "postgresql" ]]; then
    if [[ -z "${DEALBOARD_TEST_PG_URL:-}" ]]; then
        [[ "${CI:-}" == "true" ]] && { echo "no test server under CI"; exit 1; }
        echo "skipped: no PostgreSQL test server (DEALBOARD_TEST_PG_URL)"
        exit 77
    fi
    server_db="dealboard_x11_$$"
    psql -X -q "$DEALBOARD_TEST_PG_URL" -c "CREATE DATABASE $server_db" >/dev/null
    db="${DEALBOARD_TEST_PG_URL%/postgres}/$server_db"
    "$cli" --db "$db" init >/dev/null
fi
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" QT_QPA_PLATFORM=xcb
export DEALBOARD_NOW=2026-11-28T09:00:00Z
"$cli" --db "$db" add --title First >/dev/null
"$cli" --db "$db" add --title Second >/dev/null
"$cli" --db "$db" add --title Dropped --stage qualifying --willing --need --budget >/dev/null
unset DEALBOARD_NOW

"$app" --db "$db" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 100); do
    xdotool search --name DealBoard >/dev/null 2>&1 && break
    sleep 0.1
done
sleep 1.5

# Card and column positions of the board's default 1600x900 layout (the
# window fills the screen at its origin; cards are 122 px apart).
drag() {
    xdotool mousemove "$1" "$2" mousedown 1
    for i in $(seq 10); do
        xdotool mousemove $(($1 + ($3 - $1) * i / 10)) $(($2 + ($4 - $2) * i / 10))
        sleep 0.05
    done
    sleep 0.2
    xdotool mouseup 1
    sleep 0.7
}
stage_of() { "$cli" --db "$db" show "$1" --format json | sed -n 's/.*"stage": *"\([a-z]*\)".*/\1/p'; }

drag 302 225 104 600 # Dropped: Qualifying -> Prospecting (it becomes selected there)
[[ "$(stage_of 3)" == prospecting ]] || { echo "the first drop did not land"; cat "$work/app.log"; exit 1; }
drag 104 475 302 400 # the card at the bottom (First) -> Qualifying
first="$(stage_of 1)"
dropped="$(stage_of 3)"
if [[ "$first" != qualifying || "$dropped" != prospecting ]]; then
    echo "wrong card moved: First is in $first, Dropped in $dropped"
    exit 1
fi
echo "the card under the pointer moved"

# One click, one card: A (Second, Prospecting), B (First, Qualifying), A again.
click() {
    xdotool mousemove "$1" "$2" click 1
    sleep 0.4
}
click 104 347
click 302 225
click 104 347
xdotool key ctrl+shift+Right
sleep 1
if xdotool search --name "Several deals" >/dev/null 2>&1; then
    echo "a plain click left another card selected: the move asks about several deals"
    exit 1
fi
second="$(stage_of 2)"
first="$(stage_of 1)"
if [[ "$second" != qualifying || "$first" != qualifying ]]; then
    echo "Ctrl+Shift+Right moved more than the card clicked last: Second is in $second, First in $first"
    exit 1
fi
echo "a plain click selected exactly one card"

[[ -n "$server_db" ]] || exit 0

# A teammate's board: Anna signs in; three of Ben's cards stand at the top of
# Prospecting. A vertical drag from the first to the third selects no range.
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
"$cli" --db "$db" admin init-team >/dev/null
for user in anna ben; do
    echo "pw-of-$user-long" | "$cli" --db "$db" admin add-user "${server_db}_$user" --role rep --new-password-stdin >/dev/null
done
user_url() { echo "${db/:\/\/*@/://${server_db}_$1@}"; }
for title in "Ben one" "Ben two" "Ben three"; do
    echo "pw-of-ben-long" | "$cli" --db "$(user_url ben)" --password-stdin add --title "$title" >/dev/null
done
echo "pw-of-anna-long" | "$app" --db "$(user_url anna)" --password-stdin >"$work/anna.log" 2>&1 &
app_pid=$!
for _ in $(seq 100); do
    xdotool search --name DealBoard >/dev/null 2>&1 && break
    sleep 0.1
done
sleep 2
# Ben three (newest) is the top card, Ben one the third.
drag 104 225 104 469
pixel() {
    xwd -root -silent | xwdtopnm 2>/dev/null | pamcut -left "$1" -top "$2" -width 1 -height 1 | pnmdepth 255 \
        | pnmnoraw | tail -1 | xargs
}
# A card drawn selected is light blue (238 244 255); a teammate's, grey.
third="$(pixel 150 519)"
if [[ "$third" != "238 239 242" ]]; then
    echo "a vertical drag on a teammate's card selected a range: the third card is drawn $third, not grey"
    xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng >"${DEALBOARD_X11_SHOTS:-$work}/teammate-drag.png" || true
    exit 1
fi
echo "a drag on a teammate's card selected no range"
