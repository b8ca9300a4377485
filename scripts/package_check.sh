#!/usr/bin/env bash
# Builds the .deb, checks its file list and dependencies with dpkg-deb,
# installs it, runs the installed programs on a seeded pipeline, and removes
# it again: the user's pipeline must still be there. Needs root (or sudo).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    sudo_cmd=(sudo -n)
fi
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

deb="$("$ROOT/scripts/package.sh" | tail -1)"
echo "Package: $deb"
version="$(sed -n 's/^project(DealBoard VERSION \([0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt")"
[[ "$(basename "$deb")" == "dealboard_${version}_amd64.deb" ]] || fail "package named $(basename "$deb")"

contents="$(dpkg-deb -c "$deb" | awk '{ print $6 }')"
expected=(
    ./usr/bin/dealboard
    ./usr/bin/dealboard-cli
    ./usr/share/applications/org.dealboard.DealBoard.desktop
    ./usr/share/metainfo/org.dealboard.DealBoard.metainfo.xml
    ./usr/share/mime/packages/org.dealboard.DealBoard.mime.xml
    ./usr/share/icons/hicolor/scalable/apps/org.dealboard.DealBoard.svg
    ./usr/share/man/man1/dealboard.1
    ./usr/share/man/man1/dealboard-cli.1
    ./usr/share/bash-completion/completions/dealboard-cli
    ./usr/share/doc/dealboard/user-guide.md
)
for size in 16 22 24 32 48 64 128 256 512; do
    expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/org.dealboard.DealBoard.png")
done
for path in "${expected[@]}"; do
    grep -qxF -- "$path" <<<"$contents" || fail "the package lacks $path"
done
if grep -E '^\./usr/(local|lib/.*\.a$|include)' <<<"$contents"; then
    fail "the package holds build files"
fi

depends="$(dpkg-deb -f "$deb" Depends)"
echo "Depends: $depends"
for needed in libqt6sql6-sqlite qt6-qpa-plugins libqt6svg6 libqt6charts6 libqt6widgets6 libsqlite3-0 libspdlog1.10; do
    grep -q -- "$needed" <<<"$depends" || fail "Depends lacks $needed"
done

"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "$deb" >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work" XDG_DATA_HOME="$work/data" DEALBOARD_NOW=2026-03-15T10:00:00Z
[[ "$(/usr/bin/dealboard-cli --version)" == "dealboard-cli $version" ]] || fail "installed dealboard-cli --version"
[[ "$(QT_QPA_PLATFORM=offscreen /usr/bin/dealboard --version 2>/dev/null)" == "DealBoard $version" ]] \
    || fail "installed dealboard --version"
/usr/bin/dealboard-cli --db "$work/pipeline.dealboard" seed --deals 50 --seed 2 >/dev/null || fail "installed seed"
report="$(/usr/bin/dealboard-cli --db "$work/pipeline.dealboard" report --format json)" || fail "installed report"
grep -q '"deals": 50' <<<"$report" || fail "the installed report does not count the 50 seeded deals"
man -w dealboard-cli >/dev/null 2>&1 || fail "man dealboard-cli finds no page"

"${sudo_cmd[@]}" apt-get remove -y -q dealboard >/dev/null
[[ ! -e /usr/bin/dealboard-cli ]] || fail "dealboard-cli is still installed after removal"
[[ -s "$work/pipeline.dealboard" ]] || fail "removing the package took the user's pipeline"

if ((failures > 0)); then
    exit 1
fi
echo "The package installs, works, and leaves the user's pipeline when removed."
