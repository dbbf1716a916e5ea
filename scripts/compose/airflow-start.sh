#!/usr/bin/env bash
# What two of the Airflow services of docker-compose.yml run (the others run `airflow <command>` directly):
#   init        the database migrated, and the pool spotify_api (without it the scheduler never queues the fetch
#               tasks); runs once, before the other Airflow services start
#   api-server  a known login, then the API server and UI on port 8080
# The tasks take their settings from the workers' environment (or from connections, when defined).
set -euo pipefail

case "${1:-}" in
    init)
        airflow db migrate >/dev/null
        airflow pools set spotify_api 1 "Spotify fetch tasks take turns: the rate limit is counted per app" >/dev/null
        ;;
    api-server)
        # The simple auth manager reads its users' passwords from this file: written here, the login is known up front.
        passwords="$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated"
        if [[ ! -s "$passwords" ]]; then
            (umask 077 && python -c 'import json, os, secrets; print(json.dumps({"admin": os.environ.get("AIRFLOW_ADMIN_PASSWORD") or secrets.token_urlsafe(12)}))' >"$passwords")
        fi
        echo "spotify-lake: the UI is on port 8080, login admin, password $(python -c 'import json, sys; print(json.load(open(sys.argv[1]))["admin"])' "$passwords")"
        exec airflow api-server
        ;;
    *)
        echo "usage: airflow-start.sh init|api-server" >&2
        exit 2
        ;;
esac
