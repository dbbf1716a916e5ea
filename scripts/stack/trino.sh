# shellcheck shell=bash
# Athena's stand-in: Trino with the Hive connector (file metastore, native S3 on s3proxy).

TRINO_PORT=${TRINO_PORT:-18080}
TRINO_VERSION=476
TRINO_USER=spotify-lake
TRINO_CATALOG=hive
# The second catalog over the same metastore: it runs the partition procedures (see trino_write_config).
TRINO_PARTITION_CATALOG=hive_admin
TRINO_SCHEMA=spotify_lake
TRINO_STATE="$LOCAL/trino"
TRINO_HOME="$TRINO_STATE/server-$TRINO_VERSION"
# Managed tables and the file metastore live here; the lake's tables are external, on S3.
TRINO_LOCAL_FS="$TRINO_STATE/local-fs"
TRINO_SERVER_ARTIFACT=io.trino:trino-server-core:$TRINO_VERSION:tar.gz
TRINO_HIVE_ARTIFACT=io.trino:trino-hive:$TRINO_VERSION:zip
TRINO_CLI_ARTIFACT=io.trino:trino-cli:$TRINO_VERSION:jar:executable

trino_url() {
    echo "http://127.0.0.1:$TRINO_PORT"
}

# trino_java_home: the newest JDK of at least 24 under /usr/lib/jvm (TRINO_JAVA_HOME overrides it).
trino_java_home() {
    if [[ -n "${TRINO_JAVA_HOME:-}" ]]; then
        echo "$TRINO_JAVA_HOME"
        return
    fi
    newest_jdk_home 24
}

trino_prepare() {
    TRINO_JAVA=$(trino_java_home)
    if [[ ! -x "$TRINO_JAVA/bin/java" ]]; then
        if [[ -n "${TRINO_JAVA_HOME:-}" ]]; then
            die "trino: TRINO_JAVA_HOME=$TRINO_JAVA_HOME has no bin/java"
        fi
        die "trino: Trino $TRINO_VERSION needs Java 24 or newer and none was found under /usr/lib/jvm (install one or set TRINO_JAVA_HOME)"
    fi
    [[ -d "$TRINO_HOME" ]] || trino_unpack
    trino_install_cli
    trino_write_config
}

# Unpacks the server and its Hive plugin once; the archives are deleted afterwards (~/.m2 keeps them).
trino_unpack() {
    need_download "$TRINO_SERVER_ARTIFACT"
    need_download "$TRINO_HIVE_ARTIFACT"
    say "unpacking Trino $TRINO_VERSION and its Hive plugin"
    local partial="$TRINO_HOME.partial"
    rm -rf "$partial"
    mkdir -p "$partial"
    tar -xzf "$DOWNLOADS/$(download_path "$TRINO_SERVER_ARTIFACT")" -C "$partial" --strip-components=1
    # the JDK's jar tool: unzip need not be installed (and jar is faster here)
    (cd "$partial/plugin" && "${JAVA%java}jar" xf "$DOWNLOADS/$(download_path "$TRINO_HIVE_ARTIFACT")")
    mv "$partial/plugin/trino-hive-$TRINO_VERSION" "$partial/plugin/hive"
    mv "$partial" "$TRINO_HOME"
    rm -f "$DOWNLOADS/$(download_path "$TRINO_SERVER_ARTIFACT")" "$DOWNLOADS/$(download_path "$TRINO_HIVE_ARTIFACT")"
}

# .local/bin/trino: the CLI, pointed at the local catalog and schema (it runs on Java 17).
trino_install_cli() {
    need_download "$TRINO_CLI_ARTIFACT"
    mkdir -p "$LOCAL/bin"
    cat >"$LOCAL/bin/trino" <<WRAPPER
#!/usr/bin/env bash
# The Trino CLI on the local stack's Trino; extra arguments go to the CLI (--execute "...", -f file).
# (jline.terminal.dumb: no warning when it runs without a terminal, as in scripts.)
exec "$JAVA" -Dorg.jline.terminal.dumb=true -jar "$DOWNLOADS/$(download_path "$TRINO_CLI_ARTIFACT")" --server "$(trino_url)" \\
    --user "$TRINO_USER" --catalog "$TRINO_CATALOG" --schema "$TRINO_SCHEMA" "\$@"
WRAPPER
    chmod +x "$LOCAL/bin/trino"
}

