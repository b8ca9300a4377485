#!/usr/bin/env bash
# Builds in release mode, seeds a sample pipeline, runs every benchmark and
# writes docs/performance.md (`--no-docs`: prints the figures instead and
# leaves docs/ alone). DEALBOARD_BENCH_DEALS=1000000 measures the million-deal
# desk instead, into docs/performance-million.md, which the 100,000-deal run
# includes. Never part of the test suite; no figure is asserted.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_figures_dir "$@"

export DEALBOARD_BUILD_DIR="${DEALBOARD_BUILD_DIR:-$ROOT/build/default}"
build_dealboard -DDEALBOARD_BUILD_BENCHMARKS=ON
CLI="$BUILD_DIR/src/cli/dealboard-cli"
APP="$BUILD_DIR/src/app/dealboard"
BENCH="$BUILD_DIR/bench/dealboard_bench"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" QT_QPA_PLATFORM=offscreen
DEALS="${DEALBOARD_BENCH_DEALS:-100000}"
if [[ "$DEALS" -ge 1000000 ]]; then
    RUNS=3
    OUT="$FIGURES_DIR/performance-million.md"
else
    RUNS=5
    OUT="$FIGURES_DIR/performance.md"
fi
export DEALBOARD_BENCH_DEALS="$DEALS"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now_ms() { date +%s%3N; }
# A floor: the rows of TABLES copied from SOURCE into a new pipeline at TARGET
# inside one sqlite3 process (INSERT ... SELECT, the product's pragmas, one
# durable transaction), nothing generated or parsed; prints its milliseconds.
copy_floor() {
    local source=$1 target=$2 table sql=""
    shift 2
    for table in "$@"; do
        sql+="INSERT INTO $table SELECT * FROM source.$table;"$'\n'
    done
    rm -f "$target"*
    "$CLI" --db "$target" init >/dev/null
    local start=$(now_ms)
    sqlite3 "$target" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
PRAGMA cache_size=-32768;
PRAGMA foreign_keys=ON;
ATTACH '$source' AS source;
BEGIN IMMEDIATE;
$sql
COMMIT;
SQL
    echo $(($(now_ms) - start))
}

echo "1. Seeding $DEALS deals ($RUNS runs)"
for run in $(seq $RUNS); do
    rm -f "$WORK/seed.dealboard"*
    start=$(now_ms)
    /usr/bin/time -f "%M" -o "$WORK/seed_kb_run" "$CLI" --db "$WORK/seed.dealboard" seed --deals "$DEALS" --seed 1 >/dev/null
    cat "$WORK/seed_kb_run" >>"$WORK/seed_kb_runs"
    echo $(($(now_ms) - start))
done | median > "$WORK/seed_ms"
median <"$WORK/seed_kb_runs" >"$WORK/seed_kb"
DB="$WORK/seed.dealboard"
"$CLI" --db "$DB" check >/dev/null

echo "1. SQLite alone writing the same rows ($RUNS runs)"
# The floor under figure 1: the seeded rows copied inside one sqlite3 process
# (INSERT ... SELECT, the product's pragmas, one transaction), nothing
# generated: every table the seed writes, its change log and forecast
# snapshots included.
for run in $(seq $RUNS); do
    copy_floor "$DB" "$WORK/floor.dealboard" organizations organization_tags people deals stage_history activities \
        segment_rules change_log forecast_snapshots
done | median > "$WORK/floor_ms"

echo "3. Painted board, empty and $DEALS deals ($RUNS runs each)"
for run in $(seq $RUNS); do
    rm -f "$WORK/empty.dealboard"*
    "$APP" --db "$WORK/empty.dealboard" --quit-after-load | awk '{ print $4 }'
done | median > "$WORK/paint_empty_ms"
for run in $(seq $RUNS); do
    "$APP" --db "$DB" --quit-after-load >"$WORK/paint_run"
    awk '{ print $4 }' "$WORK/paint_run" >>"$WORK/paint_full_runs"
    sed -E 's/.*with [0-9]+ deals \(peak memory ([0-9]+) MB\).*/\1/' "$WORK/paint_run" >>"$WORK/paint_peak_runs"
    sed -E 's/.*all of them read in ([0-9]+) ms.*/\1/' "$WORK/paint_run" >>"$WORK/all_read_runs"
