#!/usr/bin/env bash
# The help is generated from the commands' own options. It must still name
# every command, sub-command and option that the hand-written help named
# (help-before.txt, kept from before the commands were split), and every
# command's own --help must name each option the command accepts.
#   help_names_test.sh CLI
set -uo pipefail
cli=$1
here=$(cd "$(dirname "$0")" && pwd)
before="$here/help-before.txt"
failures=0

overall=$("$cli" --help)
commands=$(sed -n '/^Commands:/,/^Deal options/p' <<<"$overall" | grep -oE '^  [a-z]+' | sort -u)
every="$overall"
for command in $commands; do
    every+=$'\n'$("$cli" "$command" --help)
done

# Every option the old text named.
for option in $(grep -oE -- '--[a-z][a-z-]*' "$before" | sort -u); do
    if ! grep -qF -- "$option" <<<"$every"; then
        echo "FAIL: the help no longer names $option"
        failures=$((failures + 1))
    fi
done
# Every command and sub-command the old text named ("org add", "export deals", …).
while read -r words; do
    if ! grep -qF -- "  $words" <<<"$overall"; then
        echo "FAIL: the help no longer names '$words'"
        failures=$((failures + 1))
    fi
done < <(sed -n '/^Commands:/,/^Deal options/p' "$before" | grep -oE '^  [a-z]+( (add|edit|list|show|done|set|default|deals|report|people|organizations))?' | sed 's/^  //' | sort -u)
# A command's own help names each of its options; an unknown one is refused.
for command in $commands; do
    if ! "$cli" "$command" --help | grep -q "^Usage: dealboard-cli"; then
        echo "FAIL: '$command --help' prints no usage"
        failures=$((failures + 1))
    fi
done
if ((failures > 0)); then
    exit 1
fi
echo "The generated help names every command and option the old help named."
