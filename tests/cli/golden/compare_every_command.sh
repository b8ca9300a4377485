#!/usr/bin/env bash
# Runs every_command.sh and compares what the CLI printed and exported with the
# expected copy, byte for byte.
#   compare_every_command.sh CLI
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
actual=$(mktemp -d)
trap 'rm -rf "$actual"' EXIT
bash "$here/every_command.sh" "$1" "$actual/run"
if ! diff -ru "$here/expected" "$actual/run"; then
    echo "The CLI's output or exports changed (above: expected, then now)." >&2
    echo "If the change is wanted, regenerate: tests/cli/golden/every_command.sh CLI tests/cli/golden/expected" >&2
    exit 1
fi
echo "Every command printed and exported the same bytes as expected."
