# Shared by the real-X tests, sourced after `app` and `cli` are set: a
# throwaway folder (removed, with the board stopped, on exit) holding the
# pipeline file `db` and the board's settings; start_board opens the board on
# it and waits for its window; stage_of reads a deal's stage through the CLI.
work="$(mktemp -d)"
cleanup() {
    kill "${app_pid:-0}" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
db="$work/pipeline.dealboard"
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" QT_QPA_PLATFORM=xcb

start_board() {
    "$app" --db "$db" >"$work/app.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 100); do
        xdotool search --name DealBoard >/dev/null 2>&1 && break
        sleep 0.1
    done
    sleep 1.5
}

stage_of() { "$cli" --db "$db" show "$1" --format json | sed -n 's/.*"stage": *"\([a-z]*\)".*/\1/p'; }
