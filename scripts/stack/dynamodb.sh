# shellcheck shell=bash
# The DynamoDB-API server: dynalite from npm (pinned in scripts/stack/dynamodb/package-lock.json, installed there
# by npm ci), run by scripts/stack/dynamodb/server.js so that a client killed mid-request does not stop it; its
# LevelDB state under .local/dynamodb. The serving store's table is created by the task itself
# (load-dynamodb --create-table), as on AWS.

DYNAMODB_PORT=${DYNAMODB_PORT:-18100}
DYNAMODB_TABLE=${DYNAMODB_TABLE:-top_tracks}
DYNAMODB_STATE="$LOCAL/dynamodb"
DYNAMODB_PACKAGE="$ROOT/scripts/stack/dynamodb"

dynamodb_url() {
    echo "http://127.0.0.1:$DYNAMODB_PORT"
}

# Installs dynalite when it is missing or older than the lock file.
dynamodb_prepare() {
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        die "dynamodb: Node.js 20+ and npm are needed for dynalite (apt-get install nodejs npm)"
    fi
    local installed="$DYNAMODB_PACKAGE/node_modules/.package-lock.json"
    if [[ ! -f "$installed" || "$DYNAMODB_PACKAGE/package-lock.json" -nt "$installed" ]]; then
        say "installing dynalite (scripts/stack/dynamodb/package-lock.json) with npm ci"
        mkdir -p "$LOGS"
        npm ci --prefix "$DYNAMODB_PACKAGE" --no-audit --no-fund >"$LOGS/npm-dynamodb.log" 2>&1 ||
            die_with_log npm-dynamodb "could not install dynalite"
    fi
    mkdir -p "$DYNAMODB_STATE"
}

# The mark after `--` is an operand dynalite ignores; it tells this stack's node from any other's.
dynamodb_start() {
    start_server dynamodb node "$DYNAMODB_PACKAGE/server.js" --host 127.0.0.1 \
        --port "$DYNAMODB_PORT" --path "$DYNAMODB_STATE" -- "$STACK_MARK"
}

# Healthy: a signed ListTables answers 200 (dynalite checks that a request is signed, not the keys).
dynamodb_healthy() {
    [[ "$(http_status "$(dynamodb_url)" -X POST --aws-sigv4 "aws:amz:$S3_REGION:dynamodb" \
        --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" -H 'Content-Type: application/x-amz-json-1.0' \
        -H 'X-Amz-Target: DynamoDB_20120810.ListTables' --data '{}')" == 200 ]]
}

dynamodb_timeout() {
    echo 30
}
