#!/usr/bin/env bash
# Sets up, builds and shows DealBoard. Until the board exists, this builds a
# sample pipeline in a separate sample database (never your own) and lists it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build_dealboard
CLI="$BUILD_DIR/src/cli/dealboard-cli"
SAMPLE_DIR="${XDG_DATA_HOME:-$HOME/.local/share}/DealBoard/sample"
mkdir -p "$SAMPLE_DIR"
chmod 700 "$SAMPLE_DIR"
SAMPLE_DB="$SAMPLE_DIR/sample-pipeline.dealboard"
if [[ ! -f "$SAMPLE_DB" ]]; then
    "$CLI" --db "$SAMPLE_DB" seed --deals 60 --seed 2026
fi
"$CLI" --db "$SAMPLE_DB" list --status open
echo
echo "Sample database: $SAMPLE_DB"
echo "Try: $CLI --db \"$SAMPLE_DB\" show 1"
