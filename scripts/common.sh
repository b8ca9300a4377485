# Shared by run.sh, test.sh and bench.sh: where the build lives and how to make it.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${DEALBOARD_BUILD_DIR:-$ROOT/build/default}"

build_dealboard() {
    "$ROOT/scripts/deps.sh"
    cmake --preset default -S "$ROOT" -B "$BUILD_DIR" "$@" >/dev/null
    cmake --build "$BUILD_DIR"
}

# Where the benchmarks write their figures: docs/, which they rewrite. With
# `--no-docs` among a benchmark's arguments (or DEALBOARD_BENCH_DOCS=0) they
# measure the same into a folder of their own and print what they found;
# docs/ is left as it is.
FIGURES_DIR="$ROOT/docs"
bench_figures_dir() {
    local arg
    for arg in "$@"; do
        if [[ "$arg" == "--no-docs" ]]; then
            DEALBOARD_BENCH_DOCS=0
        fi
    done
    if [[ "${DEALBOARD_BENCH_DOCS:-1}" == "0" ]]; then
        FIGURES_DIR="$(mktemp -d)"
        cp "$ROOT"/docs/performance-*.md "$FIGURES_DIR"/ 2>/dev/null || true
        echo "Figures go to $FIGURES_DIR; docs/ is left as it is."
    fi
}
