#!/usr/bin/env bash
# make bench-repair: how long repair-athena-partitions takes to register one dt of top_tracks when the table
# already has 1 and 1,000 partitions, next to a full repair (--mode sync) of the table with 1,000 partitions, on
# the local stack's Trino; every partition is published as load-s3 leaves it (a version folder and its pointer). Each run registers the same new dt and is undone afterwards (unregister_partition), so
# every run finds the table at 1 or 1,000 partitions; runs are interleaved so all see the same machine; medians of
# BENCH_RUNS runs. Writes the repair section of docs/benchmarks.md (scripts/benchmarks-section.py). Needs the local stack: make stack-up.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

RUNS=${BENCH_RUNS:-15}
PARTITIONS=${BENCH_PARTITIONS:-1000}
DT=2026-11-20
FIRST_DT=2023-01-01
JAR="$ROOT/java-tasks/tasks/target/spotify-lake.jar"
# The bench's lake and schemas are its own, and its data is kept between runs: only the schemas are made anew.
LAKE_PREFIX=bench/repair-$PARTITIONS
SMALL=bench_repair_small
LARGE=bench_repair_large
WRITER=bench_repair_writer

# shellcheck source=scripts/lib-script.sh
. scripts/lib-script.sh

require_jars "$JAR"
task_jvm_options
export_stack_env
# Only Trino and the S3 server take part: the rest of the stack may be down.
require_trino_and_s3
LAKE="${LAKE_URI%/}/$LAKE_PREFIX"
BUCKET_URL="$AWS_ENDPOINT_URL/${LAKE_URI#s3://}"
BUCKET_URL="${BUCKET_URL%/}/$LAKE_PREFIX"

# Every dt's one version (VersionName's format) and its one Parquet file.
VERSION=_v-20261120T000000000Z-0000
PART=part-00000.snappy.parquet

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# s3_put KEY FILE: one object into the bench's lake, signed by curl (SigV4), so the bench needs no S3 tool.
s3_put() {
    curl -fsS -o /dev/null --aws-sigv4 "aws:amz:$AWS_REGION:s3" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \
        -H "x-amz-content-sha256: $(sha256sum "$2" | cut -d' ' -f1)" -T "$2" "$BUCKET_URL/$1"
}

# s3_get KEY: one object of the bench's lake, to stdout.
s3_get() {
    curl -fsS --aws-sigv4 "aws:amz:$AWS_REGION:s3" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \
        -H "x-amz-content-sha256: $(printf '' | sha256sum | cut -d' ' -f1)" "$BUCKET_URL/$1"
}

# The lake: curated top_tracks with PARTITIONS dts from FIRST_DT on, plus DT, each published as load-s3 leaves it:
# one version folder holding one small Parquet file (one row, written by Trino through a table of its own), and the
# partition's pointer naming it, DT's written last. Kept for the next run of the bench.
if ! s3_get curated/top_tracks/dt=$DT/_manifest.json 2>/dev/null | grep -q "\"$VERSION\""; then
    say "writing $((PARTITIONS + 1)) versioned partitions of curated/top_tracks under $LAKE"
    trino "DROP SCHEMA IF EXISTS $WRITER CASCADE"
    trino "CREATE SCHEMA $WRITER"
    trino "$(curated_ddl "$WRITER" "$LAKE/writer" top_tracks)"
    trino "SET SESSION hive.compression_codec = 'SNAPPY';
           INSERT INTO $WRITER.top_tracks (track_id, artist_id, market, rank, popularity, dt)
           VALUES ('track-1', 'artist', 'US', 1, 50, '$DT')"
    written=$("$TRINO_CLI" --output-format TSV --execute "SELECT \"\$path\" FROM $WRITER.top_tracks")
    trino "DROP SCHEMA $WRITER CASCADE"
    s3_get "${written#"$LAKE/"}" >"$work/$PART"
    python3 - "$work" "$FIRST_DT" "$PARTITIONS" "$DT" "$VERSION" "$PART" >"$work/uploads" <<'PY'
import datetime, json, os, sys
work, first, partitions, last, version, part = sys.argv[1:]
size = os.path.getsize(os.path.join(work, part))
first = datetime.date.fromisoformat(first)
days = [str(first + datetime.timedelta(days=n)) for n in range(int(partitions))] + [last]
os.mkdir(os.path.join(work, "pointers"))
for dt in days:
    print(f"curated/top_tracks/dt={dt}/{version}/{part} {work}/{part}")
for dt in days:
    pointer = {"dataset": "top_tracks", "dt": dt, "version": version, "written_at": "2026-11-20T00:00:00Z",
               "files": [{"file": part, "rows": 1, "bytes": size}], "source": None,
               "summary": {"schema_version": 1, "records_in": 1, "rejects": 0, "reject_files": [], "raw_files": []},
               "retired": []}
    path = os.path.join(work, "pointers", dt + ".json")
    with open(path, "w") as out:
        json.dump(pointer, out)
    print(f"curated/top_tracks/dt={dt}/_manifest.json {path}")
PY
    export BUCKET_URL
    export -f s3_put
    # four at a time; DT's pointer, which says that the lake is complete, goes last
    head -n -1 "$work/uploads" | xargs -P 4 -n 2 bash -c 's3_put "$1" "$2"' _
    tail -n 1 "$work/uploads" | xargs -n 2 bash -c 's3_put "$1" "$2"' _
