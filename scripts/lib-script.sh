# shellcheck shell=bash
# Shared by the scripts behind the Makefile: one-line messages on stderr named after the script, and the checks
# they make of the local stack before they use it. Sourced, never run; the scripts run from the repository root.

SCRIPT_NAME=${SCRIPT_NAME:-$(basename "$0" .sh)}

say() {
    echo "$SCRIPT_NAME: $*" >&2
}

die() {
    say "$*"
    exit 1
}

# newest_jdk_home MIN: the home of the newest JDK of at least version MIN under /usr/lib/jvm (its release file
# says), or nothing when there is none.
newest_jdk_home() {
    local release major best="" best_major=0
    for release in /usr/lib/jvm/*/release; do
        [[ -x "$(dirname "$release")/bin/java" ]] || continue
        major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
        if [[ -n "$major" ]] && ((major >= $1 && major > best_major)); then
            best=$(dirname "$release")
            best_major=$major
        fi
    done
    echo "$best"
}

# export_stack_env: exports the settings `make stack-up` wrote to .local/stack.env.
export_stack_env() {
    [[ -f .local/stack.env ]] || die "the local stack is not set up: run make stack-up"
    set -a
    # shellcheck disable=SC1091
    . .local/stack.env
    set +a
}

# require_jars JAR...: every jar is built, or the script stops saying how to build it.
require_jars() {
    local jar
    for jar; do
        [[ -f "$jar" ]] || die "${jar#"$PWD/"} is missing: run make jar"
    done
}

# The local Trino's command-line client, which make stack-up unpacks.
TRINO_CLI="$PWD/.local/bin/trino"

# require_trino_and_s3: the local Trino has finished starting and the S3 server answers (after export_stack_env).
# For the scripts that need only these two of the stack's servers.
require_trino_and_s3() {
    [[ -x "$TRINO_CLI" ]] || die "the local stack is not set up: run make stack-up"
    local trino_http=${TRINO_URL#jdbc:trino://}
    curl -fsS "http://${trino_http%%/*}/v1/info" | grep -q '"starting":false' || die "Trino is not up: run make stack-up"
    curl -sS -o /dev/null "$AWS_ENDPOINT_URL" || die "the S3 server is not up: run make stack-up"
}

# trino SQL: runs one statement on the local Trino, its output added to $work/trino.log; dies with the log's end.
trino() {
    "$TRINO_CLI" --execute "$1" >>"${work:?}/trino.log" 2>&1 || { tail -n 5 "$work/trino.log" >&2; die "Trino refused: $1"; }
}

# curated_ddl SCHEMA LAKE_URI TABLE: the CREATE statement of a curated table on Trino, as the jar $JAR generates
# it from the table's declared columns (print-ddl), without its final semicolon.
curated_ddl() {
    java -jar "${JAR:?}" print-ddl --engine trino --schema "$1" --lake-uri "$2" |
        awk -v RS=';\n' -v table="$3" 'index($0, "." table " (") && /CREATE TABLE/' ||
        die "cannot print the DDL of $3 with $JAR"
}

# task_jvm_options: sets the array TASK_JVM_OPTIONS to the options the DAG starts the task jar's JVM with
# (dags/spotify_lake/jvm.py; $SPOTIFY_LAKE_JVM_OPTIONS replaces them), so that a benchmark measures a task as it runs.
task_jvm_options() {
    local words
    words=$(python3 dags/spotify_lake/jvm.py) || die "cannot read the tasks' JVM options from dags/spotify_lake/jvm.py"
    eval "TASK_JVM_OPTIONS=($words)" # jvm.py quotes them for the shell
}

# boto3_python: installs boto3 as scripts/dynamodb/requirements.txt pins it into .local/boto3-venv (once) and sets
# BOTO3_PYTHON to that venv's python, for the serving store's reads and benchmark.
boto3_python() {
    local venv="$PWD/.local/boto3-venv"
    [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv" || die "cannot create ${venv#"$PWD/"}"
    "$venv/bin/pip" install -q --disable-pip-version-check -r scripts/dynamodb/requirements.txt ||
        die "cannot install scripts/dynamodb/requirements.txt into ${venv#"$PWD/"}"
    # shellcheck disable=SC2034 # used by the scripts that call this
    BOTO3_PYTHON="$venv/bin/python"
}
