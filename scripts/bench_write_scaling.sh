#!/usr/bin/env bash
# Writes in parallel on a team's server (docs/performance.md, "Writes in
# parallel"): a throwaway PostgreSQL server on loopback with a real server's
# settings (fsync on), a team with a manager's login, and moves of deals
# through the service, one transaction each: first one writer alone, then 4
# writers at once on different deals. Then a member holds a row lock in a
# transaction left open, and a write to that deal is timed: it waits for the
# server's bound and names who holds it, while the other deals' writers go
# on. Writes docs/performance-writes.md, which scripts/bench.sh includes.
# Never part of the test suite.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_figures_dir "$@"
source "$ROOT/scripts/pg_test_server.sh"

export DEALBOARD_BUILD_DIR="${DEALBOARD_BUILD_DIR:-$ROOT/build/default}"
build_dealboard -DDEALBOARD_BUILD_BENCHMARKS=ON
CLI="$BUILD_DIR/src/cli/dealboard-cli"
LOAD="$BUILD_DIR/bench/dealboard_live_load"
SECONDS_EACH="${SECONDS_EACH:-15}"
WORK="$(mktemp -d)"
pg_test_server_start durable
trap 'pg_test_server_stop; rm -rf "$WORK"' EXIT
export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config"
psql -X -q "$DEALBOARD_TEST_PG_URL" -c "CREATE DATABASE scaling" >/dev/null
DB="${DEALBOARD_TEST_PG_URL%/postgres}/scaling"
"$CLI" --db "$DB" init >/dev/null
"$CLI" --db "$DB" admin init-team >/dev/null
for user in scaling_mia scaling_ben; do
    printf 'pw-of-%s-long\n' "$user" |
        "$CLI" --db "$DB" admin add-user "$user" --role manager --new-password-stdin >/dev/null
done
"$LOAD" prepare "$DB" 100
AS_MIA="${DB/dealboard_test@/scaling_mia@}"
AS_BEN="${DB/dealboard_test@/scaling_ben@}"

# N writers at once, each on 10 deals of its own, for SECONDS_EACH: "moves slowest_ms".
run_writers() {
    local writers=$1 pids=() total=0 slowest=0 done slow
    for w in $(seq "$writers"); do
        PGPASSWORD=pw-of-scaling_mia-long "$LOAD" scale "$AS_MIA" $(((w - 1) * 10 + 1)) 10 "$SECONDS_EACH" \
            >"$WORK/w$writers-$w.txt" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    for w in $(seq "$writers"); do
        read -r done slow <"$WORK/w$writers-$w.txt"
        total=$((total + done))
        slowest=$(python3 -c "print(max($slowest, $slow))")
    done
    echo "$total $slowest"
}

read -r one one_slowest < <(run_writers 1)
read -r four four_slowest < <(run_writers 4)
read -r eight eight_slowest < <(run_writers 8)

# A member holds deal 41 in a change left open (and lifts the idle bound for
# their own session); a manager's write to it, and writes to other deals.
(
    printf 'SET idle_in_transaction_session_timeout = 0;\nBEGIN;\nSELECT id FROM deals WHERE id = 41 FOR UPDATE;\n'
    sleep 60
    printf 'ROLLBACK;\n'
) | PGPASSWORD=pw-of-scaling_ben-long psql -X -q "$AS_BEN" >/dev/null 2>&1 &
holder=$!
sleep 2
PGPASSWORD=pw-of-scaling_mia-long "$LOAD" scale "$AS_MIA" 1 10 10 >"$WORK/beside.txt" &
beside=$!
started=$(date +%s.%N)
if PGPASSWORD=pw-of-scaling_mia-long "$CLI" --db "$AS_MIA" edit 41 --value 10 >"$WORK/blocked.out" 2>"$WORK/blocked.err"; then
    echo "The write to the held deal was not held up" >&2
    exit 1
fi
blocked_s=$(python3 -c "import time; print(round(time.time() - $started, 2))")
wait "$beside"
read -r beside_done beside_slowest <"$WORK/beside.txt"
said=$(grep -o 'scaling_ben has held[^.]*' "$WORK/blocked.err" | head -1)
# Past 30 s the server ends the change left open at the next write that waits.
sleep 30
started=$(date +%s.%N)
PGPASSWORD=pw-of-scaling_mia-long "$CLI" --db "$AS_MIA" edit 41 --value 11 >/dev/null 2>"$WORK/ended.err" || true
PGPASSWORD=pw-of-scaling_mia-long "$CLI" --db "$AS_MIA" edit 41 --value 12 >/dev/null
ended_s=$(python3 -c "import time; print(round(time.time() - $started, 2))")
kill "$holder" 2>/dev/null || true
"$CLI" --db "$DB" check >/dev/null

python3 - "$FIGURES_DIR/performance-writes.md" "$SECONDS_EACH" "$one" "$one_slowest" "$four" "$four_slowest" \
    "$eight" "$eight_slowest" "$blocked_s" "$beside_done" "$beside_slowest" "$said" "$ended_s" <<'PY'
import sys, datetime
out, seconds, one, one_slow, four, four_slow, eight, eight_slow, blocked, beside, beside_slow, said, ended = sys.argv[1:]
seconds = float(seconds)
one_rate, four_rate, eight_rate = int(one) / seconds, int(four) / seconds, int(eight) / seconds
with open(out, "w") as f:
    f.write("### Writes in parallel on a team's server\n\n")
    f.write(f"Measured {datetime.date.today()} by scripts/bench_write_scaling.sh on this machine (2 cores), "
            "PostgreSQL 15 on loopback with fsync on, moves through the service as a manager's login (the "
            "server's guards, history and change log on every move), one transaction each.\n\n")
    f.write("| writers | moves in %.0f s | moves/s | slowest move |\n|---|---|---|---|\n" % seconds)
    f.write(f"| 1 | {one} | {one_rate:.0f} | {float(one_slow):.1f} ms |\n")
    f.write(f"| 4 (different deals) | {four} | {four_rate:.0f} | {float(four_slow):.1f} ms |\n")
    f.write(f"| 8 (different deals) | {eight} | {eight_rate:.0f} | {float(eight_slow):.1f} ms |\n\n")
    f.write(f"4 writers reach **{four_rate / one_rate:.2f}×** the moves per second of one, 8 writers "
            f"**{eight_rate / one_rate:.2f}×** (target: at least 2×).\n\n")
    f.write("A member holding one deal's row in a change left open (their idle bound lifted): a manager's write "
            f"to that deal gave up after **{blocked} s** and said \"{said}\"; meanwhile a writer on other deals "
            f"made {beside} moves in 10 s, its slowest {float(beside_slow):.1f} ms. Past 30 s, the next write that "
            f"waited had the server end the change left open, and the write after it went through ({ended} s for "
            "both).\n")
PY
cat "$FIGURES_DIR/performance-writes.md"
