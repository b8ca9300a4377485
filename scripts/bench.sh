#!/usr/bin/env bash
# Builds in release mode, seeds 100,000 deals, runs every benchmark and writes
# docs/performance.md. Never part of the test suite; no figure is asserted.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

export DEALBOARD_BUILD_DIR="${DEALBOARD_BUILD_DIR:-$ROOT/build/default}"
build_dealboard -DDEALBOARD_BUILD_BENCHMARKS=ON
CLI="$BUILD_DIR/src/cli/dealboard-cli"
APP="$BUILD_DIR/src/app/dealboard"
BENCH="$BUILD_DIR/bench/dealboard_bench"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" QT_QPA_PLATFORM=offscreen
RUNS=5

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now_ms() { date +%s%3N; }

echo "1. Seeding 100,000 deals ($RUNS runs)"
for run in $(seq $RUNS); do
    rm -f "$WORK/seed.dealboard"*
    start=$(now_ms)
    "$CLI" --db "$WORK/seed.dealboard" seed --deals 100000 --seed 1 >/dev/null
    echo $(($(now_ms) - start))
done | median > "$WORK/seed_ms"
DB="$WORK/seed.dealboard"
"$CLI" --db "$DB" check >/dev/null

echo "1. SQLite alone writing the same rows ($RUNS runs)"
# The floor under figure 1: the seeded rows copied inside one sqlite3 process
# (INSERT ... SELECT, the product's pragmas, one transaction), nothing generated.
for run in $(seq $RUNS); do
    rm -f "$WORK/floor.dealboard"*
    "$CLI" --db "$WORK/floor.dealboard" init >/dev/null
    start=$(now_ms)
    sqlite3 "$WORK/floor.dealboard" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
PRAGMA cache_size=-32768;
PRAGMA foreign_keys=ON;
ATTACH '$DB' AS seeded;
BEGIN IMMEDIATE;
INSERT INTO organizations SELECT * FROM seeded.organizations;
INSERT INTO organization_tags SELECT * FROM seeded.organization_tags;
INSERT INTO people SELECT * FROM seeded.people;
INSERT INTO deals SELECT * FROM seeded.deals;
INSERT INTO stage_history SELECT * FROM seeded.stage_history;
INSERT INTO activities SELECT * FROM seeded.activities;
COMMIT;
SQL
    echo $(($(now_ms) - start))
done | median > "$WORK/floor_ms"

echo "3. Painted board, empty and 100,000 deals ($RUNS runs each)"
for run in $(seq $RUNS); do
    rm -f "$WORK/empty.dealboard"*
    "$APP" --db "$WORK/empty.dealboard" --quit-after-load | awk '{ print $4 }'
done | median > "$WORK/paint_empty_ms"
for run in $(seq $RUNS); do
    "$APP" --db "$DB" --quit-after-load >"$WORK/paint_run"
    awk '{ print $4 }' "$WORK/paint_run" >>"$WORK/paint_full_runs"
    awk '{ print $(NF - 1) }' "$WORK/paint_run" >>"$WORK/all_read_runs"
done
median <"$WORK/paint_full_runs" >"$WORK/paint_full_ms"
median <"$WORK/all_read_runs" >"$WORK/all_read_ms"

echo "8. Peak memory of the board with 100,000 deals"
for run in $(seq 3); do
    /usr/bin/time -f "%M" "$APP" --db "$DB" --quit-after-load 2>&1 >/dev/null | tail -1
done | median > "$WORK/peak_kb"

echo "7. CSV export against sqlite3 -csv ($RUNS runs each)"
for run in $(seq $RUNS); do
    start=$(now_ms)
    "$CLI" --db "$DB" export deals --out "$WORK/deals.csv" 2>/dev/null
    echo $(($(now_ms) - start))
done | median > "$WORK/export_ms"
for run in $(seq $RUNS); do
    start=$(now_ms)
    sqlite3 -csv "$DB" "SELECT d.id, d.title, o.name, p.name, p.email, p.phone, d.owner, d.stage, d.status,
        d.value_minor, d.currency, d.expected_close, d.willing, d.need, d.budget, d.lost_reason, d.created_at,
        d.stage_entered_at FROM deals d LEFT JOIN organizations o ON o.id = d.organization_id
        LEFT JOIN people p ON p.id = d.person_id ORDER BY d.id" \
        >"$WORK/sqlite.csv"
    echo $(($(now_ms) - start))
done | median > "$WORK/sqlite_ms"

echo "9. Import of 1,000,000 CSV rows into a new pipeline: time and peak memory"
python3 - "$WORK/million.csv" <<'GEN'
import random, sys
random.seed(9)
stages = ["prospecting", "qualifying", "contacting", "relationship"]
with open(sys.argv[1], "w") as f:
    f.write("title,company,contact,email,owner,stage,value,currency,willing,need,budget\r\n")
    for i in range(1000000):
        stage = random.choice(stages)
        q = "yes" if stage in ("contacting", "relationship") else "no"
        f.write(f"Deal number {i} for a customer,Company {i % 2000},Person {i % 30000},"
                f"p{i % 30000}@c{i % 2000}.example,rep{i % 12},{stage},{random.randint(1, 99999)}."
                f"{random.randint(0, 99):02d},EUR,{q},{q},{q}\r\n")
