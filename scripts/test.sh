#!/usr/bin/env bash
# Sets up, builds and runs every test: core, CLI and GUI (offscreen).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build_dealboard -DDEALBOARD_BUILD_TESTS=ON
export QT_QPA_PLATFORM=offscreen
cd "$BUILD_DIR"
ctest --output-on-failure -j "$(nproc)"
