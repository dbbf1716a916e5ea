# shellcheck shell=bash
# Points a shell at the local Airflow (.local/airflow, the venv of scripts/airflow-venv.sh, the DAGs of dags/).
# Sourced, never run:  . scripts/airflow-env.sh   (then airflow dags list, airflow dags test spotify_lake 2026-11-20, ...)
#
# Settings: AIRFLOW_PORT (8080; the API server and UI on 127.0.0.1), SPOTIFY_LAKE_JAR (the jar make jar builds),
# SPOTIFY_LAKE_START_DATE (two days ago: locally, catchup makes the last three days, today included).
# The stack's settings are not included: `set -a; . .local/stack.env; set +a` for those.

SPOTIFY_LAKE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export AIRFLOW_HOME="$SPOTIFY_LAKE_ROOT/.local/airflow"
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
