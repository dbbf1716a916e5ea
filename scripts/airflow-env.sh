# shellcheck shell=bash
# Points a shell at the local Airflow (.local/airflow, the venv of scripts/airflow-venv.sh, the DAGs of dags/).
# Sourced, never run:  . scripts/airflow-env.sh   (then airflow dags list, airflow dags test spotify_lake 2026-11-20, ...)
# It also defines prepare_airflow_home, which make airflow-ui and make demo run before they start Airflow.
#
# Settings: AIRFLOW_PORT (8080; the API server and UI on 127.0.0.1), SPOTIFY_LAKE_AIRFLOW_HOME (.local/airflow),
# SPOTIFY_LAKE_JAR (the jar make jar builds), SPOTIFY_LAKE_START_DATE (two days ago: locally, catchup makes the
# last three days, today included).
# The stack's settings are not included: `set -a; . .local/stack.env; set +a` for those.

SPOTIFY_LAKE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export AIRFLOW_HOME=${SPOTIFY_LAKE_AIRFLOW_HOME:-$SPOTIFY_LAKE_ROOT/.local/airflow}
export AIRFLOW__CORE__DAGS_FOLDER="$SPOTIFY_LAKE_ROOT/dags"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW_PORT=${AIRFLOW_PORT:-8080}
export AIRFLOW__API__HOST=127.0.0.1
export AIRFLOW__API__PORT=$AIRFLOW_PORT
# Where task processes find the API server (the execution API), and the UI's own links.
export AIRFLOW__API__BASE_URL="http://127.0.0.1:$AIRFLOW_PORT"
export SPOTIFY_LAKE_JAR=${SPOTIFY_LAKE_JAR:-$SPOTIFY_LAKE_ROOT/java-tasks/tasks/target/spotify-lake.jar}
SPOTIFY_LAKE_START_DATE=${SPOTIFY_LAKE_START_DATE:-$(date -u -d '2 days ago' +%F)}
export SPOTIFY_LAKE_START_DATE
export PATH="$SPOTIFY_LAKE_ROOT/.local/venv/bin:$PATH"

# prepare_airflow_home: the database of $AIRFLOW_HOME migrated, the connections mysql_default (type mysql),
# aws_default (type aws) and spotify_lake_spotify preset from .local/stack.env (connections win over the
# environment), and the pool spotify_api, without which the scheduler never queues the fetch tasks.
prepare_airflow_home() {
    mkdir -p "$AIRFLOW_HOME"
    if ! airflow db migrate >"$AIRFLOW_HOME/db-migrate.log" 2>&1; then
        echo "airflow db migrate failed; see $AIRFLOW_HOME/db-migrate.log" >&2
        return 1
    fi
    # It holds secrets: private, and gone as soon as it is imported.
    local connections="$AIRFLOW_HOME/connections.json" imported=0
    (
        umask 077
        set -a
        # shellcheck source=/dev/null
        . "$SPOTIFY_LAKE_ROOT/.local/stack.env"
        set +a
        PYTHONPATH="$SPOTIFY_LAKE_ROOT/dags" python -m spotify_lake.environment >"$connections"
    ) && airflow connections import --overwrite "$connections" >/dev/null 2>&1 || imported=$?
    rm -f "$connections"
    if ((imported != 0)); then
        echo "could not import the connections from .local/stack.env" >&2
        return 1
    fi
    if ! airflow pools set spotify_api 1 "Spotify fetch tasks take turns: the rate limit is counted per app" \
        >/dev/null 2>&1; then
        echo "could not create the pool spotify_api" >&2
        return 1
    fi
}

# use_celery_executor: this shell's Airflow on the CeleryExecutor, with PostgreSQL and Redis of
# `scripts/stack.sh up --celery`: the settings of scripts/celery/airflow-celery.env with the values .local/celery.env
# holds (made by that command) and the API server of AIRFLOW_PORT.
use_celery_executor() {
    if [[ ! -f "$SPOTIFY_LAKE_ROOT/.local/celery.env" ]]; then
        echo "no .local/celery.env: run scripts/stack.sh up --celery" >&2
        return 1
    fi
    set -a
    # shellcheck source=/dev/null
    . "$SPOTIFY_LAKE_ROOT/.local/celery.env"
    AIRFLOW_API_HOST=127.0.0.1
    # shellcheck source=scripts/celery/airflow-celery.env
    . "$SPOTIFY_LAKE_ROOT/scripts/celery/airflow-celery.env"
    set +a
}

# start_celery_worker NAME [CONCURRENCY]: a Celery worker in a session of its own, as another machine would run it:
# named NAME (--celery-hostname, and the hostname Airflow records for its task instances), in its own working
# directory $AIRFLOW_HOME/NAME (its AIRFLOW_HOME too), where its tasks' JVMs keep their temporary files
# (java.io.tmpdir). Its task logs go to $AIRFLOW_HOME/logs, where the API server reads them (remote logging does
# it for workers of their own machines). Output to $AIRFLOW_HOME/NAME/worker.log; prints the session's pid.
start_celery_worker() {
    local name=$1 concurrency=${2:-2} directory="$AIRFLOW_HOME/$1" jvm_options
    mkdir -p "$directory/tmp"
    jvm_options="$(python3 "$SPOTIFY_LAKE_ROOT/dags/spotify_lake/jvm.py") -Djava.io.tmpdir=$directory/tmp"
    (
        cd "$directory"
        AIRFLOW__LOGGING__BASE_LOG_FOLDER="$AIRFLOW_HOME/logs" AIRFLOW_HOME="$directory" \
            SPOTIFY_LAKE_WORKER_NAME="$name" AIRFLOW__CORE__HOSTNAME_CALLABLE=worker_name.worker_name \
            PYTHONPATH="$SPOTIFY_LAKE_ROOT/scripts/celery${PYTHONPATH:+:$PYTHONPATH}" SPOTIFY_LAKE_JVM_OPTIONS="$jvm_options" \
            exec setsid airflow celery worker --celery-hostname "$name" --concurrency "$concurrency" --skip-serve-logs \
            >"$directory/worker.log" 2>&1 </dev/null
    ) &
    echo $!
}

# stop_sessions PID...: SIGTERM to the sessions these processes lead (what start_celery_worker and `setsid airflow`
# start), then SIGKILL to what is left of each after 30 s.
stop_sessions() {
    local pid
    for pid; do
        kill -TERM -- "-$pid" 2>/dev/null || true
    done
    for pid; do
        timeout 30 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -KILL -- "-$pid" 2>/dev/null || true
    done
}

# api_server_answers [SECONDS]: waits until the API server of AIRFLOW__API__BASE_URL answers (at most SECONDS, 120);
# fails after that. Task processes report to it: runs and workers start once it answers.
api_server_answers() {
    local deadline=$(($(date +%s) + ${1:-120}))
    until curl -sf -o /dev/null --max-time 2 "$AIRFLOW__API__BASE_URL/api/v2/monitor/health"; do
        (($(date +%s) < deadline)) || return 1
        sleep 1
    done
}
