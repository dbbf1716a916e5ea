#!/usr/bin/env bash
# make bench-reprocess: re-processing BENCH_DAYS (30) days of BENCH_ARTISTS (200) artists from raw, on the local
# stack, two ways in the same run, each from its own copy of the same raw zone:
#   - the single-day tasks one after another, as the DAG runs them: one JVM per task (flatten-to-parquet and load-s3
#     of artists, top_tracks and audio_features, compute-artist-similarity and its load-s3, repair-athena-partitions:
#     nine a day), with the DAG's JVM options;
#   - one `reprocess --from A --to B` (BENCH_DAYS_AT_ONCE days side by side, a heap of BENCH_REPROCESS_HEAP).
# The raw days are extracted and fetched from the local simulator once (late snapshots of today, --max-late-days;
# no client-side rate limit, 429s are honoured) and kept under the bench's own lake prefix for the next run. Both
# ways register into Trino schemas of their own, whose row counts are compared. Writes the reprocess section of
# docs/benchmarks.md. Needs the local stack: make stack-up.
set -euo pipefail
cd "$(dirname "$0")/.."

DAYS=${BENCH_DAYS:-30}
ARTISTS=${BENCH_ARTISTS:-200}
DAYS_AT_ONCE=${BENCH_DAYS_AT_ONCE:-2}
REPROCESS_HEAP=${BENCH_REPROCESS_HEAP:-512m}
JAR=java-tasks/tasks/target/spotify-lake.jar
SIMULATOR_JAR=java-tasks/spotify-simulator/target/spotify-simulator.jar
LOCAL_MYSQL_JAR=java-tasks/local-mysql/target/local-mysql.jar
TABLES=(artists top_tracks audio_features artist_similarity)

# shellcheck source=scripts/lib-script.sh
. scripts/lib-script.sh

require_jars "$JAR" "$SIMULATOR_JAR" "$LOCAL_MYSQL_JAR"
task_jvm_options
export_stack_env
require_trino_and_s3
boto3_python

work=$(mktemp -d)
run_id=$(date -u +%Y%m%dT%H%M%S)
BENCH_LAKE="${LAKE_URI%/}/bench/reprocess-$ARTISTS"
RAW_LAKE="$BENCH_LAKE/days"
SINGLE_DAY_LAKE="$BENCH_LAKE/run-$run_id-single-day"
RANGE_LAKE="$BENCH_LAKE/run-$run_id-range"
SINGLE_DAY_SCHEMA=bench_reprocess_single_day
RANGE_SCHEMA=bench_reprocess_range

# lake_objects copy|delete FROM [TO]: copies the raw zone of the lake FROM into the lake TO (server-side), or deletes
# the lake FROM, through boto3 against the stack's S3 server.
lake_objects() {
    "$BOTO3_PYTHON" - "$@" <<'PYTHON'
import os
import sys

import boto3

action, source = sys.argv[1], sys.argv[2]
bucket, _, prefix = source.removeprefix("s3://").partition("/")
s3 = boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name=os.environ["AWS_REGION"])
listing = s3.get_paginator("list_objects_v2")
if action == "copy":
    target = sys.argv[3].removeprefix(f"s3://{bucket}/")
    for page in listing.paginate(Bucket=bucket, Prefix=f"{prefix}/raw/"):
        for item in page.get("Contents", []):
            key = target + item["Key"][len(prefix) :]
            s3.copy_object(Bucket=bucket, Key=key, CopySource={"Bucket": bucket, "Key": item["Key"]})
else:
    for page in listing.paginate(Bucket=bucket, Prefix=f"{prefix}/"):
        keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
        if keys:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": keys})
PYTHON
}

