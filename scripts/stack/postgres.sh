# shellcheck shell=bash
# Airflow's metadata database under the CeleryExecutor (make demo-celery, the Celery end-to-end test): Debian's
# PostgreSQL, installed by apt-get when missing, its data under .local/postgres. It refuses to run as root, so it
# runs as the user postgres. Started by `scripts/stack.sh up --celery` only.

POSTGRES_PORT=${POSTGRES_PORT:-15432}
POSTGRES_USER=airflow
POSTGRES_PASSWORD=airflow-local-pw
POSTGRES_DB=airflow
POSTGRES_STATE="$LOCAL/postgres"
POSTGRES_OS_USER=postgres

postgres_url() {
    echo "postgresql://127.0.0.1:$POSTGRES_PORT/$POSTGRES_DB"
}

# The newest PostgreSQL's programs, or nothing.
postgres_bin() {
    find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1
}

postgres_prepare() {
    [[ -n "$(postgres_bin)" ]] || apt_install postgresql
    id "$POSTGRES_OS_USER" >/dev/null 2>&1 || die "postgres: no user $POSTGRES_OS_USER to run PostgreSQL as"
    local bin data="$POSTGRES_STATE/data"
    bin=$(postgres_bin)
    mkdir -p "$POSTGRES_STATE/bin"
    # Started through a link under .local/, the server is recognised as this stack's (is_ours).
    ln -sfn "$bin/postgres" "$POSTGRES_STATE/bin/postgres"
    if [[ ! -f "$data/PG_VERSION" ]]; then
        say "postgres: creating the database cluster in ${data#"$ROOT/"}"
        rm -rf "$data"
        install -d -o "$POSTGRES_OS_USER" -m 700 "$data"
        install -o "$POSTGRES_OS_USER" -m 600 <(echo "$POSTGRES_PASSWORD") "$POSTGRES_STATE/password"
        as_postgres "$bin/initdb" -D "$data" -U "$POSTGRES_USER" --pwfile="$POSTGRES_STATE/password" \
            --auth-local=trust --auth-host=scram-sha-256 >"$LOGS/postgres-initdb.log" 2>&1 ||
            die_with_log postgres-initdb "could not create the database cluster"
        rm -f "$POSTGRES_STATE/password"
    fi
    install -d -o "$POSTGRES_OS_USER" "$POSTGRES_STATE/run"
}

postgres_start() {
    start_server postgres setpriv --reuid="$POSTGRES_OS_USER" --regid="$POSTGRES_OS_USER" --init-groups \
        "$POSTGRES_STATE/bin/postgres" -D "$POSTGRES_STATE/data" -p "$POSTGRES_PORT" -k "$POSTGRES_STATE/run" \
        -c listen_addresses=127.0.0.1
}

postgres_healthy() {
    pg_isready -q -h 127.0.0.1 -p "$POSTGRES_PORT"
}

# Airflow's database, owned by its user (the cluster's superuser).
postgres_provision() {
    local psql=(psql -q -h "$POSTGRES_STATE/run" -p "$POSTGRES_PORT" -U "$POSTGRES_USER" -d postgres -tA)
    if [[ -z "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$POSTGRES_DB'")" ]]; then
        "${psql[@]}" -c "CREATE DATABASE $POSTGRES_DB" || die_with_log postgres "could not create database $POSTGRES_DB"
    fi
}

# A fast shutdown: SIGTERM alone waits for every client to disconnect.
postgres_stop() {
    kill -INT "$1" 2>/dev/null || true
}

postgres_timeout() {
    echo 60
}

as_postgres() {
    setpriv --reuid="$POSTGRES_OS_USER" --regid="$POSTGRES_OS_USER" --init-groups "$@"
}
