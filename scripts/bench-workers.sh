#!/usr/bin/env bash
# make bench-workers: a week of days (dt = six days ago .. today) backfilled by the DAG on the CeleryExecutor, once
# with 1 Celery worker and once with 2 (BENCH_CONCURRENCY task slots each), everything else alike: the local stack
# with PostgreSQL and Redis (scripts/stack.sh up --celery, which this starts), BENCH_ARTISTS artists, a lake, a
# Trino schema, a serving table and an Airflow database of each run's own, so the second run reuses nothing of the
# first. The time of a run is Airflow's: from its first DAG run's start to its last one's end. Writes the workers
# section of docs/benchmarks.md (scripts/benchmarks-section.py) with the ratio, the machine's cores and the load
# average around each run (the machine may be shared: other processes' work is in those figures).
#
# Settings: BENCH_ARTISTS (20), BENCH_CONCURRENCY (2), BENCH_TIMEOUT (seconds per run, 1800), AIRFLOW_PORT (8080).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_ARTISTS=${BENCH_ARTISTS:-20}
BENCH_CONCURRENCY=${BENCH_CONCURRENCY:-2}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-1800}
DAG_ID=spotify_lake
SIMULATOR_JAR=java-tasks/spotify-simulator/target/spotify-simulator.jar
LOCAL_MYSQL_JAR=java-tasks/local-mysql/target/local-mysql.jar
JAR=java-tasks/tasks/target/spotify-lake.jar
BENCH_HOME="$PWD/.local/bench-workers"
FIRST_DT=$(date -u -d '6 days ago' +%F)
LATEST_DT=$(date -u +%F)

# shellcheck source=scripts/lib-script.sh
. scripts/lib-script.sh

require_jars "$JAR" "$SIMULATOR_JAR" "$LOCAL_MYSQL_JAR"
scripts/stack.sh up --celery
export_stack_env
scripts/airflow-venv.sh >/dev/null
export SPOTIFY_LAKE_AIRFLOW_HOME="$BENCH_HOME"
# shellcheck source=scripts/airflow-env.sh
. scripts/airflow-env.sh
use_celery_executor || die "no settings for the CeleryExecutor"
# The backfill's runs are the only runs: the DAG starts after them, unpaused.
export SPOTIFY_LAKE_START_DATE=$(date -u -d '30 days' +%F) AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=False
export SPOTIFY_LAKE_JAR="$PWD/$JAR" SPOTIFY_LAKE_RETRY_DELAY_SECONDS=10
if (: <"/dev/tcp/127.0.0.1/$AIRFLOW_PORT") 2>/dev/null; then
    die "port $AIRFLOW_PORT is taken: stop what listens there, or set AIRFLOW_PORT"
fi
STACK_LAKE_URI=$LAKE_URI
STACK_TRINO_URL=$TRINO_URL

services=()
stop_services() {
    stop_sessions "${services[@]}"
    services=()
}
trap stop_services EXIT

# psql_admin SQL: one statement on the stack's PostgreSQL, as the owner of Airflow's database.
psql_admin() {
    PGPASSWORD=$POSTGRES_PASSWORD psql -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U "$POSTGRES_USER" -d postgres -c "$1" >/dev/null
}

# A database of its own (the stack's user may create those named test_*).
say "$BENCH_ARTISTS artists of the simulator's catalog into MySQL database test_bench_workers"
mkdir -p "$BENCH_HOME"
MYSQL_JDBC_URL="${MYSQL_JDBC_URL%%\?*}"
export MYSQL_JDBC_URL="${MYSQL_JDBC_URL%/*}/test_bench_workers?connectionCollation=utf8mb4_unicode_ci"
java -jar "$SIMULATOR_JAR" mysql-seed --artists "$BENCH_ARTISTS" --out "$BENCH_HOME/artists.sql" 2>"$BENCH_HOME/seed.log"
MYSQL_JDBC_URL="$MYSQL_JDBC_URL&createDatabaseIfNotExist=true" java -jar "$LOCAL_MYSQL_JAR" run-sql sql/mysql/001_schema.sql \
    "$BENCH_HOME/artists.sql" 2>>"$BENCH_HOME/seed.log" || die "MySQL refused the seed; see $BENCH_HOME/seed.log"

