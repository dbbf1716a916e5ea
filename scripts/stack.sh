#!/usr/bin/env bash
# The local stack behind make stack-up / stack-down / stack-status: MariaDB, s3proxy, Trino, the
# Spotify simulator and dynalite (DynamoDB) on 127.0.0.1, state, logs and pids under .local/.
#
#   scripts/stack.sh up           start what is not running, wait until all are healthy, write .local/stack.env
#   scripts/stack.sh up --celery  the same, plus PostgreSQL and Redis for the CeleryExecutor (.local/celery.env)
#   scripts/stack.sh down         stop what up started (data stays)
#   scripts/stack.sh down --wipe  the same, then delete the servers' data (downloads and unpacked servers stay)
#   scripts/stack.sh down --celery  stop PostgreSQL and Redis only
#   scripts/stack.sh status       one line per server (PostgreSQL and Redis when they run); exit 1 if any is not healthy
#
# Ports: MYSQL_PORT (13306), S3_PORT (19000), TRINO_PORT (18080), SIMULATOR_PORT (18090), DYNAMODB_PORT (18100),
# POSTGRES_PORT (15432), REDIS_PORT (16379).
# Also: TRINO_JAVA_HOME (else the newest JDK 24+ under /usr/lib/jvm), SIMULATOR_JAR, SIMULATOR_*, DYNAMODB_TABLE.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib-stack.sh"
# Each server's file defines NAME_prepare, NAME_start, NAME_healthy, NAME_url, NAME_timeout
# and, if it needs one, NAME_provision.
source "$ROOT/scripts/stack/mysql.sh"
source "$ROOT/scripts/stack/s3.sh"
source "$ROOT/scripts/stack/trino.sh"
source "$ROOT/scripts/stack/simulator.sh"
source "$ROOT/scripts/stack/dynamodb.sh"
source "$ROOT/scripts/stack/postgres.sh"
source "$ROOT/scripts/stack/redis.sh"
SERVERS=(mysql s3 trino simulator dynamodb)
# Airflow's metadata database and broker under the CeleryExecutor: started on demand only.
CELERY_SERVERS=(postgres redis)
ALL_SERVERS=("${SERVERS[@]}" "${CELERY_SERVERS[@]}")

