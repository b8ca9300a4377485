#!/usr/bin/env bash
# Renders the pictures in docs/ with the app itself, from a seeded sample
# pipeline in a temporary folder (never your own data).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build_dealboard
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config"
CLI="$BUILD_DIR/src/cli/dealboard-cli"
APP="$BUILD_DIR/src/app/dealboard"
DB="$WORK/sample.dealboard"

"$CLI" --db "$DB" seed --deals 300 --seed 2026 >/dev/null
"$APP" --db "$DB" --screenshot "$ROOT/docs/board.png"

# An unqualified deal in Qualifying with a value, dragged to Contacting.
DEAL=$("$CLI" --db "$DB" list --stage qualifying --status open --format csv |
    awk -F, 'NR > 1 && $13 == "no" && $14 == "no" && $15 == "no" && $10 != "0.00" { print $1; exit }')
"$APP" --db "$DB" --screenshot "$ROOT/docs/refused-move.png" --screenshot-refusal "$DEAL:contacting"
# The Reports view with two goals set, one met and one missed.
"$CLI" --db "$DB" goal qualifying --conversion 0.7 --median-days 20 >/dev/null
"$CLI" --db "$DB" goal negotiation --median-days 10 >/dev/null
"$APP" --db "$DB" --view reports --screenshot "$ROOT/docs/reports.png"
"$APP" --db "$DB" --view attention --screenshot "$ROOT/docs/attention.png"
"$APP" --db "$DB" --view organizations --screenshot "$ROOT/docs/organizations.png"
# The details pane of a deal in Negotiation, with two notes.
DEAL=$("$CLI" --db "$DB" list --stage negotiation --status open --format csv | awk -F, 'NR == 2 { print $1 }')
"$CLI" --db "$DB" note add "$DEAL" --actor "Chloé Dubois" \
    --text "Their CFO signed off the budget. Legal wants our standard DPA before the final round." >/dev/null
"$CLI" --db "$DB" note add "$DEAL" --actor "Chloé Dubois" \
    --text $'Call with procurement:\n- three sites in the first year\n- asks for a fixed price on training' >/dev/null
"$APP" --db "$DB" --screenshot "$ROOT/docs/deal-details.png" --screenshot-details "$DEAL"
# The manager's desk: two owners' quotas for this month, Negotiation at 50 %;
# the forecast and the quotas tabs, and the pipeline review's two pages.
MONTH=$(date +%Y-%m)
"$CLI" --db "$DB" quota set "Alice Martin" "$MONTH" 150000 EUR >/dev/null
"$CLI" --db "$DB" quota set "Bruno Keller" "$MONTH" 120000 EUR >/dev/null
"$CLI" --db "$DB" probability set negotiation 0.5 >/dev/null
"$APP" --db "$DB" --view forecast --screenshot "$ROOT/docs/forecast.png"
"$APP" --db "$DB" --view quotas --screenshot "$ROOT/docs/quotas.png"
"$CLI" --db "$DB" export review --out "$WORK/review.pdf" >/dev/null 2>&1
pdftoppm -r 80 -png "$WORK/review.pdf" "$ROOT/docs/pipeline-review"
echo "Wrote docs/board.png, refused-move.png, reports.png, attention.png, organizations.png, deal-details.png,"
echo "forecast.png, quotas.png and pipeline-review-1.png, -2.png"
