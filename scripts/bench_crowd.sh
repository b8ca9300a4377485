#!/usr/bin/env bash
# Three hundred reps live on one server (docs/performance.md, "Many reps
# live"): a throwaway PostgreSQL server on loopback with a real server's
# settings and room for the connections, 40 shared deals, BOARDS simulated
# boards (300 by default), each with its own connection and LISTEN re-reading
# what a board reads on every notification, while one more connection moves
# the shared deals MOVES times a second (5) for SECONDS (600). Writes
# docs/performance-crowd.md, which scripts/bench.sh includes (`--no-docs`:
# prints it instead). Never part of the test suite; nothing is asserted but
# that no change was lost or read twice.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_figures_dir "$@"
source "$ROOT/scripts/pg_test_server.sh"

export DEALBOARD_BUILD_DIR="${DEALBOARD_BUILD_DIR:-$ROOT/build/default}"
build_dealboard -DDEALBOARD_BUILD_BENCHMARKS=ON
CLI="$BUILD_DIR/src/cli/dealboard-cli"
LOAD="$BUILD_DIR/bench/dealboard_live_load"
BOARDS="${BOARDS:-300}"
MOVES="${MOVES:-5}"
SECONDS_RUN="${SECONDS_RUN:-600}"
DEALS=40
WORK="$(mktemp -d)"
export PG_TEST_MAX_CONNECTIONS=$((BOARDS + 20))
pg_test_server_start durable
trap 'pg_test_server_stop; rm -rf "$WORK"' EXIT
export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config"
psql -X -q "$DEALBOARD_TEST_PG_URL" -c "CREATE DATABASE crowd" >/dev/null
DB="${DEALBOARD_TEST_PG_URL%/postgres}/crowd"
"$CLI" --db "$DB" init >/dev/null
"$LOAD" prepare "$DB" "$DEALS"

echo "$BOARDS boards live, $MOVES moves a second on $DEALS shared deals, for $SECONDS_RUN s"
status=0
/usr/bin/time -f "%M" -o "$WORK/load_kb" \
    "$LOAD" crowd "$DB" "$BOARDS" "$MOVES" "$SECONDS_RUN" "$DEALS" "$PG_TEST_DIR/data" >"$WORK/crowd.json" || status=$?
cat "$WORK/crowd.json"
"$CLI" --db "$DB" check >"$WORK/check.txt" || {
    cat "$WORK/check.txt"
    exit 1
}

python3 - "$WORK" "$FIGURES_DIR/performance-crowd.md" <<'PY'
import json, os, sys, datetime
work, out = sys.argv[1], sys.argv[2]
r = json.load(open(os.path.join(work, "crowd.json")))
load_mb = int(open(os.path.join(work, "load_kb")).read().split()[-1]) / 1024
rows = [
    (f"C1. A move seen by each of {r['boards']} boards (its start to the board's re-read), median / p99",
     f"{r['notification_p50_ms']:.0f} / {r['notification_p99_ms']:.0f} ms ({r['changes_read']} reads of {r['changes_expected']} expected)",
     "p99 under 1,000 ms", r['notification_p99_ms'] < 1000),
    ("C2. A move under that load, median / p99", f"{r['action_p50_ms']:.1f} / {r['action_p99_ms']:.1f} ms",
     "p99 under 100 ms", r['action_p99_ms'] < 100),
    ("C3. The server's memory: proportional set size of every process of its cluster (peak seen)", f"{r['server_memory_mb']:.0f} MB", "", None),
    ("C4. Changes lost / read twice, every board against the data", f"{r['lost']} / {r['doubled']}", "none", r['lost'] == 0 and r['doubled'] == 0),
]
marks = {True: "met", False: "**missed**", None: ""}
lines = ["## Many reps live on one server", "",
         f"Measured {datetime.date.today().isoformat()} by `scripts/bench_crowd.sh`, same machine (2 cores for the server and every board),",
         "PostgreSQL 15 on loopback with fsync on and `max_connections` above the boards. "
         f"{r['boards']} simulated boards in one process of {load_mb:.0f} MB, each with its own connection and LISTEN, re-read what",
         f"the board reads on every notification (every deal's version, then each deal changed); one more connection made",
         f"{r['moves']} moves in {r['seconds']:.0f} s on 40 shared deals ({r['refused']} refused).", "",
         "| figure | measured | target | |", "|---|---|---|---|"]
lines += [f"| {a} | {b} | {c} | {marks[d]} |" for a, b, c, d in rows]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
exit "$status"