# backfill WORKERS: one run of the week with WORKERS workers; appends "WORKERS SECONDS LOAD_BEFORE LOAD_AFTER".
backfill() {
    local workers=$1 run="bench_workers_$1_$(date +%s)" n seconds load_before
    export ATHENA_DATABASE=$run DYNAMODB_TABLE="${run}_top_tracks" LAKE_URI="${STACK_LAKE_URI%/}/bench/${run//_/-}"
    export TRINO_URL="${STACK_TRINO_URL%/*}/$run" AIRFLOW_HOME="$BENCH_HOME/$run"
    # The Celery settings again, on a database of the run's own.
    POSTGRES_DB=$run
    set -a
    # shellcheck source=scripts/celery/airflow-celery.env
    . scripts/celery/airflow-celery.env
    set +a
    psql_admin "CREATE DATABASE $run"
    mkdir -p "$AIRFLOW_HOME"
    airflow db migrate >"$AIRFLOW_HOME/db-migrate.log" 2>&1 || die "airflow db migrate failed; see $AIRFLOW_HOME/db-migrate.log"
    airflow pools set spotify_api 1 "Spotify fetch tasks take turns" >/dev/null
    airflow dags reserialize >"$AIRFLOW_HOME/reserialize.log" 2>&1 || die "the DAG does not load; see $AIRFLOW_HOME/reserialize.log"
    for service in api-server scheduler; do
        setsid airflow "$service" >"$AIRFLOW_HOME/$service.log" 2>&1 </dev/null &
        services+=($!)
    done
    api_server_answers 180 || die "the API server did not start; see $AIRFLOW_HOME/api-server.log"
    local names=()
    for ((n = 1; n <= workers; n++)); do
        names+=("bench-worker-$n")
        services+=("$(start_celery_worker "bench-worker-$n" "$BENCH_CONCURRENCY")")
    done
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    say "$workers worker(s): backfill of dt=$FIRST_DT..$LATEST_DT (Airflow home $AIRFLOW_HOME)"
    airflow backfill create --dag-id "$DAG_ID" --from-date "$FIRST_DT" --to-date "$LATEST_DT" >"$AIRFLOW_HOME/backfill.log" 2>&1 ||
        die "the backfill was refused; see $AIRFLOW_HOME/backfill.log"
    python scripts/airflow-runs.py wait "$DAG_ID" "$FIRST_DT" "$LATEST_DT" "$BENCH_TIMEOUT" || die "the backfill with $workers worker(s) did not succeed"
    seconds=$(python scripts/airflow-runs.py span "$DAG_ID" "$FIRST_DT" "$LATEST_DT")
    python scripts/airflow-runs.py workers "$DAG_ID" "$FIRST_DT" "$LATEST_DT" "${names[@]}" >"$AIRFLOW_HOME/workers.txt"
    echo "$workers $seconds $load_before $(cut -d' ' -f1-3 /proc/loadavg)" >>"$BENCH_HOME/results"
    say "$workers worker(s): $seconds s; $(paste -sd' ' "$AIRFLOW_HOME/workers.txt")"
    stop_services
    "$TRINO_CLI" --execute "DROP SCHEMA IF EXISTS hive.$run CASCADE" >/dev/null 2>&1 || true
    psql_admin "DROP DATABASE $run WITH (FORCE)"
}

rm -f "$BENCH_HOME/results"
backfill 1
backfill 2

machine="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB"
python3 - "$BENCH_HOME/results" "$machine" <<PY | scripts/benchmarks-section.py workers
import sys
runs = {int(w): (int(s), " ".join(rest[:3]), " ".join(rest[3:])) for w, s, *rest in (l.split() for l in open(sys.argv[1]))}
one, two = runs[1][0], runs[2][0]
print(f"""## Scale-out: a week backfilled by 1 and by 2 Celery workers (\`make bench-workers\`)

\`make bench-workers\` (scripts/bench-workers.sh), $(date -u +%F). The DAG on the CeleryExecutor (PostgreSQL, Redis,
API server, scheduler and Celery workers as processes of their own, as \`make demo-celery\` runs them), a backfill
of 7 days (dt=$FIRST_DT..$LATEST_DT) with $BENCH_ARTISTS artists, each run with a fresh lake, Trino schema, serving
table and Airflow database; $BENCH_CONCURRENCY task slots per worker; the DAG's own limits (2 runs at once, one
fetch at a time in pool spotify_api, one serving-store load at a time). Time: Airflow's, from the first run's start
to the last run's end. Machine: {sys.argv[2]}; both workers share its cores, and the machine is shared with
other people's work, whose load the load averages (1, 5, 15 min) before and after each run show.

| workers | week backfilled in | load average before | after |
|---|---|---|---|
| 1 | {one} s | {runs[1][1]} | {runs[1][2]} |
| 2 | {two} s | {runs[2][1]} | {runs[2][2]} |

2 workers took {two / one:.2f}x the time of 1 ({one / two:.2f}x as fast) on the same {sys.argv[2].split(" (")[0]}. A
second worker adds task slots, not cores: here both share two cores, so the gain is bounded by what the DAG can run
at once and by the CPU left over; on two machines each worker brings its own cores and memory.""")
PY
