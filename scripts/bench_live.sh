#!/usr/bin/env bash
# Many clients on one server (docs/performance.md, "Live on a server"): a
# throwaway PostgreSQL server on loopback with a real server's settings, 40
# shared deals, 8 client processes doing 1,000 mixed actions each (moves,
# edits, activities, each with the version it read, so they refuse each
# other as stale), and one more client following the notifications. Then
# every acknowledged action must be in the data and in the change log, once,
# and check must be clean. Writes docs/performance-live.md, which
# scripts/bench.sh includes. Never part of the test suite.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_figures_dir "$@"
source "$ROOT/scripts/pg_test_server.sh"

export DEALBOARD_BUILD_DIR="${DEALBOARD_BUILD_DIR:-$ROOT/build/default}"
build_dealboard -DDEALBOARD_BUILD_BENCHMARKS=ON
CLI="$BUILD_DIR/src/cli/dealboard-cli"
LOAD="$BUILD_DIR/bench/dealboard_live_load"
CLIENTS="${CLIENTS:-8}"
ACTIONS="${ACTIONS:-1000}"
DEALS=40
WORK="$(mktemp -d)"
pg_test_server_start durable
trap 'pg_test_server_stop; rm -rf "$WORK"' EXIT
export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config"
psql -X -q "$DEALBOARD_TEST_PG_URL" -c "CREATE DATABASE live" >/dev/null
DB="${DEALBOARD_TEST_PG_URL%/postgres}/live"
"$CLI" --db "$DB" init >/dev/null
"$LOAD" prepare "$DB" "$DEALS"

"$LOAD" listen "$DB" "$WORK/listener.txt" "$WORK/stop" &
listener=$!
sleep 1
echo "$CLIENTS clients, $ACTIONS actions each, on $DEALS shared deals"
started=$(date +%s.%N)
pids=()
for worker in $(seq "$CLIENTS"); do
    "$LOAD" work "$DB" "$worker" "$ACTIONS" "$DEALS" "$WORK/worker-$worker.txt" &
    pids+=($!)
done
for pid in "${pids[@]}"; do
    wait "$pid"
done
finished=$(date +%s.%N)
touch "$WORK/stop"
wait "$listener"

"$LOAD" verify "$DB" "$WORK" >"$WORK/verify.json" || {
    cat "$WORK/verify.json"
    echo "Acknowledged actions and the data or the change log disagree." >&2
    exit 1
}
"$CLI" --db "$DB" check >"$WORK/check.txt" || {
    cat "$WORK/check.txt"
    exit 1
}

python3 - "$WORK" "$FIGURES_DIR/performance-live.md" "$CLIENTS" "$ACTIONS" "$started" "$finished" <<'PY'
import json, os, sys, datetime
work, out, clients, actions, started, finished = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
summary = json.load(open(os.path.join(work, "verify.json")))
times = []
for name in os.listdir(work):
    if name.startswith("worker-"):
        for line in open(os.path.join(work, name)):
            parts = line.split()
            if parts[0] in ("ok", "stale"):
                times.append(float(parts[4]))
late = [float(line) for line in open(os.path.join(work, "listener.txt")) if line.strip()]
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")
total = summary["acknowledged"] + summary["stale"] + summary["errors"]
rows = [
    (f"L1. {clients} clients x {actions} mixed actions on 40 shared deals", f"{total} actions in {finished - started:.1f} s: {summary['acknowledged']} done, {summary['stale']} refused as stale, {summary['errors']} other errors", "no other error", summary["errors"] == 0),
    ("L2. Every acknowledged action in the data and the change log, once; check clean", f"{summary['acknowledged_not_logged_once']} missing, {summary['logged_not_acknowledged']} unexplained, {summary['data_faults']} data faults", "none", summary["acknowledged_not_logged_once"] == 0 and summary["logged_not_acknowledged"] == 0 and summary["data_faults"] == 0),
    ("L3. An action under that load (writers take turns), median / p99", f"{pct(times, 50):.2f} / {pct(times, 99):.2f} ms", "", None),
    ("L4. A change seen by another client (its start to the other's re-read), median / p99", f"{pct(late, 50):.0f} / {pct(late, 99):.0f} ms ({len(late)} changes)", "under 1,000 ms", pct(late, 99) < 1000),
]
marks = {True: "met", False: "**missed**", None: ""}
lines = ["## Live on a server", "",
         f"Measured by `scripts/bench_live.sh` on {datetime.date.today().isoformat()}, same machine and server settings as above;",
         "each client is a process of its own, and one more follows the server's notifications.", "",
         "| figure | measured | target | |", "|---|---|---|---|"]
lines += [f"| {a} | {b} | {c} | {marks[d]} |" for a, b, c, d in rows]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
