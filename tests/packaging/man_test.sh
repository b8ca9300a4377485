#!/usr/bin/env bash
# The man pages render without a groff warning, and dealboard-cli.1 names every
# command that the CLI's own --help names. Usage: man_test.sh MAN_FOLDER DEALBOARD_CLI
set -uo pipefail
folder="$1"
cli="$2"
failures=0
for page in "$folder"/dealboard.1 "$folder"/dealboard-cli.1; do
    warnings=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1)
    if [[ -n "$warnings" ]]; then
        echo "FAIL: $page: $warnings"
        failures=$((failures + 1))
    fi
done
text=$(LC_ALL=C.UTF-8 groff -man -Tutf8 "$folder/dealboard-cli.1" 2>/dev/null | sed 's/.\x08//g')
for command in $("$cli" --help | sed -n '/^Commands:/,/^Deal options/p' | grep -oE '^  [a-z]+' | sort -u); do
    if ! grep -qw -- "$command" <<<"$text"; then
        echo "FAIL: dealboard-cli.1 does not name '$command'"
        failures=$((failures + 1))
    fi
done
if ((failures > 0)); then
    exit 1
fi
echo "man pages: no warnings, every command named"
