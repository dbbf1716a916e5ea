#!/usr/bin/env bash
# make bench-fetch: fetch-tracks-raw-json for 10,000 artists against a simulator of its own with 20 ms of
# added latency and a rate limit. Our way (bounded concurrency under one shared limiter sized just under the
# limit) next to the seeds' way (one request at a time, no limiter), runs interleaved so both see the same
# machine; medians of BENCH_RUNS runs each; peak RSS by /usr/bin/time. Writes the fetch section of
# docs/benchmarks.md (scripts/benchmarks-section.py). Needs the local stack (MariaDB, s3proxy): make stack-up.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

ARTISTS=${BENCH_ARTISTS:-10000}
RUNS=${BENCH_RUNS:-3}
LATENCY_MS=${BENCH_LATENCY_MS:-20}
# The simulator's limit, requests per rolling 30 s window: its ceiling is SIM_LIMIT / 30 requests per second.
SIM_LIMIT=${BENCH_SIM_LIMIT:-6000}
# Ours stays a little under it: arrival times jitter, and one 429 pauses the whole task.
OUR_LIMIT=${BENCH_OUR_LIMIT:-$((SIM_LIMIT * 97 / 100))}
CONCURRENCY=${BENCH_CONCURRENCY:-16}
SIM_PORT=${BENCH_SIMULATOR_PORT:-18091}
DT=$(date -u +%F)
JAR=${SPOTIFY_LAKE_JAR:-"$ROOT/java-tasks/tasks/target/spotify-lake.jar"}
SIMULATOR_JAR="$ROOT/java-tasks/spotify-simulator/target/spotify-simulator.jar"
MYSQL_JAR="$ROOT/java-tasks/local-mysql/target/local-mysql.jar"
DATABASE=test_bench_fetch

# shellcheck source=scripts/lib-script.sh
. scripts/lib-script.sh

[[ -x /usr/bin/time ]] || die "needs GNU time for peak RSS: apt-get install time"
require_jars "$JAR" "$SIMULATOR_JAR" "$MYSQL_JAR"
task_jvm_options
scripts/stack.sh status >/dev/null 2>&1 || die "the local stack is not up: run make stack-up"
export_stack_env

