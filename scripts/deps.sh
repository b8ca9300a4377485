#!/usr/bin/env bash
# Installs, from Debian 12's packages, whatever DealBoard needs to build, test
# and run that is not on this machine yet. Does nothing when all is there.
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev libqt6sql6-sqlite
    libgl1-mesa-dev libxkbcommon-dev
    libspdlog-dev libsqlite3-dev libgtest-dev libgmock-dev libbenchmark-dev
    libqt6svg6 sqlite3 xvfb xauth xdotool fonts-dejavu-core
    desktop-file-utils appstream libxml2-utils bash-completion groff-base
    dpkg-dev man-db
    postgresql-15 libqt6sql6-psql libpq-dev libssl-dev openssl qtkeychain-qt6-dev gnome-keyring dbus-daemon
    poppler-utils python3-icalendar python3-vobject x11-apps netpbm
)

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    if [[ "$status" != "installed" ]]; then
        missing+=("$package")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

echo "Installing missing packages: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
