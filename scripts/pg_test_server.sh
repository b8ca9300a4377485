# A throwaway PostgreSQL server for the tests and benchmarks, sourced by
# scripts/test.sh and scripts/bench.sh:
#
#   source scripts/pg_test_server.sh
#   pg_test_server_start [fast|durable]
#
# It makes a cluster in a new temporary folder (as the postgres user through
# runuser when running as root, as oneself otherwise), with SCRAM passwords,
# listening on 127.0.0.1 only, on a free port, with TLS on (a self-signed
# certificate made here). It exports
#   DEALBOARD_TEST_PG_URL  postgresql://dealboard_test@127.0.0.1:PORT/postgres
#   PGPASSWORD             the superuser's password (random, made here)
#   DEALBOARD_TEST_PG_CERT        the certificate the server shows
#   DEALBOARD_TEST_PG_OTHER_CERT  another one it does not (for the tests of a
#                                 server whose certificate changed)
# and stops and removes the server on exit, also on failure and Ctrl+C.
# "fast" (the default, for tests) turns fsync off; "durable" (for the
# benchmarks) keeps a real server's settings.
# Without the server's binaries it returns 1 and says why.

PG_BIN_DIR="${PG_BIN_DIR:-/usr/lib/postgresql/15/bin}"
PG_TEST_DIR=""

pg_test_server_stop() {
    if [[ -n "$PG_TEST_DIR" && -d "$PG_TEST_DIR" ]]; then
        pg_test_as_owner "$PG_BIN_DIR/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$PG_TEST_DIR"
    fi
    PG_TEST_DIR=""
}

pg_test_as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_test_server_start() {
    local mode="${1:-fast}"
    if [[ ! -x "$PG_BIN_DIR/initdb" || ! -x "$PG_BIN_DIR/pg_ctl" ]]; then
        echo "PostgreSQL's server binaries are not in $PG_BIN_DIR (Debian: postgresql-15)." >&2
        return 1
    fi
    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        echo "Running as root needs the postgres user to start a server (Debian: postgresql-15 makes it)." >&2
        return 1
    fi
    PG_TEST_DIR="$(mktemp -d /tmp/dealboard-pg.XXXXXX)"
    trap pg_test_server_stop EXIT
    trap 'pg_test_server_stop; exit 130' INT
    trap 'pg_test_server_stop; exit 143' TERM
    chmod 700 "$PG_TEST_DIR"
    local password
    password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    printf '%s\n' "$password" >"$PG_TEST_DIR/password"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres "$PG_TEST_DIR" "$PG_TEST_DIR/password"
    fi
    if ! pg_test_as_owner "$PG_BIN_DIR/initdb" -D "$PG_TEST_DIR/data" -U dealboard_test --auth=scram-sha-256 \
        --pwfile="$PG_TEST_DIR/password" -E UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1; then
        echo "initdb failed:" >&2
        cat "$PG_TEST_DIR/initdb.log" >&2
        return 1
    fi
    local name
    for name in server other; do
        if ! openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=dealboard-test-$name" \
            -keyout "$PG_TEST_DIR/$name.key" -out "$PG_TEST_DIR/$name.crt" >"$PG_TEST_DIR/openssl.log" 2>&1; then
            echo "openssl could not make the test server's certificate:" >&2
            cat "$PG_TEST_DIR/openssl.log" >&2
            return 1
        fi
        chmod 600 "$PG_TEST_DIR/$name.key"
        if [[ $(id -u) -eq 0 ]]; then
            chown postgres "$PG_TEST_DIR/$name.key" "$PG_TEST_DIR/$name.crt"
        fi
    done
    local settings=(-c listen_addresses=127.0.0.1 -c "unix_socket_directories=$PG_TEST_DIR" -c max_connections=${PG_TEST_MAX_CONNECTIONS:-200}
        -c ssl=on -c "ssl_cert_file=$PG_TEST_DIR/server.crt" -c "ssl_key_file=$PG_TEST_DIR/server.key")
    if [[ "$mode" == "fast" ]]; then
        settings+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
    fi
    local port attempt
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        port=$((20000 + RANDOM % 40000))
        if ss -ltn 2>/dev/null | grep -q ":$port "; then
            continue
        fi
        if pg_test_as_owner "$PG_BIN_DIR/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
            -o "-p $port ${settings[*]}" start >/dev/null 2>&1; then
            export DEALBOARD_TEST_PG_URL="postgresql://dealboard_test@127.0.0.1:$port/postgres"
            export PGPASSWORD="$password"
            export DEALBOARD_TEST_PG_CERT="$PG_TEST_DIR/server.crt"
            export DEALBOARD_TEST_PG_OTHER_CERT="$PG_TEST_DIR/other.crt"
            echo "A throwaway PostgreSQL server listens on 127.0.0.1:$port ($mode)."
            return 0
        fi
    done
    echo "The throwaway PostgreSQL server did not start:" >&2
    tail -20 "$PG_TEST_DIR/server.log" >&2 || true
    return 1
}
