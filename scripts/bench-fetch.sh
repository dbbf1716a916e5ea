#!/usr/bin/env bash
# make bench-fetch: the fetches of 10,000 artists against a simulator of its own with 20 ms of added latency and
# a rate limit per source. BENCH_SOURCES (default "spotify reccobeats") says which paths to measure:
# - spotify: fetch-tracks-raw-json, our way (bounded concurrency under one shared limiter sized just under the
#   limit) next to the seeds' way (one request at a time, no limiter), runs interleaved so both see the same
#   machine; writes the fetch section of docs/benchmarks.md.
# - reccobeats: fetch-tracks-raw-json then fetch-audio-features-raw-json with --source reccobeats under the
#   simulator's ReccoBeats limit, and the requests a day of these artists costs by each source (one counted run
#   of each fetch with --source spotify, then the ReccoBeats runs), from the simulator's counters; writes the
#   fetch-reccobeats section.
# Medians of BENCH_RUNS runs; peak RSS by /usr/bin/time. Sections are written by scripts/benchmarks-section.py.
# Needs the local stack (MariaDB, s3proxy): make stack-up.
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
SOURCES=${BENCH_SOURCES:-spotify reccobeats}
# ReccoBeats' limit in the simulator, requests per rolling 10 s (the window of the tasks' --reccobeats-rate-limit):
# its ceiling is RB_SIM_LIMIT / 10 requests per second. ReccoBeats publishes none; this is the simulator's.
RB_SIM_LIMIT=${BENCH_RECCOBEATS_SIM_LIMIT:-2000}
RB_OUR_LIMIT=${BENCH_RECCOBEATS_OUR_LIMIT:-$((RB_SIM_LIMIT * 97 / 100))}
RB_CONCURRENCY=${BENCH_RECCOBEATS_CONCURRENCY:-16}
# the tasks' own default, for the time a day takes at it (--reccobeats-rate-limit 50 per 10 s)
RB_DEFAULT_LIMIT=50
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

say "simulator on port $SIM_PORT: $LATENCY_MS ms latency, $SIM_LIMIT Spotify requests per 30 s, $RB_SIM_LIMIT ReccoBeats requests per 10 s"
java -jar "$SIMULATOR_JAR" serve --port "$SIM_PORT" --client-id "$SPOTIFY_CLIENT_ID" \
    --client-secret "$SPOTIFY_CLIENT_SECRET" --latency-ms "$LATENCY_MS" --rate-limit "$SIM_LIMIT" --rate-window-s 30 \
    --reccobeats-rate-limit "$RB_SIM_LIMIT" --reccobeats-rate-window-s 10 >"$work/simulator.log" 2>&1 &
simulator_pid=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$SIM_PORT/health" >/dev/null 2>&1 && break
    kill -0 "$simulator_pid" 2>/dev/null || { cat "$work/simulator.log" >&2; die "the simulator did not start"; }
    sleep 0.2
done
export SPOTIFY_API_URL="http://127.0.0.1:$SIM_PORT/v1" SPOTIFY_ACCOUNTS_URL="http://127.0.0.1:$SIM_PORT"
export RECCOBEATS_API_URL="http://127.0.0.1:$SIM_PORT/reccobeats/v1"

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

# run NAME TASK ARGS...: one run of a fetch task over every artist; appends "name wall_s requests answers_429
# rss_kb" to results, and keeps the simulator's counters of the run in counters-NAME.json.
run() {
    local name=$1 task=$2
    shift 2
    local start end
    # every run starts with an empty rate window and counters, as a new day's run would
    curl -fsS -X POST "http://127.0.0.1:$SIM_PORT/_admin/reset" >/dev/null
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$work/rss" java "${TASK_JVM_OPTIONS[@]}" -jar "$JAR" "$task" --dt "$DT" --force \
        --progress-interval 30 "$@" >"$work/summary.json" 2>"$work/fetch.log" \
        || { tail -n 20 "$work/fetch.log" >&2; die "$name: $task failed"; }
    end=$(date +%s.%N)
    curl -fsS "http://127.0.0.1:$SIM_PORT/_admin/counters" >"$work/counters-$name.json"
    python3 - "$name" "$start" "$end" "$(tail -n 1 "$work/rss")" "$work/summary.json" >>"$work/results" <<'PY'
import json, sys
name, start, end, rss, summary = sys.argv[1:]
fields = json.loads(open(summary).read().strip().splitlines()[-1])
print(name, round(float(end) - float(start), 2), fields["http_requests"], fields["throttled"], rss)
PY
    say "$(tail -n 1 "$work/results")"
}

