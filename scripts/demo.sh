#!/usr/bin/env bash
# make demo: the whole pipeline on the local stack, from a fresh machine to a query of the lake.
#   1. the local stack (scripts/stack.sh up);
#   2. MySQL's artists: DEMO_ARTISTS of the simulator's catalog (the seed is idempotent);
#   3. Airflow 3 in .local/venv (scripts/airflow-venv.sh);
#   4. a catchup: the DAG, starting two days ago with catchup on, unpaused under a scheduler, which runs
#      dt = the day before yesterday, yesterday and today (UTC); a run that failed before is retried;
#   5. the ten most popular tracks of the latest dt, from Trino;
#   6. the serving store: the seeds' three reads of the DynamoDB table (scripts/dynamodb/reads.py, boto3);
#   7. how to open the UI, which shows the three runs (they are kept in .local/airflow, make airflow-ui's home);
#      and last, artists like the most popular one of the latest dt, from similar-artists.
# The scheduler and API server it starts are stopped, and the DAG paused again, however it ends.
#
# make demo-celery (scripts/demo.sh --celery): the same on Airflow's CeleryExecutor, as several machines run it.
# PostgreSQL (Airflow's database) and Redis (the broker) join the stack (scripts/stack.sh up --celery), Airflow's
# home is .local/airflow-celery, and the API server, scheduler, DAG processor and DEMO_WORKERS Celery workers run as
# processes of their own (see start_celery_worker in scripts/airflow-env.sh); the settings they share are those of
# scripts/celery/airflow-celery.env. After the query, a line per worker: the task instances it ran, read from
# Airflow's records; the demo fails when a worker ran none. PostgreSQL and Redis are stopped again when the demo
# started them.
#
# Settings: DEMO_ARTISTS (200), DEMO_TIMEOUT (seconds for the three runs, 900), AIRFLOW_PORT (8080), DEMO_WORKERS (2).
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
    "") celery=no ;;
    --celery) celery=yes ;;
    *) sed -n '2,24s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
esac

DEMO_ARTISTS=${DEMO_ARTISTS:-200}
DEMO_TIMEOUT=${DEMO_TIMEOUT:-900}
DEMO_WORKERS=${DEMO_WORKERS:-2}
DEMO_DIR=.local/demo
SIMULATOR_JAR=java-tasks/spotify-simulator/target/spotify-simulator.jar
LOCAL_MYSQL_JAR=java-tasks/local-mysql/target/local-mysql.jar
TASK_JAR=java-tasks/tasks/target/spotify-lake.jar
DAG_ID=spotify_lake

# shellcheck source=scripts/lib-script.sh
. scripts/lib-script.sh

# The Airflow processes it starts (sessions), stopped however the demo ends, with PostgreSQL and Redis if it
# started them.
services=()
stop_airflow() {
    # Before step 3, nothing of Airflow runs (and scripts/airflow-env.sh is not loaded yet).
    declare -F stop_sessions >/dev/null || return 0
    stop_sessions "${services[@]}"
    services=()
    airflow dags pause "$DAG_ID" >/dev/null 2>&1 || true
}
stop_demo() {
    stop_airflow
    if [[ ${started_celery_servers:-no} == yes ]]; then
        scripts/stack.sh down --celery
    fi
}
trap stop_demo EXIT

started_at=$(date +%s)
say "1/7 the local stack"
if [[ $celery == yes ]]; then
    [[ "$(scripts/stack.sh status 2>/dev/null)" == *$'\npostgres '*' healthy'* ]] || started_celery_servers=yes
    scripts/stack.sh up --celery
else
    scripts/stack.sh up
fi
export_stack_env

say "2/7 $DEMO_ARTISTS artists of the simulator's catalog into MySQL"
mkdir -p "$DEMO_DIR"
java -jar "$SIMULATOR_JAR" mysql-seed --artists "$DEMO_ARTISTS" --out "$DEMO_DIR/artists.sql" 2>"$DEMO_DIR/seed.log" ||
    die "the simulator could not write the seed; see $DEMO_DIR/seed.log"
java -jar "$LOCAL_MYSQL_JAR" run-sql "$DEMO_DIR/artists.sql" 2>>"$DEMO_DIR/seed.log" ||
    die "MySQL refused the seed; see $DEMO_DIR/seed.log"

say "3/7 Airflow"
scripts/airflow-venv.sh
[[ $celery == yes ]] && export SPOTIFY_LAKE_AIRFLOW_HOME="$PWD/.local/airflow-celery"
# shellcheck source=scripts/airflow-env.sh
. scripts/airflow-env.sh
[[ $celery == yes ]] && { use_celery_executor || die "no settings for the CeleryExecutor"; }
# The run due today at 00:00 UTC is the last of the catchup.
first_dt=$(date -u -d "$SPOTIFY_LAKE_START_DATE" +%F)
latest_dt=$(date -u +%F)
if (: <"/dev/tcp/127.0.0.1/$AIRFLOW_PORT") 2>/dev/null; then
    die "port $AIRFLOW_PORT is taken (make airflow-ui running? it shares the demo's Airflow home): stop it, or set AIRFLOW_PORT"
