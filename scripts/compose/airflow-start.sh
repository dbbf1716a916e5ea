#!/usr/bin/env bash
# The Airflow container's command (docker-compose.yml): what make airflow-ui does on the host. The database
# migrated, the pool spotify_api (without it the scheduler never queues the fetch tasks), a known login, then
# `airflow standalone` (scheduler, DAG processor, triggerer, API server and UI on port 8080).
# The tasks take their settings from the container's environment (or from connections, when defined).
set -euo pipefail

airflow db migrate >/dev/null
airflow pools set spotify_api 1 "Spotify fetch tasks take turns: the rate limit is counted per app" >/dev/null

# The simple auth manager reads its users' passwords from this file: written here, the login is known up front.
passwords="$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated"
if [[ ! -s "$passwords" ]]; then
    (umask 077 && python -c 'import json, os, secrets; print(json.dumps({"admin": os.environ.get("AIRFLOW_ADMIN_PASSWORD") or secrets.token_urlsafe(12)}))' >"$passwords")
fi
echo "spotify-lake: the UI is on port 8080, login admin, password $(python -c 'import json, sys; print(json.load(open(sys.argv[1]))["admin"])' "$passwords")"
exec airflow standalone