trino_write_config() {
    local etc="$TRINO_STATE/etc"
    mkdir -p "$etc/catalog" "$TRINO_STATE/data" "$TRINO_LOCAL_FS/hive-catalog"
    cat >"$etc/node.properties" <<PROPERTIES
node.environment=local
node.id=spotify-lake-local
node.data-dir=$TRINO_STATE/data
node.bind-ip=127.0.0.1
node.internal-address=127.0.0.1
PROPERTIES
    # One node, 1 GB of heap: query memory plus headroom must stay under the heap.
    cat >"$etc/config.properties" <<PROPERTIES
coordinator=true
node-scheduler.include-coordinator=true
http-server.http.port=$TRINO_PORT
discovery.uri=$(trino_url)
query.max-memory=600MB
query.max-memory-per-node=600MB
memory.heap-headroom-per-node=256MB
PROPERTIES
    cat >"$etc/jvm.config" <<PROPERTIES
-server
$STACK_MARK
-Xmx1G
-XX:+UseG1GC
-XX:+ExitOnOutOfMemoryError
-XX:-OmitStackTraceInFastThrow
-XX:ReservedCodeCacheSize=256M
-XX:+EnableDynamicAgentLoading
-Djdk.attach.allowAttachSelf=true
-Djdk.nio.maxCachedBufferSize=2000000
PROPERTIES
    cat >"$etc/log.properties" <<PROPERTIES
io.trino=INFO
PROPERTIES
    # Two catalogs over one metastore, so that repair moves a partition in one step for readers: the readers'
    # catalog caches the metastore (no refresh, no expiry in practice) and keeps reading a partition's old
    # location while the partition catalog unregisters and registers it, until repair flushes that partition
    # from the readers' cache. A catalog's own writes (CREATE, ALTER TABLE) invalidate its cache at once.
    trino_catalog_properties >"$etc/catalog/$TRINO_PARTITION_CATALOG.properties"
    {
        trino_catalog_properties
        echo "hive.metastore-cache-ttl=3650d"
        echo "hive.metastore-cache-maximum-size=100000"
    } >"$etc/catalog/$TRINO_CATALOG.properties"
}

# The Hive catalog on the file metastore and the local S3, as both catalogs have it.
trino_catalog_properties() {
    # local:/// is relative to local.location; file:/// fails at the first query ("No factory for location").
    cat <<PROPERTIES
connector.name=hive
hive.metastore=file
hive.metastore.catalog.dir=local:///hive-catalog
fs.native-local.enabled=true
local.location=$TRINO_LOCAL_FS
hive.non-managed-table-writes-enabled=true
hive.allow-register-partition-procedure=true
fs.native-s3.enabled=true
s3.endpoint=$(s3_url)
s3.path-style-access=true
s3.region=$S3_REGION
s3.aws-access-key=$S3_ACCESS_KEY
s3.aws-secret-key=$S3_SECRET_KEY
PROPERTIES
}

trino_start() {
    # "run" execs the JVM in the foreground: the pid stays the server's and the log gets its output.
    start_server trino "$TRINO_HOME/bin/launcher" --etc-dir "$TRINO_STATE/etc" --data-dir "$TRINO_STATE/data" \
        --jvm-dir "$TRINO_JAVA" run
}

# Healthy: the coordinator has finished starting (GET /v1/info says "starting":false).
trino_healthy() {
    curl -s --max-time 2 "$(trino_url)/v1/info" 2>/dev/null | grep -q '"starting":false'
}

# Runs once Trino is healthy: the schema the tasks and TRINO_URL name. It has no location of its
# own: the file metastore wants managed tables inside its catalog dir, and the lake's tables are
# external tables on s3://$S3_BUCKET/ anyway.
trino_provision() {
    [[ -f "$TRINO_LOCAL_FS/hive-catalog/.$TRINO_SCHEMA.trinoSchema" ]] && return 0
    "$LOCAL/bin/trino" --execute "CREATE SCHEMA IF NOT EXISTS $TRINO_CATALOG.$TRINO_SCHEMA" >>"$LOGS/trino.log" 2>&1 ||
        die_with_log trino "could not create schema $TRINO_CATALOG.$TRINO_SCHEMA"
}

trino_timeout() {
    echo 180
}
