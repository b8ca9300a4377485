#!/usr/bin/env bash
# Builds the libFuzzer target for the CSV reader and the deal import with clang
# (AddressSanitizer and UndefinedBehaviorSanitizer on) and runs it for a bounded
# time: scripts/fuzz.sh [SECONDS] (default 60). Crashes are saved under
# build/fuzz/artifacts and fail the run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_TO_RUN="${1:-60}"
"$ROOT/scripts/deps.sh"
BUILD="$ROOT/build/fuzz"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DDEALBOARD_FUZZ=ON -DDEALBOARD_BUILD_GUI=OFF -DDEALBOARD_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" --target csv_fuzzer
mkdir -p "$BUILD/corpus" "$BUILD/artifacts"
cp -n "$ROOT"/fuzz/corpus/* "$BUILD/corpus/" 2>/dev/null || true
"$BUILD/fuzz/csv_fuzzer" "$BUILD/corpus" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -timeout=10 \
    -artifact_prefix="$BUILD/artifacts/" -print_final_stats=1 2>&1 | tail -15
echo "fuzz: ran for ${SECONDS_TO_RUN} s with no crash"