work=$(mktemp -d)
simulator_pid=
cleanup() {
    if [[ -n "$simulator_pid" ]]; then
        kill "$simulator_pid" 2>/dev/null || true
        # it ends by our SIGTERM (status 143): not a failure of the benchmark
        wait "$simulator_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

say "simulator on port $SIM_PORT: $LATENCY_MS ms latency, $SIM_LIMIT requests per 30 s"
java -jar "$SIMULATOR_JAR" serve --port "$SIM_PORT" --client-id "$SPOTIFY_CLIENT_ID" \
    --client-secret "$SPOTIFY_CLIENT_SECRET" --latency-ms "$LATENCY_MS" --rate-limit "$SIM_LIMIT" --rate-window-s 30 \
    >"$work/simulator.log" 2>&1 &
simulator_pid=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$SIM_PORT/health" >/dev/null 2>&1 && break
    kill -0 "$simulator_pid" 2>/dev/null || { cat "$work/simulator.log" >&2; die "the simulator did not start"; }
    sleep 0.2
done
export SPOTIFY_API_URL="http://127.0.0.1:$SIM_PORT/v1" SPOTIFY_ACCOUNTS_URL="http://127.0.0.1:$SIM_PORT"

say "seeding $ARTISTS artists into the MySQL database $DATABASE"
{
    echo "DROP DATABASE IF EXISTS $DATABASE;"
    echo "CREATE DATABASE $DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
    echo "USE $DATABASE;"
    cat sql/mysql/*.sql
    java -jar "$SIMULATOR_JAR" mysql-seed --artists "$ARTISTS"
} >"$work/seed.sql"
java -jar "$MYSQL_JAR" run-sql "$work/seed.sql"
export MYSQL_JDBC_URL="${MYSQL_JDBC_URL%%/spotify*}/$DATABASE"
LAKE_URI="${LAKE_URI%/}/bench/fetch-$(date -u +%Y%m%dT%H%M%S)"
export LAKE_URI
java "${TASK_JVM_OPTIONS[@]}" -jar "$JAR" extract-artists --dt "$DT" >"$work/extract.json" 2>"$work/extract.log" \
    || { cat "$work/extract.log" >&2; die "extract-artists failed"; }

# run NAME ARGS...: one fetch of every artist; appends "name wall_s requests answers_429 rss_kb" to results.
run() {
    local name=$1
    shift
    local start end
    # every run starts with an empty rate window, as a new day's run would
    curl -fsS -X POST "http://127.0.0.1:$SIM_PORT/_admin/reset" >/dev/null
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$work/rss" java "${TASK_JVM_OPTIONS[@]}" -jar "$JAR" fetch-tracks-raw-json --dt "$DT" --force \
        --progress-interval 30 "$@" >"$work/summary.json" 2>"$work/fetch.log" \
        || { tail -n 20 "$work/fetch.log" >&2; die "$name: fetch failed"; }
    end=$(date +%s.%N)
    python3 - "$name" "$start" "$end" "$(tail -n 1 "$work/rss")" "$work/summary.json" >>"$work/results" <<'PY'
import json, sys
name, start, end, rss, summary = sys.argv[1:]
fields = json.loads(open(summary).read().strip().splitlines()[-1])
print(name, round(float(end) - float(start), 2), fields["http_requests"], fields["throttled"], rss)
PY
    say "$(tail -n 1 "$work/results")"
}

load_before=$(cut -d' ' -f1 /proc/loadavg)
for i in $(seq 1 "$RUNS"); do
    say "run $i of $RUNS"
    run ours --concurrency "$CONCURRENCY" --rate-limit "$OUR_LIMIT"
    run seeds --concurrency 1 --rate-limit 0
done

load_after=$(cut -d' ' -f1 /proc/loadavg)
machine="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), \
$(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
python3 - "$work/results" <<PY | scripts/benchmarks-section.py fetch
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, wall, requests, throttled, rss = line.split()
    rows.setdefault(name, []).append((float(wall), int(requests), int(throttled), int(rss)))
ceiling = $SIM_LIMIT / 30
def row(label, runs):
    wall = statistics.median(r[0] for r in runs)
    rate = statistics.median(r[1] / r[0] for r in runs)
    return (f"| {label} | {wall:.1f} s | {rate:.1f} | {100 * rate / ceiling:.0f}% "
            f"| {statistics.median(r[2] for r in runs):.0f} | {statistics.median(r[3] for r in runs) / 1024:.0f} MB |")
print(f"""## Fetch: top tracks of $ARTISTS artists under a rate limit (\`make bench-fetch\`)

Command: \`make bench-fetch\` (scripts/bench-fetch.sh). Input: $ARTISTS artists seeded from the simulator's
catalog (\`mysql-seed --artists $ARTISTS\`, with its 3 unknown and 1 malformed ids), extracted once, then
\`fetch-tracks-raw-json --force\` for one dt and one market (US). Simulator: a process of its own with
$LATENCY_MS ms added to every answer and a limit of $SIM_LIMIT requests per rolling 30 s window: a ceiling of
{ceiling:.0f} requests/s. Medians of $RUNS runs of each way, the two interleaved. Machine: $machine; load
average $load_before before the runs, $load_after after.
Wall time is the whole task (JVM start, reading the artist snapshot, uploads); requests/s is the HTTP requests
the task sent divided by it; peak RSS is /usr/bin/time's maximum resident set size. The task's JVM runs with
the options the DAG gives it (dags/spotify_lake/jvm.py).

| way | wall | requests/s | share of the ceiling | 429 answers | peak RSS |
|---|---|---|---|---|---|
{row("ours: --concurrency $CONCURRENCY, one limiter shared by all threads at $OUR_LIMIT per 30 s", rows["ours"])}
{row("the seeds' way: one request at a time, no limiter (--concurrency 1 --rate-limit 0)", rows["seeds"])}

Ours sends {statistics.median(r[1] / r[0] for r in rows["ours"]) / statistics.median(r[1] / r[0] for r in rows["seeds"]):.1f}x
as many requests per second as the seeds' way; the target is at least 90% of the ceiling.""")
PY
