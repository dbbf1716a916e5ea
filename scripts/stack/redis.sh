# shellcheck shell=bash
# The CeleryExecutor's broker (make demo-celery, the Celery end-to-end test): Debian's redis-server, installed by
# apt-get when missing, in the foreground, nothing saved to disk (a lost queue is re-sent by the scheduler).
# Started by `scripts/stack.sh up --celery` only.

REDIS_PORT=${REDIS_PORT:-16379}
REDIS_STATE="$LOCAL/redis"

redis_url() {
    echo "redis://127.0.0.1:$REDIS_PORT/0"
}

redis_prepare() {
    command -v redis-server >/dev/null || apt_install redis-server
    mkdir -p "$REDIS_STATE/bin"
    # Started through a link under .local/, the server is recognised as this stack's (is_ours).
    ln -sfn "$(command -v redis-server)" "$REDIS_STATE/bin/redis-server"
}

redis_start() {
    start_server redis "$REDIS_STATE/bin/redis-server" --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_STATE" \
        --save '' --appendonly no --daemonize no
}

redis_healthy() {
    [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

redis_timeout() {
    echo 30
}
