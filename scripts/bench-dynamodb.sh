#!/usr/bin/env bash
# make bench-dynamodb: load-dynamodb on one curated top_tracks day of 100,000 tracks (10,000 artists of 10 tracks
# from the simulator's catalog, flattened and published on the local S3), into the local DynamoDB-API server, next
# to boto3's batch_writer and the seeds' put_item loop writing the same items (the task's, dumped from its table)
# to the same server, one after another in one run; then the task again over its full table (the daily case: every
# artist's items are there). Counts every table afterwards: 0 items lost. Items/s from the wall time of the whole
# process (JVM or Python start included), peak RSS by /usr/bin/time. Writes the dynamodb section of
# docs/benchmarks.md (scripts/benchmarks-section.py). Needs the local stack: make stack-up.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

ANSWERS=${BENCH_ANSWERS:-10000}
PARTS=4
DT=2026-11-20
JAR="$ROOT/java-tasks/tasks/target/spotify-lake.jar"
DATA="$ROOT/.local/bench/dynamodb"
TABLES=(bench_dynamodb_task bench_dynamodb_batch_writer bench_dynamodb_put_item)

# shellcheck source=scripts/lib-script.sh
. scripts/lib-script.sh

require_jars "$JAR"
task_jvm_options
export_stack_env
[[ -n ${AWS_ENDPOINT_URL_DYNAMODB:-} ]] || die "no AWS_ENDPOINT_URL_DYNAMODB in .local/stack.env: run make stack-up"
curl -sS -o /dev/null "$AWS_ENDPOINT_URL_DYNAMODB" || die "the DynamoDB server is not up: run make stack-up"
boto3_python
SEEDS=("$BOTO3_PYTHON" scripts/bench/seeds_dynamodb.py)
LAKE="${LAKE_URI%/}/bench/dynamodb"
TRACKS=$((ANSWERS * 10))

work=$(mktemp -d)
drop_tables() {
    local table
    for table in "${TABLES[@]}"; do
        "${SEEDS[@]}" drop "$table"
    done
}
trap 'drop_tables; rm -rf "$work"' EXIT
drop_tables
# made beforehand, so that no method's time includes a table's creation
for table in "${TABLES[@]}"; do
    "${SEEDS[@]}" create "$table"
done

if [[ ! -f "$DATA/done" ]]; then
    say "the generator's class path (the tasks module's test classes, with the simulator's catalog)"
    mvn -B -q -f java-tasks/pom.xml -pl tasks -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$work/classpath" >/dev/null || die "cannot resolve the test class path: run make jar"
    CLASSPATH="$ROOT/java-tasks/tasks/target/test-classes:$ROOT/java-tasks/tasks/target/classes:$(cat "$work/classpath")"
    say "generating $TRACKS tracks of $ANSWERS artists into $LAKE, then flatten-to-parquet and load-s3"
    rm -rf "$DATA"
    LAKE_URI=$LAKE java -cp "$CLASSPATH" dev.spotifylake.flatten.RawTopTracksGenerator "$ANSWERS" "$PARTS" "$DT" \
        "$DATA" >/dev/null
    for task in flatten-to-parquet load-s3; do
        LAKE_URI=$LAKE java -jar "$JAR" "$task" --dataset top_tracks --dt "$DT" >/dev/null ||
            die "$task failed on the generated day"
    done
    touch "$DATA/done"
fi

