#!/usr/bin/env bash
# The bash completion of dealboard-cli completes every command the CLI's own
# --help names, the sub-commands and the stage slugs.
# Usage: completion_test.sh COMPLETION_SCRIPT DEALBOARD_CLI
set -uo pipefail
source /usr/share/bash-completion/bash_completion
source "$1"
cli="$2"
failures=0

complete_line() {
    # Completes the last word of "$@" as bash would.
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _dealboard_cli dealboard-cli "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}"
}
expect() {
    local want="$1"
    shift
    # Captured first: grep -q leaving a pipe early would fail the pipeline.
    local completions
    completions=$(complete_line "$@")
    if ! grep -qx -- "$want" <<<"$completions"; then
        echo "FAIL: '$*' does not complete to '$want'"
        failures=$((failures + 1))
    fi
}

# Every command the help names.
for command in $("$cli" --help | sed -n '/^Commands:/,/^Deal options/p' | grep -oE '^  [a-z]+' | sort -u); do
    expect "$command" dealboard-cli "${command:0:2}"
done
expect move dealboard-cli --db x.dealboard mo
expect contacting dealboard-cli move 12 con
expect deals dealboard-cli export de
expect people dealboard-cli import pe
expect --dry-run dealboard-cli import deals file.csv --dr
expect negotiation dealboard-cli list --stage ne
expect json dealboard-cli report --format js
expect done dealboard-cli activity do
expect --conversion dealboard-cli goal qualifying --co
if ((failures > 0)); then
    exit 1
fi
echo "completion: every command and the checked words complete"
