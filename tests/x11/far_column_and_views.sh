#!/usr/bin/env bash
# On a 1024x768 screen under a real X server (Xvfb + xdotool): a card moved
# with Ctrl+Shift+Right into a column beyond the right edge is scrolled into
# sight, selected; Ctrl+6 and Ctrl+7 open the Forecast and Quotas tabs, each
# with an Export CSV… that writes its table.
# Usage: far_column_and_views.sh DEALBOARD DEALBOARD_CLI
set -euo pipefail
app="$1"
cli="$2"
# shellcheck source=board_session.sh
source "$(dirname "${BASH_SOURCE[0]}")/board_session.sh"
"$cli" --db "$db" add --title Far --stage negotiation --value 12500 --close-date 2027-01-20 \
    --willing --need --budget >/dev/null
"$cli" --db "$db" quota set "Alice Martin" "$(date +%Y-%m)" 150000 EUR >/dev/null

start_board
shot() { xwd -root -silent | xwdtopnm 2>/dev/null; }
pixel() { shot | pamcut -left "$1" -top "$2" -width 1 -height 1 | pnmdepth 255 | pnmnoraw | tail -1 | xargs; }
keep() { shot | pnmtopng >"${DEALBOARD_X11_SHOTS:-$work}/$1.png" || true; }

# The window fills the 1024-pixel screen: Prospecting to Negotiation show,
# Closing stands beyond the right edge. Click Far (Negotiation's only card)
# and move it on with the keys.
xdotool mousemove 880 225 click 1
sleep 0.4
xdotool key ctrl+shift+Right
sleep 1.2
[[ "$(stage_of 1)" == closing ]] || { echo "Ctrl+Shift+Right did not move Far"; cat "$work/app.log"; exit 1; }
# A card drawn selected is light blue (238 244 255): Far's card, in sight
# where Negotiation's stood before the board scrolled.
at="$(pixel 985 200)"
if [[ "$at" != "238 244 255" ]]; then
    echo "the card moved into Closing is not in sight: the board shows $at where it should be"
    keep far-column
    exit 1
fi
echo "the card moved into a far column was brought into sight"

# Ctrl+6: the Forecast tab, its Export writes the forecast with a currency column.
export_from() { # key, x, y of its Export CSV…, file
    xdotool mousemove 500 697 click 1 # the status bar: the keyboard back in the window
    sleep 0.3
    xdotool key "$1"
    sleep 1
    xdotool mousemove "$2" "$3" click 1
    for _ in $(seq 50); do
        xdotool search --name "Export the" >/dev/null 2>&1 && break
        sleep 0.1
    done
    sleep 0.5
    xdotool key ctrl+a
    xdotool type --delay 20 "$work/$4"
    xdotool key Return
    sleep 1
}
export_from ctrl+6 960 148 forecast.csv
head -1 "$work/forecast.csv" 2>/dev/null | grep -q '^bucket,owner,currency,' || {
    echo "Ctrl+6 and its Export CSV… did not write the forecast"
    keep forecast-tab
    exit 1
}
export_from ctrl+7 966 89 quotas.csv
head -1 "$work/quotas.csv" 2>/dev/null | grep -q '^month,owner,currency,' || {
    echo "Ctrl+7 and its Export CSV… did not write the quotas"
    keep quotas-tab
    exit 1
}
echo "Ctrl+6 and Ctrl+7 opened the Forecast and Quotas tabs, each exporting its table"