usage() {
    sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

has_function() {
    declare -F "$1" >/dev/null
}

port_of() {
    local variable="${1^^}_PORT"
    echo "${!variable}"
}

up() {
    case "${1:-}" in
        "") ;;
        --celery) SERVERS+=("${CELERY_SERVERS[@]}") ;;
        *) usage ;;
    esac
    command -v curl >/dev/null || die "curl is needed for the health checks (apt-get install curl)"
    local started_at server pid servers_pids=() strays=() to_start=() to_wait=()
    started_at=$(now)
    for server in "${ALL_SERVERS[@]}"; do
        pid=$(pid_of "$server")
        [[ -n "$pid" ]] && servers_pids+=("$pid")
    done
    mapfile -t strays < <(our_stray_pids "${servers_pids[@]}")
    if ((${#strays[@]} > 0)); then
        say "stopping leftovers of an earlier run: pids ${strays[*]}"
        stop_servers "${strays[@]}"
    fi
    for server in "${SERVERS[@]}"; do
        pid=$(pid_of "$server")
        if [[ -n "$pid" ]]; then
            if "${server}_healthy"; then
                continue
            fi
            say "$server (pid $pid) runs but is not healthy yet: waiting for it"
        elif port_open "$(port_of "$server")"; then
            die "$server: port $(port_of "$server") is taken by a process that is not this stack's; set ${server^^}_PORT to a free port"
        else
            to_start+=("$server")
        fi
        to_wait+=("$server")
    done
    # Everything is checked, fetched and configured before anything starts; then all start before
    # the first wait, so that Trino's ~9 s overlap the others' starts.
    for server in "${to_start[@]}"; do
        "${server}_prepare"
    done
    for server in "${to_start[@]}"; do
        "${server}_start"
    done
    for server in "${to_wait[@]}"; do
        wait_healthy "$server"
    done
    # Provisioning checks before it changes anything, so it runs on healthy servers too and
    # repairs what an interrupted earlier run left undone.
    for server in "${SERVERS[@]}"; do
        if has_function "${server}_provision"; then
            "${server}_provision"
        fi
    done
    write_stack_env
    if [[ " ${SERVERS[*]} " == *" postgres "* ]]; then
        write_celery_env
    fi
    if ((${#to_wait[@]} == 0)); then
        say "all servers already healthy"
    else
        say "up in $(seconds_since "$started_at") s (started or waited for: ${to_wait[*]}); set -a; . .local/stack.env"
    fi
}

# wait_healthy NAME: until the server is healthy; dies naming its log if it exits or times out.
wait_healthy() {
    local name=$1 started_at deadline pid
    started_at=$(now)
    deadline=$(($(date +%s) + $("${name}_timeout")))
    pid=$(cat "$PIDS/$name.pid" 2>/dev/null || true)
    until "${name}_healthy"; do
        if ! running "$pid"; then
            die_with_log "$name" "exited before it became healthy"
        fi
        if (($(date +%s) >= deadline)); then
            die_with_log "$name" "not healthy after $("${name}_timeout") s"
        fi
        sleep 0.2
    done
    say "$name healthy on $("${name}_url") (pid $pid, waited $(seconds_since "$started_at") s)"
}

write_stack_env() {
    cat >"$LOCAL/stack.env.partial" <<ENV
# Written by scripts/stack.sh up: the local stack's settings. Use: set -a; . .local/stack.env
LAKE_URI=s3://$S3_BUCKET
AWS_REGION=$S3_REGION
AWS_DEFAULT_REGION=$S3_REGION
AWS_ENDPOINT_URL=$(s3_url)
AWS_ACCESS_KEY_ID=$S3_ACCESS_KEY
AWS_SECRET_ACCESS_KEY=$S3_SECRET_KEY
MYSQL_JDBC_URL=$(mysql_url)?connectionCollation=utf8mb4_unicode_ci
MYSQL_USER=$MYSQL_USER
MYSQL_PASSWORD=$MYSQL_PASSWORD
SPOTIFY_CLIENT_ID=$SIMULATOR_CLIENT_ID
SPOTIFY_CLIENT_SECRET=$SIMULATOR_CLIENT_SECRET
SPOTIFY_API_URL=$(simulator_url)/v1
SPOTIFY_ACCOUNTS_URL=$(simulator_url)
RECCOBEATS_API_URL=$(simulator_url)/reccobeats/v1
SIMULATOR_URL=$(simulator_url)
QUERY_ENGINE=trino
TRINO_URL=jdbc:trino://127.0.0.1:$TRINO_PORT/$TRINO_CATALOG/$TRINO_SCHEMA
TRINO_PARTITION_CATALOG=$TRINO_PARTITION_CATALOG
TRINO_USER=$TRINO_USER
AWS_ENDPOINT_URL_DYNAMODB=$(dynamodb_url)
DYNAMODB_TABLE=$DYNAMODB_TABLE
ENV
    mv "$LOCAL/stack.env.partial" "$LOCAL/stack.env"
}

# .local/celery.env: what scripts/celery/airflow-celery.env needs on the local stack but Airflow's own address, with
# the two secrets that every component must share, made at the first start and kept.
write_celery_env() {
    local jwt_secret="" fernet_key=""
    if [[ -f "$LOCAL/celery.env" ]]; then
        jwt_secret=$(sed -n 's/^AIRFLOW_JWT_SECRET=//p' "$LOCAL/celery.env")
        fernet_key=$(sed -n 's/^AIRFLOW_FERNET_KEY=//p' "$LOCAL/celery.env")
    fi
    [[ -n "$jwt_secret" ]] || jwt_secret=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
    [[ -n "$fernet_key" ]] || fernet_key=$(python3 -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())')
    (
        umask 077
        cat >"$LOCAL/celery.env.partial" <<ENV
# Written by scripts/stack.sh up --celery: the values scripts/celery/airflow-celery.env takes on the local stack.
POSTGRES_HOST=127.0.0.1
POSTGRES_PORT=$POSTGRES_PORT
POSTGRES_USER=$POSTGRES_USER
POSTGRES_PASSWORD=$POSTGRES_PASSWORD
POSTGRES_DB=$POSTGRES_DB
REDIS_HOST=127.0.0.1
REDIS_PORT=$REDIS_PORT
AIRFLOW_JWT_SECRET=$jwt_secret
AIRFLOW_FERNET_KEY=$fernet_key
ENV
    )
    mv "$LOCAL/celery.env.partial" "$LOCAL/celery.env"
}

down() {
    local wipe=false servers=("${ALL_SERVERS[@]}") server pid pids=() names=()
    case "${1:-}" in
        "") ;;
        --wipe) wipe=true ;;
        --celery) servers=("${CELERY_SERVERS[@]}") ;;
        *) usage ;;
    esac
    for server in "${servers[@]}"; do
        pid=$(pid_of "$server")
        if [[ -n "$pid" ]]; then
            pids+=("$pid")
            names+=("$server")
            if has_function "${server}_stop"; then
                "${server}_stop" "$pid"
            fi
        fi
    done
    if [[ "${1:-}" != --celery ]]; then
        for pid in $(our_stray_pids "${pids[@]}"); do
            pids+=("$pid")
            names+=("stray pid $pid")
        done
    fi
    if ((${#pids[@]} > 0)); then
        stop_servers "${pids[@]}"
        say "stopped: ${names[*]}"
    else
        say "nothing of this stack was running"
    fi
    for server in "${servers[@]}"; do
        rm -f "$PIDS/$server.pid"
    done
    [[ "${1:-}" == --celery ]] || rm -f "$MYSQL_STATE/ready"
    if $wipe; then
        rm -rf "${MYSQL_STATE:?}" "${S3_STATE:?}" "${TRINO_STATE:?}/data" "${TRINO_STATE:?}/etc" "${TRINO_LOCAL_FS:?}" "${DYNAMODB_STATE:?}" \
            "${POSTGRES_STATE:?}" "${REDIS_STATE:?}" "$LOCAL/stack.env"
        say "wiped the servers' data"
    fi
}

status() {
    local server pid health all_healthy=true
    printf '%-10s %-38s %-8s %s\n' SERVER URL PID STATE
    for server in "${CELERY_SERVERS[@]}"; do
        [[ -n "$(pid_of "$server")" ]] && SERVERS+=("$server")
    done
    for server in "${SERVERS[@]}"; do
        pid=$(pid_of "$server")
        if [[ -z "$pid" ]]; then
            health="down"
            all_healthy=false
        elif "${server}_healthy"; then
            health="healthy"
        else
            health="not healthy (see .local/logs/$server.log)"
            all_healthy=false
        fi
        printf '%-10s %-38s %-8s %s\n' "$server" "$("${server}_url")" "${pid:--}" "$health"
    done
    $all_healthy
}

case "${1:-}" in
    up) up "${2:-}" ;;
    down) down "${2:-}" ;;
    status) status ;;
    *) usage ;;
esac
