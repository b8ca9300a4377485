#!/usr/bin/env bash
# Runs a command with a real keyring to talk to: a session bus of its own
# (dbus-run-session) and an unlocked GNOME Keyring in a throwaway home, both
# gone afterwards. The Keyring GUI test runs under it (tests/gui/CMakeLists.txt).
set -euo pipefail
if [[ "${1:-}" != "--inside" ]]; then
    exec dbus-run-session -- bash "$0" --inside "$@"
fi
shift
home="$(mktemp -d)"
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config"
printf '%s' "dealboard-test-keyring" | gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$home/keyring.log" 2>&1 &
keyring=$!
trap 'kill "$keyring" 2>/dev/null || true; wait "$keyring" 2>/dev/null || true; rm -rf "$home"' EXIT
# The daemon answers on the bus once it has claimed the secrets service.
for _ in $(seq 50); do
    if grep -q "GNOME_KEYRING_CONTROL" "$home/keyring.log" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
"$@"
