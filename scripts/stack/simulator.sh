# shellcheck shell=bash
# The Spotify Web API simulator (java-tasks/spotify-simulator): token endpoint, API under /v1,
# /health, /_admin. SIMULATOR_* variables of the environment reach it unchanged.

SIMULATOR_PORT=${SIMULATOR_PORT:-18090}
SIMULATOR_CLIENT_ID=local-client-id
SIMULATOR_CLIENT_SECRET=local-client-secret
SIMULATOR_JAR=${SIMULATOR_JAR:-"$ROOT/java-tasks/spotify-simulator/target/spotify-simulator.jar"}

simulator_url() {
    echo "http://127.0.0.1:$SIMULATOR_PORT"
}

simulator_prepare() {
    [[ -f "$SIMULATOR_JAR" ]] || die "simulator: ${SIMULATOR_JAR#"$ROOT/"} is missing: run make jar"
}

simulator_start() {
    start_server simulator "$JAVA" "$STACK_MARK" -jar "$SIMULATOR_JAR" serve --port "$SIMULATOR_PORT" \
        --client-id "$SIMULATOR_CLIENT_ID" --client-secret "$SIMULATOR_CLIENT_SECRET"
}

simulator_healthy() {
    [[ "$(http_status "$(simulator_url)/health")" == 200 ]]
}

simulator_timeout() {
    echo 60
}
