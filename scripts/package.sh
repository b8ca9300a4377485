#!/usr/bin/env bash
# Builds DealBoard and its Debian package with CPack into
# $DEALBOARD_PACKAGE_DIR (default build/package/); prints the package's path.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build_dealboard >&2
out="${DEALBOARD_PACKAGE_DIR:-$ROOT/build/package}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -f "$out"/dealboard_*.deb
(cd "$BUILD_DIR" && cpack -G DEB -B "$out" >&2)
ls "$out"/dealboard_*.deb