fi
prepare_airflow_home || die "could not prepare $AIRFLOW_HOME"
# The scheduler serves task logs on a port of its own (8793 by default, which may be taken): any free one will do.
AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT=$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT


say "4/7 catchup of dt=$first_dt..$latest_dt by the scheduler (logs: $AIRFLOW_HOME/demo-*.log)"
# Written to the database now: the scheduler alone runs it, with no DAG processor needed.
airflow dags reserialize >"$AIRFLOW_HOME/demo-reserialize.log" 2>&1 ||
    die "the DAG does not load; see $AIRFLOW_HOME/demo-reserialize.log"
airflow tasks clear "$DAG_ID" --start-date "$first_dt" --end-date "$latest_dt" --only-failed --yes >/dev/null 2>&1 || true
airflow_services=(api-server scheduler)
# The demo's Airflow parses the DAG once (reserialize above); a Celery deployment runs its DAG processor apart.
[[ $celery == yes ]] && airflow_services+=(dag-processor)
for service in "${airflow_services[@]}"; do
    setsid airflow "$service" >"$AIRFLOW_HOME/demo-$service.log" 2>&1 </dev/null &
    services+=($!)
done
api_server_answers || die "the API server did not start; see $AIRFLOW_HOME/demo-api-server.log"
# Workers take tasks once the API server answers, since their tasks report to it.
workers=()
if [[ $celery == yes ]]; then
    for ((n = 1; n <= DEMO_WORKERS; n++)); do
        workers+=("worker-$n")
        services+=("$(start_celery_worker "worker-$n")")
    done
    say "  Celery workers ${workers[*]} (logs: $AIRFLOW_HOME/worker-*/worker.log)"
fi
airflow dags unpause "$DAG_ID" >/dev/null

# Progress from the metadata database, one line whenever it changes; exit 0 once the three runs succeeded.
python scripts/airflow-runs.py wait "$DAG_ID" "$first_dt" "$latest_dt" "$DEMO_TIMEOUT" || die "the catchup did not succeed"
stop_airflow

say "5/7 the lake: top tracks of dt=$latest_dt by popularity, from Trino"
.local/bin/trino --output-format ALIGNED --execute "
    SELECT t.track_name AS track, array_join(array_agg(DISTINCT a.name), ', ') AS artists,
           max(t.popularity) AS popularity, max(t.album_name) AS album
    FROM top_tracks t JOIN artists a ON a.artist_id = t.artist_id AND a.dt = t.dt
    WHERE t.dt = '$latest_dt'
    GROUP BY t.track_id, t.track_name
    ORDER BY popularity DESC, track
    LIMIT 10"
.local/bin/trino --output-format ALIGNED --execute "
    SELECT t.dt, count(*) AS top_tracks, count(DISTINCT t.artist_id) AS artists,
           CAST(min(t.fetched_at) AS date) AS fetched_on
    FROM top_tracks t
    WHERE t.dt BETWEEN '$first_dt' AND '$latest_dt'
    GROUP BY t.dt
    ORDER BY t.dt"

say "6/7 the serving store: the seeds' three reads of DynamoDB table $DYNAMODB_TABLE (boto3)"
boto3_python
"$BOTO3_PYTHON" scripts/dynamodb/reads.py "$DYNAMODB_TABLE"

if [[ $celery == yes ]]; then
    say "  the task instances of each Celery worker, from Airflow's records"
    python scripts/airflow-runs.py workers "$DAG_ID" "$first_dt" "$latest_dt" "${workers[@]}" || die "a worker ran nothing"
fi

passwords="$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated"
login="admin, with the password make airflow-ui prints"
[[ -s "$passwords" ]] && login="admin / $(python -c 'import json, sys; print(json.load(open(sys.argv[1]))["admin"])' "$passwords")"
say "7/7 done in $(($(date +%s) - started_at)) s"
cat <<DONE

The three runs are in Airflow. To see them, their task logs and XComs:
    make airflow-ui          then open http://127.0.0.1:$AIRFLOW_PORT    login: $login
More SQL over the lake: .local/bin/trino (tables top_tracks, audio_features, artists, artist_similarity, raw_*;
sql/queries/).
DONE
[[ $celery == yes ]] && echo "(make airflow-ui shows the runs of make demo; these are in $AIRFLOW_HOME, on PostgreSQL.)"

# The most popular artist of the latest dt that has neighbours, and the music of the artists like it.
artist=$(.local/bin/trino --output-format TSV --execute "
    SELECT a.name FROM artists a JOIN artist_similarity s ON s.artist_id = a.artist_id AND s.dt = a.dt
    WHERE a.dt = '$latest_dt' AND s.rank = 1
    ORDER BY a.popularity DESC NULLS LAST, a.artist_id LIMIT 1")
echo
echo "Artists like one you know: java -jar $TASK_JAR similar-artists --dt $latest_dt --artist \"$artist\" --limit 5"
java -jar "$TASK_JAR" similar-artists --dt "$latest_dt" --artist "$artist" --limit 5 2>/dev/null | sed '$d'
