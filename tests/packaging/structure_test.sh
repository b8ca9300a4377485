#!/usr/bin/env bash
# The source tree keeps the shape docs/architecture.md describes: no file in
# src/ or include/ over 600 lines, and no .cpp in src/ over 500; the board's
# MainWindow assembles its parts (src/app/window/) and keeps at most 20 data
# members; no public header (include/) and nothing in
# the board (src/app) or the CLI (src/cli) sees Qt SQL or SQLite, which stay
# behind the store in src/core/store/, where only the two backends know which
# engine they run on. The front ends see only the service:
# nothing in src/app or src/cli includes a store header (DealStore.h,
# dealboard/store/…, src/core/store/…), and the domain (src/core/*.cpp,
# include/dealboard/*.h) includes no service header (dealboard/service/…;
# Pipeline.h, the service's own entry, aside).
# Usage: structure_test.sh SOURCE_ROOT
set -uo pipefail
root="$1"
failures=0

while read -r lines file; do
    if [[ "$file" != total && "$lines" -gt 600 ]]; then
        echo "FAIL: $file has $lines lines (at most 600)"
        failures=$((failures + 1))
    fi
done < <(find "$root/src" "$root/include" -name '*.cpp' -o -name '*.h' | xargs wc -l)

while read -r lines file; do
    if [[ "$file" != total && "$lines" -gt 500 ]]; then
        echo "FAIL: $file has $lines lines (a .cpp in src/ has at most 500)"
        failures=$((failures + 1))
    fi
done < <(find "$root/src" -name '*.cpp' | xargs wc -l)

# A data member: a declaration ending in ';' that names an m_ member, with no
# parenthesis before the name (a function's body names members too).
members=$(grep -cE '^\s+[^(/]*\bm_[A-Za-z0-9_]+\b[^(]*;' "$root/src/app/MainWindow.h")
if [[ "$members" -gt 20 ]]; then
    echo "FAIL: src/app/MainWindow.h has $members data members (at most 20: the window's parts are classes of their own)"
    failures=$((failures + 1))
fi

leaks=$(grep -rnE '#include <(QSql[A-Za-z]*|sqlite3\.h)>|struct sqlite3' \
    "$root/include" "$root/src/app" "$root/src/cli" || true)
if [[ -n "$leaks" ]]; then
    echo "FAIL: the database shows outside src/core:"
    echo "$leaks"
    failures=$((failures + 1))
fi

storeSeen=$(grep -rnE '#include ["<](dealboard/DealStore\.h|dealboard/store/|[./]*store/|.*core/store/)' \
    "$root/src/app" "$root/src/cli" || true)
if [[ -n "$storeSeen" ]]; then
    echo "FAIL: a front end includes a store header (it sees the service only):"
    echo "$storeSeen"
    failures=$((failures + 1))
fi

serviceSeen=$(grep -nE '#include ["<](dealboard/service/|[./]*service/)' \
    "$root"/src/core/*.cpp "$root"/src/core/*.h $(ls "$root"/include/dealboard/*.h | grep -v '/Pipeline\.h$') || true)
if [[ -n "$serviceSeen" ]]; then
    echo "FAIL: the domain includes a service header:"
    echo "$serviceSeen"
    failures=$((failures + 1))
fi

# The store asks its backend; only the two backends (and their interface)
# know which engine they run on.
# Nothing else in src/ asks isServer: a front end asks the location
# (PipelineLocation) or the service's capability check (Capabilities).
engineAsked=$( (grep -rnE 'Engine::(SQLite|PostgreSQL)|rawHandle|serverHandle' "$root/src/core/store"
    grep -rn 'isServer' "$root/src" "$root/include") \
    | grep -vE '/store/(Backend\.h|SqliteBackend[A-Za-z]*\.(h|cpp)|PostgresBackend[A-Za-z]*\.(h|cpp)):' || true)
if [[ -n "$engineAsked" ]]; then
    echo "FAIL: code outside the two backends asks which engine it runs on (the store asks its Backend, a front end the location or the service's capability check):"
    echo "$engineAsked"
    failures=$((failures + 1))
fi

if ((failures > 0)); then
    exit 1
fi
echo "Every source file is at most 600 lines and every .cpp at most 500; MainWindow keeps at most 20 members;" \
    "Qt SQL and SQLite stay in src/core; the front ends see the service only, and the domain no service;" \
    "the store asks its backend which engine it runs on."
