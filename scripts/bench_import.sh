#!/usr/bin/env bash
# Peak memory of `dealboard-cli import deals` and `import people` on large
# CSV files (docs/performance.md, "Import"): generates a file of each of
# SIZE_MB megabytes (200 by default) in the shape spreadsheets and other CRMs
# write, imports each into a new pipeline under /usr/bin/time -v, and writes
# the figures to docs/performance-import.md. Never part of the test suite; nothing is asserted.
# DEALBOARD_CLI names a dealboard-cli already built (otherwise the default
# build is made first).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_figures_dir "$@"

SIZE_MB="${SIZE_MB:-200}"
if [[ -z "${DEALBOARD_CLI:-}" ]]; then
    build_dealboard
    DEALBOARD_CLI="$BUILD_DIR/src/cli/dealboard-cli"
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config"

echo "Generating two $SIZE_MB MB CSV files, deals and people"
python3 - "$WORK" "$SIZE_MB" <<'GEN'
import random, sys
random.seed(28)
work, size = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
stages = ["prospecting", "qualifying", "contacting", "relationship"]

def write(name, header, row):
    written, i = 0, 0
    with open(f"{work}/{name}", "w", newline="") as f:
        f.write(header)
        written += len(header)
        while written < size:
            line = row(i)
            f.write(line)
            written += len(line)
            i += 1

def deal(i):
    stage = random.choice(stages)
    q = "yes" if stage in ("contacting", "relationship") else "no"
    # Every other deal names a company and a person of its own, the rest
    # a few thousand known ones: the import links or makes each.
    c = i if i % 2 else i % 5000
    return (f"\"Renewal {i}, fleet and service for the northern region\",Company {c} GmbH,"
            f"Person {c},p{c}@c{c}.example,+49 30 {i % 10000000:07d},rep{i % 25},{stage},"
            f"{random.randint(1, 999999)}.{random.randint(0, 99):02d},EUR,2027-{1 + i % 12:02d}-{1 + i % 28:02d},"
            f"{q},{q},{q}\r\n")

def person(i):
    return (f"Person number {i},p{i}@c{i % 5000}.example,+49 30 {i:07d},Buyer,Company {i % 5000} GmbH,"
            f"\"vip, key\",\"Met at the fair in spring;\nasked for a quote\"\r\n")

write("deals.csv", "title,company,contact,email,phone,owner,stage,value,currency,expected_close,willing,need,budget\r\n",
      deal)
write("people.csv", "name,email,phone,role,organization,tags,notes\r\n", person)
GEN

# Imports deals or people into a new pipeline under /usr/bin/time -v and
# writes "<peak MB> <elapsed> <rows>" to $WORK/<what>.figures.
measure() {
    local what=$1
    local rows
    rows=$(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=''))) - 1)" "$WORK/$what.csv")
    rm -f "$WORK/import.dealboard"*
    if ! /usr/bin/time -v "$DEALBOARD_CLI" --db "$WORK/import.dealboard" import "$what" "$WORK/$what.csv" \
        >"$WORK/$what.out" 2>"$WORK/$what.time"; then
        cat "$WORK/$what.time" >&2
        exit 1
    fi
    cat "$WORK/$what.out"
    echo "$(awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$WORK/$what.time")" \
        "$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$WORK/$what.time")" "$rows" >"$WORK/$what.figures"
}
bytes=$(stat -c %s "$WORK/deals.csv")
echo "Importing the deals"
measure deals
read -r deals_mb deals_time deals_rows <"$WORK/deals.figures"
echo "Importing the people"
measure people
read -r people_mb people_time people_rows <"$WORK/people.figures"
verdict() { [[ $1 -lt 300 ]] && echo met || echo '**missed**'; }

cat >"$FIGURES_DIR/performance-import.md" <<DOC
## Import of a large CSV file

Measured by \`scripts/bench_import.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, release build with debug
information): \`dealboard-cli import\` of a generated $((bytes / 1024 / 1024)) MB file into a new pipeline, under
\`/usr/bin/time -v\`. Deals: 13 columns, quoted titles, CRLF, every other deal with a company and a person of its own. People: 7 columns, quoted tags and notes of two lines.

| figure | measured | target | |
|---|---|---|---|
| import deals, $deals_rows rows: peak memory (maximum resident set size) / time | $deals_mb MB / $deals_time | under 300 MB | $(verdict "$deals_mb") |
| import people, $people_rows rows: peak memory / time | $people_mb MB / $people_time | under 300 MB | $(verdict "$people_mb") |
DOC
echo "deals: $deals_mb MB $deals_time; people: $people_mb MB $people_time"
cat "$FIGURES_DIR/performance-import.md"
