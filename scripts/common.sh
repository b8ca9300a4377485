# Shared by run.sh, test.sh and bench.sh: where the build lives and how to make it.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${DEALBOARD_BUILD_DIR:-$ROOT/build/default}"

build_dealboard() {
    "$ROOT/scripts/deps.sh"
    cmake --preset default -S "$ROOT" -B "$BUILD_DIR" "$@" >/dev/null
    cmake --build "$BUILD_DIR"
}