done
median <"$WORK/paint_full_runs" >"$WORK/paint_full_ms"
median <"$WORK/all_read_runs" >"$WORK/all_read_ms"
median <"$WORK/paint_peak_runs" >"$WORK/paint_peak_mb"

echo "8. Peak memory of the board with $DEALS deals"
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

echo "9. Import of the exported $DEALS deals into a new pipeline, against its floors ($RUNS runs each)"
for run in $(seq $RUNS); do
    rm -f "$WORK/imported.dealboard"*
    start=$(now_ms)
    "$CLI" --db "$WORK/imported.dealboard" import deals "$WORK/deals.csv" >/dev/null 2>&1
    echo $(($(now_ms) - start))
done | median > "$WORK/import_ms"
# sqlite3's own .import of the same file into a plain table of text columns.
for run in $(seq $RUNS); do
    rm -f "$WORK/plain.db"*
    start=$(now_ms)
    sqlite3 "$WORK/plain.db" ".mode csv" ".import '$WORK/deals.csv' deals"
    echo $(($(now_ms) - start))
done | median > "$WORK/plain_import_ms"
# The fair floor: the organizations, people, deals and history the import
# made, copied into DealBoard's schema in one durable transaction.
for run in $(seq $RUNS); do
    copy_floor "$WORK/imported.dealboard" "$WORK/fair.dealboard" organizations people deals stage_history change_log
done | median > "$WORK/fair_import_ms"

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
FILTER='^(openAndLoadBoard|moveDeal|searchKeystroke|conversionReport|forecast|quotaStatus|findDuplicates)/'
if [[ "$DEALS" -ge 1000000 ]]; then
    FILTER='^(moveDeal|searchKeystroke|conversionReport|forecast|quotaStatus)/'
fi
DEALBOARD_BENCH_DB="$DB" "$BENCH" --benchmark_filter="$FILTER" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
    --benchmark_format=json --benchmark_out="$WORK/bench.json" --benchmark_out_format=json >/dev/null

python3 - "$WORK" "$OUT" "$DEALS" <<'PY'
import json, os, subprocess, sys, datetime
work, out, deals = sys.argv[1], sys.argv[2], int(sys.argv[3])
million = deals >= 1000000
n = f"{deals:,}"
read = lambda name: float(open(os.path.join(work, name)).read().strip())
bench = {}
for b in json.load(open(os.path.join(work, "bench.json")))["benchmarks"]:
    if b.get("aggregate_name") == "median":
        bench[b["run_name"].split("/")[0]] = b
def ms(name, key="real_time"):
    return bench[name][key] if name in bench else float("nan")
