#!/usr/bin/env bash
# Sets up, builds and runs every test: core, CLI and GUI (offscreen), first in
# the normal build, then again under AddressSanitizer and UndefinedBehaviorSanitizer,
# then the CSV fuzzer for a short while. DEALBOARD_QUICK=1 runs the normal build only.
# The store, service, report, import/export and CLI tests run on both backends:
# SQLite files, and a throwaway PostgreSQL server started here (loopback only,
# removed on exit). Without the server's binaries that half says why it skips;
# under CI=true it fails instead.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$ROOT/scripts/pg_test_server.sh"

export QT_QPA_PLATFORM=offscreen
# The benchmark programs are built too (never run here), so that they always compile.
build_dealboard -DDEALBOARD_BUILD_TESTS=ON -DDEALBOARD_BUILD_BENCHMARKS=ON
if ! pg_test_server_start fast; then
    if [[ "${CI:-}" == "true" ]]; then
        echo "Under CI the PostgreSQL half of the suite must run." >&2
        exit 1
    fi
    echo "The PostgreSQL half of the suite will say it is skipped." >&2
fi
(cd "$BUILD_DIR" && ctest --output-on-failure -j "$(nproc)")

if [[ "${DEALBOARD_QUICK:-0}" == "1" ]]; then
    exit 0
fi

echo "== The Debian package: built, checked, installed, run and removed"
if [[ $(id -u) -eq 0 ]] || sudo -n true 2>/dev/null; then
    "$ROOT/scripts/package_check.sh"
else
    echo "Skipped: installing the package needs root or sudo."
fi

echo "== The same tests under AddressSanitizer and UndefinedBehaviorSanitizer"
SANITIZE_DIR="$ROOT/build/sanitize"
cmake --preset sanitize -S "$ROOT" -B "$SANITIZE_DIR" -DDEALBOARD_BUILD_TESTS=ON >/dev/null
cmake --build "$SANITIZE_DIR"
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
(cd "$SANITIZE_DIR" && ctest --output-on-failure -j "$(nproc)" --timeout 600)

echo "== The CSV fuzzer, briefly"
"$ROOT/scripts/fuzz.sh" "${DEALBOARD_FUZZ_SECONDS:-60}"

echo "== Back to the normal build's results"
cd "$BUILD_DIR"
ctest --output-on-failure -j "$(nproc)"
