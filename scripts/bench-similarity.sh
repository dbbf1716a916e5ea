#!/usr/bin/env bash
# make bench-similarity: the similarity core of compute-artist-similarity (z-scores, then the exact 10 nearest
# of every artist: dev.spotifylake.similarity.SimilarityBench, in the tasks module's test classes) on synthetic
# mean audio features of 10,000 and 100,000 artists, next to a NumPy brute force by blocked matrix products
# (scripts/bench/similarity.py) on the same vectors in the same run, and a check that both found the same
# neighbours. Seconds of the core alone (not the JVM's start or the file reading); peak RSS of each process from
# /usr/bin/time. Writes the similarity section of docs/benchmarks.md (scripts/benchmarks-section.py). Needs no
# server of the local stack.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SIZES=${BENCH_SIZES:-10000 100000}
K=10
JAR="$ROOT/java-tasks/tasks/target/spotify-lake.jar"
TEST_CLASSES="$ROOT/java-tasks/tasks/target/test-classes"
VENV="$ROOT/.local/bench-venv"

# shellcheck source=scripts/lib-script.sh
. scripts/lib-script.sh

require_jars "$JAR"
[[ -f "$TEST_CLASSES/dev/spotifylake/similarity/SimilarityBench.class" ]] || die "the test classes are missing: run make jar"
task_jvm_options

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

say "NumPy (scripts/bench/similarity-requirements.txt) in ${VENV#"$ROOT/"}"
[[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check -r scripts/bench/similarity-requirements.txt
PYTHON="$VENV/bin/python"

# json_field FILE NAME: one number of the one-line JSON in FILE.
json_field() {
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

# peak_mb FILE: the maximum resident set size /usr/bin/time wrote (in KB), in MB.
peak_mb() {
    echo $(( $(cat "$1") / 1024 ))
}

rows=""
worst_ratio=0
peak=0
declare -A java_seconds
for n in $SIZES; do
    say "$n artists: vectors, then our core, then NumPy's"
    "$PYTHON" scripts/bench/similarity.py generate "$n" "$n" "$work/vectors-$n"
    /usr/bin/time -f '%M' -o "$work/java-rss" java "${TASK_JVM_OPTIONS[@]}" -cp "$JAR:$TEST_CLASSES" \
        dev.spotifylake.similarity.SimilarityBench "$work/vectors-$n" "$K" "$work/java-$n" >"$work/java.json"
    /usr/bin/time -f '%M' -o "$work/numpy-rss" "$PYTHON" scripts/bench/similarity.py numpy "$work/vectors-$n" "$K" \
        "$work/numpy-$n" >"$work/numpy.json"
    "$PYTHON" scripts/bench/similarity.py compare "$work/vectors-$n" "$work/java-$n" "$work/numpy-$n" "$K" >"$work/compare.json"
    java_s=$(json_field "$work/java.json" seconds)
    numpy_s=$(json_field "$work/numpy.json" seconds)
    java_seconds[$n]=$java_s
    worst_ratio=$(python3 -c "print(max($worst_ratio, $java_s / $numpy_s))")
    peak=$(( $(peak_mb "$work/java-rss") > peak ? $(peak_mb "$work/java-rss") : peak ))
    differing=$(json_field "$work/compare.json" rows_differing)
    near=$(json_field "$work/compare.json" of_which_near_ties)
    same="identical"
    ((differing == 0)) || same="$differing artists differ ($near of them by near ties only)"
    rows+="| $n | $java_s s | $(peak_mb "$work/java-rss") MB | $numpy_s s | $(peak_mb "$work/numpy-rss") MB |"
    rows+=" $(python3 -c "print(f'{$java_s / $numpy_s:.3f}')") | $same |"$'\n'
    say "$n artists: ours $java_s s, NumPy $numpy_s s, neighbours $same"
done

read -r -a sizes <<<"$SIZES"
growth="" growth_met=""
if ((${#sizes[@]} == 2)); then
    small=${sizes[0]} large=${sizes[1]}
    times=$(python3 -c "print(f'{${java_seconds[$large]} / ${java_seconds[$small]}:.1f}')")
    squared=$(( (large / small) * (large / small) ))
    growth="From $small to $large artists ($(( large / small ))x) our core took ${times}x as long; brute force grows with n^2,
${squared}x."
    growth_met=$(python3 -c "print('met' if $times <= $squared else 'NOT met')")
fi
met() {
    python3 -c "print('met' if $1 else 'NOT met')"
}

scripts/benchmarks-section.py similarity <<SECTION
## Artist similarity: exact 10 nearest of 10,000 and 100,000 artists (\`make bench-similarity\`)

\`make bench-similarity\` (scripts/bench-similarity.sh), $(date -u +%F). Synthetic mean audio features (the 9 of
compute-artist-similarity; seven between 0 and 1, loudness and tempo on their own scales), z-scored, then the exact
10 nearest other artists of every artist. Ours: the task's own classes (ZScores, NearestNeighbours: a k-d tree with
exact pruning, rows spread over the cores) in a JVM started with the DAG's options
(\`java ${TASK_JVM_OPTIONS[*]}\`); NumPy $("$PYTHON" -c 'import numpy; print(numpy.__version__)'): brute force,
blocks of 128 rows against all by one matrix product each, argpartition. Seconds of the core alone; peak RSS of
the whole process (\`/usr/bin/time\`). Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)),
$(free -g | awk '/^Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)
after the runs (other work shares the cores).

| artists | ours | ours, peak RSS | NumPy | NumPy, peak RSS | ours / NumPy | neighbours |
|---|---|---|---|---|---|---|
${rows}
$growth

Targets of issue 16, in this run:
- within 1.2x of NumPy's time: $(met "$worst_ratio <= 1.2") (at worst $(python3 -c "print(f'{$worst_ratio:.3f}')")x)
- peak RSS at most 1 GB: $(met "$peak <= 1024") (at most $peak MB)
- cost growing no faster than n^2: ${growth_met:-not measured (one size only)}
SECTION
