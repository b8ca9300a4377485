#!/usr/bin/env bash
# The server figures beside the file's (docs/performance.md): a throwaway
# PostgreSQL server on loopback with a real server's settings (fsync on),
# a seeded 100,000-deal file copied up, the board's paint and full read, the
# conversion report and moves. Writes docs/performance-server.md, which
# scripts/bench.sh includes. Never part of the test suite; nothing asserted.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_figures_dir "$@"
source "$ROOT/scripts/pg_test_server.sh"

export DEALBOARD_BUILD_DIR="${DEALBOARD_BUILD_DIR:-$ROOT/build/default}"
build_dealboard -DDEALBOARD_BUILD_BENCHMARKS=ON
CLI="$BUILD_DIR/src/cli/dealboard-cli"
APP="$BUILD_DIR/src/app/dealboard"
BENCH="$BUILD_DIR/bench/dealboard_bench"
WORK="$(mktemp -d)"
chmod 755 "$WORK"
pg_test_server_start durable
trap 'pg_test_server_stop; rm -rf "$WORK"' EXIT
export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" QT_QPA_PLATFORM=offscreen
RUNS=3
DEALS="${DEALBOARD_BENCH_DEALS:-100000}"
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
psql_admin() { psql -X -q "$DEALBOARD_TEST_PG_URL" "$@"; }
SERVER="${DEALBOARD_TEST_PG_URL%/postgres}"

echo "Seeding a $DEALS-deal file"
"$CLI" --db "$WORK/seed.dealboard" seed --deals "$DEALS" --seed 1 >/dev/null

echo "1. copy of the file up to the server ($RUNS runs)"
for run in $(seq $RUNS); do
    psql_admin -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench" >/dev/null 2>&1
    "$CLI" copy --from "$WORK/seed.dealboard" --to "$SERVER/bench" | sed -E 's/.* in ([0-9]+) ms.*/\1/'
done | median >"$WORK/copy_ms"
"$CLI" --db "$SERVER/bench" check >/dev/null

echo "2. Painted board and every deal read ($RUNS runs)"
for run in $(seq $RUNS); do
    "$APP" --db "$SERVER/bench" --quit-after-load 2>/dev/null >"$WORK/paint_run"
    awk '{ print $4 }' "$WORK/paint_run" >>"$WORK/paint_runs"
    sed -E 's/.*all of them read in ([0-9]+) ms.*/\1/' "$WORK/paint_run" >>"$WORK/read_runs"
done
median <"$WORK/paint_runs" >"$WORK/paint_ms"
median <"$WORK/read_runs" >"$WORK/read_ms"

echo "4. The report's GROUP BY floor and the export against psql \\copy ($RUNS runs each)"
# psql's own time for each statement (\timing), summed: the deals by stage and
# status, and every stage entry by stage, which the report's figures come from.
psql_ms() { psql -X -q "$SERVER/bench" -c '\timing on' "$@" | sed -nE 's/^Time: ([0-9.]+) ms.*/\1/p' | paste -sd+ | bc; }
for run in $(seq $RUNS); do
    psql_ms -c "SELECT stage, status, currency, count(*), sum(value_minor) FROM deals GROUP BY 1, 2, 3" \
        -c "SELECT to_stage, to_status, count(*), count(DISTINCT deal_id), min(at), max(at) FROM stage_history GROUP BY 1, 2" \
        -o /dev/null
done | median >"$WORK/group_ms"
for run in $(seq $RUNS); do
    start=$(date +%s%3N)
    "$CLI" --db "$SERVER/bench" export deals --out "$WORK/server-deals.csv" 2>/dev/null
    echo $(($(date +%s%3N) - start))
done | median >"$WORK/export_ms"
for run in $(seq $RUNS); do
    start=$(date +%s%3N)
    psql -X -q "$SERVER/bench" -c "\\copy (SELECT d.id, d.title, o.name, p.name, p.email, p.phone, d.owner, d.stage, d.status, d.value_minor, d.currency, d.expected_close, d.willing, d.need, d.budget, d.lost_reason, d.created_at, d.stage_entered_at FROM deals d LEFT JOIN organizations o ON o.id = d.organization_id LEFT JOIN people p ON p.id = d.person_id ORDER BY d.id) TO '$WORK/psql-deals.csv' CSV HEADER"
    echo $(($(date +%s%3N) - start))
done | median >"$WORK/copy_out_ms"

echo "3. Report, moves and the board's model (Google Benchmark)"
DEALBOARD_BENCH_DB="$SERVER/bench" "$BENCH" --benchmark_filter='openAndLoadBoard|moveDeal|conversionReport' \
    --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
    --benchmark_format=json --benchmark_out="$WORK/bench.json" --benchmark_out_format=json >/dev/null

OUT="$FIGURES_DIR/performance-server.md"
if [[ "$DEALS" -ge 1000000 ]]; then
    OUT="$FIGURES_DIR/performance-server-million.md"
fi
python3 - "$WORK" "$OUT" "$DEALS" <<'PY'
import json, os, sys, datetime
work, out, deals = sys.argv[1], sys.argv[2], int(sys.argv[3])
n = f"{deals:,}"
read = lambda name: float(open(os.path.join(work, name)).read().strip())
bench = {}
for b in json.load(open(os.path.join(work, "bench.json")))["benchmarks"]:
    if b.get("aggregate_name") == "median":
        bench[b["run_name"].split("/")[0]] = b
copy = read("copy_ms"); paint = read("paint_ms"); every = read("read_ms")
report = bench["conversionReport"]["real_time"]; load = bench["openAndLoadBoard"]["real_time"]
p50 = bench["moveDeal"]["p50_ms"]; p99 = bench["moveDeal"]["p99_ms"]
group = read("group_ms"); export = read("export_ms"); copy_out = read("copy_out_ms")
rows = [
    (f"S1. copy of a {n}-deal file up to the server", f"{copy:.0f} ms", "", None),
    ("S2. Open and load the board's model (every deal)", f"{load:.0f} ms", "", None),
    (f"S3. Painted board, {n} deals", f"{paint:.0f} ms", "under 1,000 ms", paint < 1000),
    ("S3. Every deal on the board (read in the background after the first paint)", f"{every:.0f} ms", "", None),
    (f"S4. Conversion report, {n} deals", f"{report:.0f} ms ({report / group:.2f}x the GROUP BY floor, {group:.0f} ms)",
     "within 1.3x the floor", report <= 1.3 * group),
    (f"S5. Move through the service, median / p99 (fsync on)", f"{p50:.2f} / {p99:.2f} ms", "median under 3 ms", p50 < 3),
    (f"S6. CSV export, {n} deals", f"{export:.0f} ms vs psql \\copy {copy_out:.0f} ms ({export / copy_out:.2f}x)",
     "within 1.2x", export <= 1.2 * copy_out),
]
marks = {True: "met", False: "**missed**", None: ""}
lines = ["## On a PostgreSQL server" + (" (a million deals)" if deals >= 1000000 else ""), "",
         f"Measured by `scripts/bench_server.sh` on {datetime.date.today().isoformat()}, same machine: PostgreSQL 15 on",
         "loopback in a throwaway cluster with a real server's settings (fsync and synchronous commit on).", "",
         "| figure | measured | target | |", "|---|---|---|---|"]
lines += [f"| {a} | {b} | {c} | {marks[d]} |" for a, b, c, d in rows]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
