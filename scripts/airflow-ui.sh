#!/usr/bin/env bash
# make airflow-ui: `airflow standalone` (scheduler, DAG processor, triggerer, API server and UI) on
# http://127.0.0.1:$AIRFLOW_PORT (8080), with AIRFLOW_HOME=.local/airflow, the DAG of dags/, no example DAGs,
# the connections mysql_default, aws_default and spotify_lake_spotify preset from .local/stack.env, and
# the pool spotify_api. Ctrl-C stops Airflow. Runs of the DAG need the local stack up (make stack-up).
#
# The login is admin with the password kept in .local/airflow/simple_auth_manager_passwords.json.generated
# (made once, printed at every start). Settings: those of scripts/airflow-env.sh (AIRFLOW_PORT, ...).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/lib-script.sh
. scripts/lib-script.sh

scripts/airflow-venv.sh
[[ -f .local/stack.env ]] || die "no .local/stack.env to take the connections from: run make stack-up first"
scripts/stack.sh status >/dev/null 2>&1 || say "the local stack is not all up and healthy: runs will fail until make stack-up"
# shellcheck source=scripts/airflow-env.sh
. scripts/airflow-env.sh

if (: <"/dev/tcp/127.0.0.1/$AIRFLOW_PORT") 2>/dev/null; then
    die "port $AIRFLOW_PORT is taken (another Airflow, or Trino on its default port?): set AIRFLOW_PORT to a free port"
fi

say "preparing $AIRFLOW_HOME"
prepare_airflow_home || die "could not prepare $AIRFLOW_HOME"
say "connections mysql_default, aws_default, spotify_lake_spotify and pool spotify_api preset"

# The simple auth manager reads the passwords of its users from this file; written here, the login is known
# before the UI starts, and stays the same from one start to the next.
passwords="$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated"
if [[ ! -s "$passwords" ]]; then
    (umask 077 && python -c 'import json, secrets; print(json.dumps({"admin": secrets.token_urlsafe(12)}))' >"$passwords")
fi
password=$(python -c 'import json, sys; print(json.load(open(sys.argv[1]))["admin"])' "$passwords")

cat >&2 <<BANNER
airflow-ui: starting Airflow; the UI is ready when the log says "Airflow is ready":
    http://127.0.0.1:$AIRFLOW_PORT    login: admin    password: $password
  The DAG spotify_lake is paused: unpause it to catch up from $SPOTIFY_LAKE_START_DATE, or trigger a run.
  Ctrl-C stops Airflow; make stack-down stops the local stack.
BANNER
exec airflow standalone