cleanup() {
    lake_objects delete "$SINGLE_DAY_LAKE" 2>/dev/null || true
    lake_objects delete "$RANGE_LAKE" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# task LAKE SCHEMA SUBCOMMAND ARGS...: one single-day task in a JVM of its own, as the DAG starts it.
task() {
    local lake=$1 schema=$2
    shift 2
    LAKE_URI="$lake" TRINO_URL="${TRINO_URL%/*}/$schema" java "${TASK_JVM_OPTIONS[@]}" -jar "$JAR" "$@" \
        >>"$work/tasks.out" 2>>"$work/tasks.log" || { tail -n 5 "$work/tasks.log" >&2; die "$* failed"; }
}

days=()
for ((ago = DAYS - 1; ago >= 0; ago--)); do
    days+=("$(date -u -d "$ago days ago" +%F)")
done
first=${days[0]}
last=${days[-1]}

say "$ARTISTS artists of the simulator's catalog into MySQL"
java -jar "$SIMULATOR_JAR" mysql-seed --artists "$ARTISTS" --out "$work/artists.sql" 2>>"$work/tasks.log" &&
    java -jar "$LOCAL_MYSQL_JAR" run-sql "$work/artists.sql" 2>>"$work/tasks.log" || die "cannot seed MySQL"

say "raw days $first..$last under $RAW_LAKE (fetched once, kept for the next run)"
for dt in "${days[@]}"; do
    task "$RAW_LAKE" "$RANGE_SCHEMA" extract-artists --dt "$dt" --max-late-days "$DAYS"
    task "$RAW_LAKE" "$RANGE_SCHEMA" fetch-tracks-raw-json --dt "$dt" --max-late-days "$DAYS" --rate-limit 0
    task "$RAW_LAKE" "$RANGE_SCHEMA" fetch-audio-features-raw-json --dt "$dt" --max-late-days "$DAYS" --rate-limit 0
done
artists=$(grep -o '"task":"extract-artists"[^}]*' "$work/tasks.out" | tail -n 1 | grep -o '"artists":[0-9]*' | cut -d: -f2)

for lake in "$SINGLE_DAY_LAKE" "$RANGE_LAKE"; do
    lake_objects copy "$RAW_LAKE" "$lake"
done
for schema in "$SINGLE_DAY_SCHEMA" "$RANGE_SCHEMA"; do
    trino "DROP SCHEMA IF EXISTS $schema CASCADE"
done

say "reprocess --from $first --to $last --days-at-once $DAYS_AT_ONCE, in one JVM of -Xmx$REPROCESS_HEAP"
start=$(date +%s%N)
LAKE_URI="$RANGE_LAKE" TRINO_URL="${TRINO_URL%/*}/$RANGE_SCHEMA" /usr/bin/time -f "%M" -o "$work/range.rss" \
    java "-Xmx$REPROCESS_HEAP" -XX:+UseParallelGC -jar "$JAR" reprocess --from "$first" --to "$last" \
    --days-at-once "$DAYS_AT_ONCE" >"$work/range.out" 2>"$work/range.log" ||
    { tail -n 5 "$work/range.log" >&2; die "reprocess failed"; }
range_s=$(awk -v ns=$(($(date +%s%N) - start)) 'BEGIN { printf "%.1f", ns / 1e9 }')
range_rss=$(awk '{ printf "%d", $1 / 1024 }' "$work/range.rss")

say "the single-day tasks of each day, one after another (nine JVMs a day)"
start=$(date +%s%N)
for dt in "${days[@]}"; do
    for dataset in artists top_tracks audio_features; do
        task "$SINGLE_DAY_LAKE" "$SINGLE_DAY_SCHEMA" flatten-to-parquet --dataset "$dataset" --dt "$dt"
        task "$SINGLE_DAY_LAKE" "$SINGLE_DAY_SCHEMA" load-s3 --dataset "$dataset" --dt "$dt"
    done
    task "$SINGLE_DAY_LAKE" "$SINGLE_DAY_SCHEMA" compute-artist-similarity --dt "$dt"
    task "$SINGLE_DAY_LAKE" "$SINGLE_DAY_SCHEMA" load-s3 --dataset artist_similarity --dt "$dt"
    task "$SINGLE_DAY_LAKE" "$SINGLE_DAY_SCHEMA" repair-athena-partitions --dt "$dt"
done
single_s=$(awk -v ns=$(($(date +%s%N) - start)) 'BEGIN { printf "%.1f", ns / 1e9 }')

say "comparing what both registered"
rows=()
for table in "${TABLES[@]}"; do
    counts=$(.local/bin/trino --output-format TSV --execute "
        SELECT (SELECT count(*) FROM $SINGLE_DAY_SCHEMA.$table), (SELECT count(*) FROM $RANGE_SCHEMA.$table)") ||
        die "cannot count $table"
    read -r single_rows range_rows <<<"$counts"
    [[ "$single_rows" == "$range_rows" ]] || die "$table: $single_rows rows by the single-day tasks, $range_rows by reprocess"
    rows+=("$table $range_rows")
done
for schema in "$SINGLE_DAY_SCHEMA" "$RANGE_SCHEMA"; do
    trino "DROP SCHEMA IF EXISTS $schema CASCADE"
done

ratio=$(awk -v a="$single_s" -v b="$range_s" 'BEGIN { printf "%.1f", a / b }')
say "single-day tasks ${single_s} s, reprocess ${range_s} s: ${ratio}x"
scripts/benchmarks-section.py reprocess <<SECTION
## make bench-reprocess: a range of days re-processed from raw

\`BENCH_DAYS=$DAYS BENCH_ARTISTS=$ARTISTS BENCH_DAYS_AT_ONCE=$DAYS_AT_ONCE make bench-reprocess\`, $(date -u +%F), on the
local stack. Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average
$(cut -d' ' -f1-3 /proc/loadavg) at the end. $DAYS days ($first..$last) of $artists artists, each way from its own copy
of the same raw zone, in one run; both registered the same row counts (${rows[*]}).

| way | wall | days/s | peak RSS |
|---|---|---|---|
| single-day tasks one after another, as the DAG runs them (9 JVMs a day, $(echo "${TASK_JVM_OPTIONS[*]}")) | ${single_s} s | $(awk -v d="$DAYS" -v s="$single_s" 'BEGIN { printf "%.2f", d / s }') | one task at a time |
| \`reprocess --from $first --to $last --days-at-once $DAYS_AT_ONCE\` (one JVM, -Xmx$REPROCESS_HEAP) | ${range_s} s | $(awk -v d="$DAYS" -v s="$range_s" 'BEGIN { printf "%.2f", d / s }') | ${range_rss} MB |

reprocess is **${ratio}x** as fast (target: at least 5x).
SECTION
