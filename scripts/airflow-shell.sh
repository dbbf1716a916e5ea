#!/usr/bin/env bash
# make airflow-shell: a shell in which `airflow` works against the local Airflow: the home of make airflow-ui and
# make demo (.local/airflow), the DAG of dags/, the connections and the pool preset, the local stack's settings
# exported (.local/stack.env). `exit` leaves it. Commands piped on stdin run in it too:
#   echo 'airflow dags list' | make -s airflow-shell
# Settings: those of scripts/airflow-env.sh (SPOTIFY_LAKE_AIRFLOW_HOME, AIRFLOW_PORT, ...).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/lib-script.sh
. scripts/lib-script.sh

scripts/airflow-venv.sh
export_stack_env
# shellcheck source=scripts/airflow-env.sh
. scripts/airflow-env.sh
prepare_airflow_home || die "could not prepare $AIRFLOW_HOME"
# Written to the database, so that commands that look the DAG up there (backfill create, tasks clear) find it.
airflow dags reserialize >"$AIRFLOW_HOME/reserialize.log" 2>&1 ||
    die "the DAG does not load; see $AIRFLOW_HOME/reserialize.log"
[[ -t 0 ]] && say "airflow is $(command -v airflow), its home $AIRFLOW_HOME; exit leaves this shell"
exec bash