seed = read("seed_ms"); paint_empty = read("paint_empty_ms"); paint_full = read("paint_full_ms")
all_read = read("all_read_ms"); floor = read("floor_ms"); seed_mb = read("seed_kb") / 1024
paint_peak = read("paint_peak_mb")
peak_mb = read("peak_kb") / 1024; export = read("export_ms"); sqlite = read("sqlite_ms")
imported = read("import_ms"); plain = read("plain_import_ms"); fair = read("fair_import_ms")
move_p50 = bench["moveDeal"]["p50_ms"]; move_p99 = bench["moveDeal"]["p99_ms"]
import_kb, import_s = (float(x) for x in open(os.path.join(work, "import_run")).read().split())
report_goal, forecast_goal = (500, 500) if million else (150, 300)
search_goal = 50 if million else 30
paint_goal = "under 300 ms" if million else "under 2x empty"
paint_met = paint_full < 300 if million else paint_full <= 2 * paint_empty
peak_goal = 400 if million else 180
rows = [
    (f"1. Seed {n} deals with history (and their organizations, people, activities, close-date moves and weekly forecast snapshots)",
     f"{seed:.0f} ms ({seed / floor:.1f}x the floor), peak memory {seed_mb:.0f} MB", "under 2x the floor", seed <= 2 * floor),
    ("1. Floor: SQLite alone writing the same rows (INSERT ... SELECT, same pragmas, one transaction)", f"{floor:.0f} ms", "", None),
    ("3. Painted board, empty database", f"{paint_empty:.0f} ms", "", None),
    (f"3. Painted board, {n} deals", f"{paint_full:.0f} ms ({paint_full / paint_empty:.1f}x empty), peak memory {paint_peak:.0f} MB so far",
     paint_goal, paint_met),
    ("3. Every deal on the board (read in the background after the first paint)", f"{all_read:.0f} ms", "", None),
    (f"4. Move through the service, median / p99", f"{move_p50:.2f} / {move_p99:.2f} ms", "p99 under 5 ms", move_p99 < 5),
    (f"5. Search keystroke at {n} deals, mean of a typed, corrected and cleared search (slowest keystroke)",
     f"{ms('searchKeystroke'):.1f} ms ({ms('searchKeystroke', 'slowest_ms'):.0f} ms)", f"under {search_goal} ms",
     ms('searchKeystroke') < search_goal),
    (f"6. Conversion report, {n} deals", f"{ms('conversionReport'):.0f} ms", f"under {report_goal} ms", ms('conversionReport') < report_goal),
    (f"6. Forecast (six months, empirical rates), {n} deals", f"{ms('forecast'):.0f} ms", f"under {forecast_goal} ms", ms('forecast') < forecast_goal),
    (f"6. Owners' month against quota, {n} deals", f"{ms('quotaStatus'):.0f} ms", "", None),
    (f"7. CSV export, {n} deals", f"{export:.0f} ms vs sqlite3 -csv {sqlite:.0f} ms ({export / sqlite:.2f}x)",
     "within 1.2x", export <= 1.2 * sqlite),
    (f"8. Peak memory (VmHWM), board with {n} deals, every deal read", f"{peak_mb:.0f} MB", f"under {peak_goal} MB", peak_mb < peak_goal),
    (f"9. CSV import of the {n} exported deals into a new pipeline", f"{imported:.0f} ms: {imported / fair:.1f}x the fair floor, {imported / plain:.1f}x sqlite3 .import",
     "under 2x the fair floor and 5x .import", imported <= 2 * fair and imported <= 5 * plain),
    ("9. Fair floor: the organizations, people, deals and history it made, copied in one durable transaction", f"{fair:.0f} ms", "", None),
    ("9. sqlite3 .import of the same file into a plain table", f"{plain:.0f} ms", "", None),
    ("9. Import of 1,000,000 CSV rows (120 MB), peak memory / time", f"{import_kb / 1024:.0f} MB / {import_s:.0f} s",
     "under 300 MB", import_kb / 1024 < 300),
]
if not million:
    rows.append(("10. Every likely duplicate pair: 100,000 deals, 35,000 people, planted duplicates among organizations and phones",
     f"{ms('findDuplicates'):.0f} ms ({bench.get('findDuplicates', {}).get('pairs', 0):.0f} pairs)", "under 2,000 ms",
     ms('findDuplicates') < 2000))
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
mem = subprocess.run(["sh", "-c", "free -h | awk '/Mem:/ {print $2}'"], capture_output=True, text=True).stdout.strip()
nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
marks = {True: "met", False: "**missed**", None: ""}
when = datetime.date.today().isoformat()
if million:
    lines = ["## A million deals on one desk", "",
             f"Measured by `DEALBOARD_BENCH_DEALS=1000000 scripts/bench.sh` on {when}, same machine, the sample pipeline",
             "`seed --deals 1000000 --seed 1`.", ""]
else:
    lines = ["# DealBoard performance", "",
             f"Measured by `scripts/bench.sh` on {when}: {nproc} cores ({cpu}), {mem} of memory,",
             "release build (RelWithDebInfo). Each figure is the median of repeated runs, beside its floor where it has",
             "one; the benchmarks never run in the test suite and nothing asserts a time.", ""]
lines += ["| figure | measured | target | |", "|---|---|---|---|"]
lines += [f"| {a} | {b} | {c} | {marks[d]} |" for a, b, c, d in rows]
if not million:
    for part in ("performance-million.md", "performance-server.md", "performance-server-million.md", "performance-live.md", "performance-crowd.md", "performance-writes.md",
                 "performance-import.md"):
        server = os.path.join(os.path.dirname(out), part)
        if os.path.exists(server):
            lines += ["", open(server).read().strip()]
    notes = os.path.join(os.path.dirname(out), "performance-notes.md")
    if os.path.exists(notes):
        lines += ["", open(notes).read().strip()]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