GEN
/usr/bin/time -f "%M %e" "$CLI" --db "$WORK/million.dealboard" import deals "$WORK/million.csv" 2>&1 >/dev/null |
    tail -1 > "$WORK/import_run"

echo "2, 4, 5, 6, 10. Google Benchmark programs"
DEALBOARD_BENCH_DB="$DB" "$BENCH" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
    --benchmark_format=json --benchmark_out="$WORK/bench.json" --benchmark_out_format=json >/dev/null

python3 - "$WORK" "$ROOT/docs/performance.md" <<'PY'
import json, os, subprocess, sys, datetime
work, out = sys.argv[1], sys.argv[2]
read = lambda name: float(open(os.path.join(work, name)).read().strip())
bench = {}
for b in json.load(open(os.path.join(work, "bench.json")))["benchmarks"]:
    if b.get("aggregate_name") == "median":
        bench[b["run_name"].split("/")[0]] = b
def ms(name, key="real_time"):
    return bench[name][key] if name in bench else float("nan")
seed = read("seed_ms"); paint_empty = read("paint_empty_ms"); paint_full = read("paint_full_ms")
all_read = read("all_read_ms"); floor = read("floor_ms")
peak_mb = read("peak_kb") / 1024; export = read("export_ms"); sqlite = read("sqlite_ms")
move_p50 = bench["moveDeal"]["p50_ms"]; move_p99 = bench["moveDeal"]["p99_ms"]
import_kb, import_s = (float(x) for x in open(os.path.join(work, "import_run")).read().split())
rows = [
    ("1. Seed 100,000 deals with history (and their organizations, people and activities)", f"{seed:.0f} ms", "under 3,000 ms", seed < 3000),
    ("1. SQLite alone writing the same rows (INSERT ... SELECT, same pragmas)", f"{floor:.0f} ms", "", None),
    ("2. Open the store and load the board's model", f"{ms('openAndLoadBoard'):.0f} ms", "(part of 3)", None),
    ("3. Painted board, empty database", f"{paint_empty:.0f} ms", "", None),
    ("3. Painted board, 100,000 deals", f"{paint_full:.0f} ms ({paint_full / paint_empty:.1f}x empty)",
     "under 1,000 ms and under 3x empty", paint_full < 1000 and paint_full < 3 * paint_empty),
    ("3. Every deal on the board (read in the background after the first paint)", f"{all_read:.0f} ms", "", None),
    ("4. Move through the service, median / p99", f"{move_p50:.2f} / {move_p99:.2f} ms", "under 2 / 10 ms",
     move_p50 < 2 and move_p99 < 10),
    ("5. Search keystroke at 100,000 deals", f"{ms('searchKeystroke'):.1f} ms", "under 30 ms", ms('searchKeystroke') < 30),
    ("6. Conversion report, 100,000 deals", f"{ms('conversionReport'):.0f} ms", "under 150 ms", ms('conversionReport') < 150),
    ("6. Forecast (six months, empirical rates), 100,000 deals", f"{ms('forecast'):.0f} ms", "under 300 ms", ms('forecast') < 300),
    ("6. Owners' month against quota, 100,000 deals", f"{ms('quotaStatus'):.0f} ms", "under 300 ms", ms('quotaStatus') < 300),
    ("7. CSV export, 100,000 deals", f"{export:.0f} ms vs sqlite3 -csv {sqlite:.0f} ms ({export / sqlite:.1f}x)",
     "within 1.5x", export <= 1.5 * sqlite),
    ("8. Peak memory (VmHWM), board with 100,000 deals", f"{peak_mb:.0f} MB", "under 200 MB", peak_mb < 200),
    ("9. Import of 1,000,000 CSV rows (120 MB), peak memory / time", f"{import_kb / 1024:.0f} MB / {import_s:.0f} s",
     "under 300 MB", import_kb / 1024 < 300),
    ("10. Every likely duplicate pair: 100,000 deals, 35,000 people, planted duplicates among organizations and phones",
     f"{ms('findDuplicates'):.0f} ms ({bench.get('findDuplicates', {}).get('pairs', 0):.0f} pairs)", "under 2,000 ms",
     ms('findDuplicates') < 2000),
]
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
mem = subprocess.run(["sh", "-c", "free -h | awk '/Mem:/ {print $2}'"], capture_output=True, text=True).stdout.strip()
nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
marks = {True: "met", False: "**missed**", None: ""}
lines = ["# DealBoard performance", "",
         f"Measured by `scripts/bench.sh` on {datetime.date.today().isoformat()}: {nproc} cores ({cpu}), {mem} of memory,",
         "release build (RelWithDebInfo). Each figure is the median of repeated runs; the benchmarks never run in the",
         "test suite and nothing asserts a time.", "",
         "| figure | measured | target | |", "|---|---|---|---|"]
lines += [f"| {a} | {b} | {c} | {marks[d]} |" for a, b, c, d in rows]
for part in ("performance-server.md", "performance-live.md", "performance-writes.md", "performance-import.md"):
    server = os.path.join(os.path.dirname(out), part)
    if os.path.exists(server):
        lines += ["", open(server).read().strip()]
notes = os.path.join(os.path.dirname(out), "performance-notes.md")
if os.path.exists(notes):
    lines += ["", open(notes).read().strip()]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