machine="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), \
$(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
markets=()
for market in ${BENCH_MARKETS:-US}; do
    markets+=(--market "$market")
done

# bench_spotify: the Spotify path, our way next to the seeds' way; the fetch section.
bench_spotify() {
    local load_before load_after i
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    for i in $(seq 1 "$RUNS"); do
        say "run $i of $RUNS"
        run ours fetch-tracks-raw-json --source spotify --concurrency "$CONCURRENCY" --rate-limit "$OUR_LIMIT"
        run seeds fetch-tracks-raw-json --source spotify --concurrency 1 --rate-limit 0
    done

    load_after=$(cut -d' ' -f1 /proc/loadavg)
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
}

# bench_reccobeats: the ReccoBeats path under its limit, and what a day of these artists costs by each source;
# the fetch-reccobeats section.
bench_reccobeats() {
    local load_before load_after i
    say "counting the Spotify path's requests once (${markets[*]})"
    run spotify-tracks fetch-tracks-raw-json --source spotify "${markets[@]}" --concurrency "$CONCURRENCY" \
        --rate-limit "$OUR_LIMIT"
    run spotify-features fetch-audio-features-raw-json --source spotify --concurrency "$CONCURRENCY" \
        --rate-limit "$OUR_LIMIT"
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    for i in $(seq 1 "$RUNS"); do
        say "ReccoBeats run $i of $RUNS"
        run reccobeats-tracks fetch-tracks-raw-json --source reccobeats "${markets[@]}" \
            --reccobeats-concurrency "$RB_CONCURRENCY" --reccobeats-rate-limit "$RB_OUR_LIMIT"
        run reccobeats-features fetch-audio-features-raw-json --source reccobeats \
            --reccobeats-concurrency "$RB_CONCURRENCY" --reccobeats-rate-limit "$RB_OUR_LIMIT"
    done
    load_after=$(cut -d' ' -f1 /proc/loadavg)
    python3 - "$work" <<PY | scripts/benchmarks-section.py fetch-reccobeats
import json, pathlib, statistics, sys
work = pathlib.Path(sys.argv[1])
runs = {}
for line in (work / "results").read_text().splitlines():
    name, wall, requests, throttled, rss = line.split()
    runs.setdefault(name, []).append((float(wall), int(requests), int(throttled), int(rss)))
def counted(name):
    endpoints = json.loads((work / f"counters-{name}.json").read_text())["endpoints"]
    return {endpoint: sum(statuses.values()) for endpoint, statuses in endpoints.items()}
spotify = counted("spotify-tracks") | counted("spotify-features")
reccobeats = counted("reccobeats-tracks") | counted("reccobeats-features")
ceiling = $RB_SIM_LIMIT / 10
def row(label, name):
    wall = statistics.median(r[0] for r in runs[name])
    rate = statistics.median(r[1] / r[0] for r in runs[name])
    return (f"| {label} | {wall:.1f} s | {rate:.1f} | {100 * rate / ceiling:.0f}% "
            f"| {statistics.median(r[2] for r in runs[name]):.0f} "
            f"| {statistics.median(r[3] for r in runs[name]) / 1024:.0f} MB |")
artists = $ARTISTS
def cost(label, requests):
    return f"| {label} | {requests} | {requests / artists:.2f} |"
spotify_total = spotify.get("top-tracks", 0) + spotify.get("audio-features", 0)
reccobeats_total = sum(reccobeats.get("reccobeats:" + name, 0)
                       for name in ("artist", "artist-tracks", "audio-features"))
default_rate = $RB_DEFAULT_LIMIT / 10
def duration(seconds):
    return f"{seconds / 3600:.1f} h" if seconds >= 3600 else f"{seconds / 60:.1f} min"
per_10k = 10_000 / artists
print(f"""## Fetch from ReccoBeats: top tracks and audio features of {artists} artists (\`make bench-fetch\`)

Command: \`BENCH_SOURCES=reccobeats make bench-fetch\` (scripts/bench-fetch.sh; \`make bench-fetch\` measures both
sources). Input: {artists} artists seeded from the simulator's catalog (\`mysql-seed --artists {artists}\`, with its 3
unknown and 1 malformed ids), extracted once; market(s): ${BENCH_MARKETS:-US}. Each run is \`fetch-tracks-raw-json
--source reccobeats --force\` (artist lookups of 40 ids, then every page of 50 of each artist's tracks) then
\`fetch-audio-features-raw-json --source reccobeats --force\` (the day's ranked top tracks, 40 ids a call), both with
\`--reccobeats-concurrency $RB_CONCURRENCY --reccobeats-rate-limit $RB_OUR_LIMIT\` (per rolling 10 s, one limiter shared by
the task's threads). Simulator: a process of its own with $LATENCY_MS ms added to every answer and a ReccoBeats limit
of $RB_SIM_LIMIT requests per rolling 10 s: a ceiling of {ceiling:.0f} requests/s (the real ReccoBeats publishes no
limit). Medians of $RUNS runs. Machine: $machine; load average $load_before before the runs, $load_after after.
Wall time is the whole task (JVM start, reading its input, uploads); requests/s is the HTTP requests the task
sent divided by it; peak RSS is /usr/bin/time's maximum resident set size; JVM options as the DAG gives them.

| task | wall | requests/s | share of the ceiling | 429 answers | peak RSS |
|---|---|---|---|---|---|
{row("fetch-tracks-raw-json --source reccobeats", "reccobeats-tracks")}
{row("fetch-audio-features-raw-json --source reccobeats", "reccobeats-features")}

What one day of these {artists} artists costs by each source, counted by the simulator (one run of each fetch with
\`--source spotify\`, then the ReccoBeats runs; token requests not counted):

| source: requests | requests | per artist |
|---|---|---|
{cost("Spotify: top tracks, one call per artist and market", spotify.get("top-tracks", 0))}
{cost("Spotify: audio features, 100 ids a call", spotify.get("audio-features", 0))}
{cost("**Spotify: a day**", spotify_total)}
{cost("ReccoBeats: artist lookups, 40 ids a call", reccobeats.get("reccobeats:artist", 0))}
{cost("ReccoBeats: pages of an artist's tracks, 50 a page", reccobeats.get("reccobeats:artist-tracks", 0))}
{cost("ReccoBeats: audio features, 40 ids a call", reccobeats.get("reccobeats:audio-features", 0))}
{cost("**ReccoBeats: a day**", reccobeats_total)}

ReccoBeats costs {reccobeats_total / spotify_total:.1f}x Spotify's requests here (${BENCH_MARKETS:-US}): every page of every
artist's catalog is read to rank its top tracks, whatever the number of markets (Spotify's top-tracks calls grow
with the markets; ReccoBeats' pages do not). At the tasks' default ReccoBeats limit
(\`--reccobeats-rate-limit $RB_DEFAULT_LIMIT\` per 10 s, {default_rate:.0f} requests/s) such a day takes about
{duration(reccobeats_total / default_rate)}; at this simulator's ceiling, {duration(reccobeats_total / ceiling)}. Scaled to 10,000
artists (the per-artist figures times 10,000): Spotify {spotify_total * per_10k:,.0f} requests, ReccoBeats
{reccobeats_total * per_10k:,.0f}, {duration(reccobeats_total * per_10k / default_rate)} at the default limit.""")
PY
}

if [[ " $SOURCES " == *" spotify "* ]]; then
    bench_spotify
fi
if [[ " $SOURCES " == *" reccobeats "* ]]; then
    bench_reccobeats
fi