# measure NAME COMMAND...: one run; writes "seconds peak_rss_kb" to $work/NAME and its stdout to $work/NAME.out.
measure() {
    local name=$1
    shift
    /usr/bin/time -f "%e %M" -o "$work/$name" "$@" >"$work/$name.out" 2>"$work/$name.err" ||
        { tail -n 5 "$work/$name.err" >&2; die "$name failed"; }
}
# load_task NAME: load-dynamodb into the task's table, as the DAG runs it (its JVM options).
load_task() {
    LAKE_URI=$LAKE measure "$1" java "${TASK_JVM_OPTIONS[@]}" -jar "$JAR" load-dynamodb --dataset top_tracks \
        --dt "$DT" --table "${TABLES[0]}"
    grep -q "\"items_written\":$TRACKS," "$work/$1.out" || die "load-dynamodb did not write $TRACKS items: $(cat "$work/$1.out")"
}
# count TABLE: dies unless the table holds every item.
count() {
    local items
    items=$("${SEEDS[@]}" count "$1")
    [[ $items == "$TRACKS" ]] || die "$1 holds $items items, not $TRACKS"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "load-dynamodb: $TRACKS tracks into an empty table"
load_task task
count "${TABLES[0]}"
"${SEEDS[@]}" dump "${TABLES[0]}" "$work/items.jsonl"
say "boto3's batch_writer: the same items"
measure batch_writer "${SEEDS[@]}" batch_writer "${TABLES[1]}" "$work/items.jsonl"
count "${TABLES[1]}"
say "load-dynamodb again, over its full table"
load_task task_again
count "${TABLES[0]}"
say "the seeds' put_item loop: the same items (one request each: a few minutes)"
measure put_item "${SEEDS[@]}" put_item "${TABLES[2]}" "$work/items.jsonl"
count "${TABLES[2]}"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

seconds() {
    cut -d' ' -f1 "$work/$1"
}
rate() {
    awk -v n="$TRACKS" -v s="$(seconds "$1")" 'BEGIN {printf "%d", n / s}'
}
row() {
    echo "| $1 | $(seconds "$2") s | $(rate "$2") | $(($(cut -d' ' -f2 "$work/$2") / 1024)) MB | $TRACKS |"
}
# target NAME OTHER FACTOR: whether NAME wrote at least FACTOR times the items/s of OTHER, with the ratio.
target() {
    awk -v a="$(rate "$1")" -v b="$(rate "$2")" -v f="$3" \
        'BEGIN {printf "%s (%.1fx)", (a >= f * b) ? "met" : "NOT met", a / b}'
}
summary=$(cat "$work/task.out")

scripts/benchmarks-section.py dynamodb <<EOF_SECTION
## load-dynamodb: $TRACKS top tracks into the serving store (\`make bench-dynamodb\`)

\`make bench-dynamodb\` (scripts/bench-dynamodb.sh), $(date -u +%Y-%m-%d). Input: one published curated top_tracks
day of $TRACKS tracks ($ANSWERS artists of 10 tracks in one market, from the simulator's catalog) on the local S3
server; output: the local DynamoDB-API server (dynalite $(sed -n 's/.*"dynalite": "\(.*\)".*/\1/p' scripts/stack/dynamodb/package.json), LevelDB on disk), one table per method,
created beforehand. The Python methods write the very items the task wrote (dumped from its table beforehand, not timed) with
boto3 $(sed -n 's/^boto3==//p' scripts/dynamodb/requirements.txt) (scripts/bench/seeds_dynamodb.py). Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),
$(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(python3 --version); load average (1, 5, 15 min) $load_before before and
$load_after after (other work shares the cores). Wall time of the whole process (JVM or Python start included), one
run each; peak RSS from \`/usr/bin/time\`. The task runs as the DAG runs it: \`java ${TASK_JVM_OPTIONS[*]} -jar
spotify-lake.jar load-dynamodb --dataset top_tracks\` (8 requests in flight).

| method | wall | items/s | peak RSS | items in the table after |
|---|---|---|---|---|
$(row "load-dynamodb, empty table (a PutItem on condition of dt per item and a Query per artist, 8 in flight, after a parallel Scan of the dts)" task)
$(row "load-dynamodb again, the table full (the daily case)" task_again)
$(row "boto3 batch_writer (BatchWriteItem of 25, one at a time)" batch_writer)
$(row "the seeds' loop: one put_item per item" put_item)

Targets of issue 15, in this run:
- at least as fast as batch_writer: $(target task batch_writer 1)
- at least 5x the put_item loop: $(target task put_item 5)
- 0 items lost: met (every table counted $TRACKS items)

The task's summary line: \`$summary\`

The task reads the published partition twice (the artists' track ids and ranks first, then the rows again to
build the items), so its memory holds ids and ranks, not items, and stays within the DAG's 128 MB heap; before
it writes, a parallel Scan of the table's dts (8 segments) reads what the table holds of the $ANSWERS artists, so
that an artist of a newer dt is skipped whole. Every item is then a PutItem on the condition that its dt is not
newer, and every artist is read back by a Query that finds the stale items to delete (each on the condition that
its dt is unchanged): the price of "an older dt never overwrites a newer one" with two loads at once, which
BatchWriteItem (no conditions) could not keep. dynalite is one Node.js process: requests in
flight overlap the client's work and the network, not the server's.
EOF_SECTION