fi

# repair NAME SCHEMA ARGS...: one run of the task; appends "NAME wall_ms statement_ms" to the results.
repair() {
    local name=$1 schema=$2
    shift 2
    local start end
    start=$(date +%s%N)
    LAKE_URI="$LAKE" QUERY_ENGINE=trino TRINO_URL="${TRINO_URL%/*}/$schema" \
        java "${TASK_JVM_OPTIONS[@]}" -jar "$JAR" repair-athena-partitions --dt "$DT" --dataset top_tracks "$@" >"$work/summary.json" 2>>"$work/task.log" ||
        { tail -n 5 "$work/task.log" >&2; die "repair-athena-partitions failed"; }
    end=$(date +%s%N)
    python3 - "$name" "$(((end - start) / 1000000))" "$work/summary.json" >>"$work/results" <<'PY'
import json, sys
name, wall, summary = sys.argv[1], sys.argv[2], json.loads(open(sys.argv[3]).read().strip().splitlines()[-1])
# the registering (or read-back) statements of every top_tracks partition the run walked
print(name, wall, sum(t["millis"] for t in summary["registered"] if t["table"] == "top_tracks"))
PY
}

unregister() {
    trino "CALL hive.system.unregister_partition('$1', 'top_tracks', ARRAY['dt'], ARRAY['$DT'])"
}

say "schemas $SMALL (1 partition) and $LARGE ($PARTITIONS partitions)"
for schema in $SMALL $LARGE; do
    trino "DROP SCHEMA IF EXISTS $schema CASCADE"
done
repair setup $SMALL
unregister $SMALL
trino "CALL hive.system.register_partition('$SMALL', 'top_tracks', ARRAY['dt'], ARRAY['$FIRST_DT'])"
say "first full sync of $LARGE: registers all $((PARTITIONS + 1)) partitions"
repair first-sync $LARGE --mode sync
unregister $LARGE

load_before=$(cut -d' ' -f1 /proc/loadavg)
for i in $(seq 1 "$RUNS"); do
    say "run $i of $RUNS"
    repair add-1 $SMALL
    unregister $SMALL
    repair "add-$PARTITIONS" "$LARGE"
    unregister $LARGE
    repair "sync-$PARTITIONS" "$LARGE" --mode sync
    unregister $LARGE
done
for schema in $SMALL $LARGE; do
    trino "DROP SCHEMA $schema CASCADE"
done

machine="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), \
$(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), Trino 476 (file metastore) on s3proxy; \
load average $load_before before the runs, $(cut -d' ' -f1 /proc/loadavg) after"
python3 - "$work/results" <<PY | scripts/benchmarks-section.py repair
import statistics, sys
results = sys.argv[1]
runs = {}
for line in open(results):
    name, wall, statement = line.split()
    runs.setdefault(name, []).append((int(wall), int(statement)))
def median(name, column):
    return statistics.median(run[column] for run in runs[name])
small, large, sync = "add-1", "add-$PARTITIONS", "sync-$PARTITIONS"
def row(label, name):
    return f"| {label} | {median(name, 1):.0f} ms | {median(name, 0):.0f} ms |"
print(f"""## Repair: register one dt with 1 and $PARTITIONS partitions present (\`make bench-repair\`)

Command: \`BENCH_PARTITIONS=$PARTITIONS BENCH_RUNS=$RUNS make bench-repair\` (scripts/bench-repair.sh). Input: curated/top_tracks with $PARTITIONS dts plus the
dt registered, each published as load-s3 leaves it: a version folder holding one small Parquet file written by
Trino, and the partition's pointer naming it. Each run is \`repair-athena-partitions --dt $DT --dataset top_tracks\`
(schema and two tables ensured, the pointer checked against its version folder, then one \`register_partition\`
call and the flush of the readers' cache; raw_top_tracks has no data and is skipped), undone after each run so
that every run finds the table at 1 or $PARTITIONS partitions; the full repair is \`--mode sync\`, which does the
same for every dt that has a pointer: it lists the table's folder, reads and checks each pointer, reads back where
the catalog reads each partition and registers the one missing. Medians of $RUNS runs each, the three
interleaved. Engine: the local stack's Trino; on Athena, ALTER TABLE ADD PARTITION and MSCK REPAIR TABLE play the
same parts. Machine: $machine.
The statement column is the registering statements and read-backs alone (summed over the dts a full repair
walks), as the task measures them; the task column
is the whole task's wall time, JVM start and DDL included, with the JVM options the DAG gives it
(dags/spotify_lake/jvm.py).

| what | statement | task |
|---|---|---|
{row("register one dt, table has 1 partition", small)}
{row("register one dt, table has $PARTITIONS partitions", large)}
{row("full repair (sync), table has $PARTITIONS partitions", sync)}

Register at $PARTITIONS partitions / at 1: {median(large, 1) / median(small, 1):.2f}x for the statement,
{median(large, 0) / median(small, 0):.2f}x for the task (target: within 1.2x). The first full sync, which added all
{$PARTITIONS + 1} partitions to an empty catalog, took {runs["first-sync"][0][0]} ms.
The full repair's cost grows with the dts: a pointer read and checked and a read-back query each, here against a
local S3 server, so its gap to a single registration is the smallest it can be; on Amazon S3 and Athena each of
those is a network round trip, while registering one dt stays one catalog call.""")
PY
