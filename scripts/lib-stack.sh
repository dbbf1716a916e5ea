# shellcheck shell=bash
# Shared by scripts/stack.sh and scripts/stack/*.sh: where the local stack keeps its state, and how
# it starts, recognises, waits for and stops its servers. Sourced, never run.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL="$ROOT/.local"
LOGS="$LOCAL/logs"
PIDS="$LOCAL/pids"
DOWNLOADS="$LOCAL/downloads"
# the one pinned in java-tasks/pom.xml
DEPENDENCY_PLUGIN_VERSION=3.8.1

# Every JVM of the stack carries this property (dynalite's node, as an operand it ignores): it tells our
# processes from anyone else's, including those of another checkout, and survives a lost pid file.
STACK_MARK="-Dspotifylake.stack=$LOCAL"

# The default JDK (17 is enough) runs MariaDB's launcher, s3proxy, the simulator and the Trino
# CLI; Trino itself needs a newer one (scripts/stack/trino.sh).
# shellcheck disable=SC2034 # used by scripts/stack/*.sh
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

SCRIPT_NAME=stack
# shellcheck source=scripts/lib-script.sh
source "$ROOT/scripts/lib-script.sh"

# die_with_log NAME MESSAGE: the one-line failure that names the server and its log. In CI the
# log's tail follows, since .local/ is gone once the run ends.
die_with_log() {
    local name=$1 message=$2 log="$LOGS/$1.log"
    say "$name $message; see ${log#"$ROOT/"}"
    if [[ -n "${CI:-}" && -f "$log" ]]; then
        tail -n 30 "$log" | sed 's/^/  | /' >&2
    fi
    exit 1
}

# apt_install PACKAGE: Debian's package, installed when the stack runs as root with apt-get; else dies saying so.
apt_install() {
    if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
        die "$1 is needed: apt-get install $1 (as root)"
    fi
    say "installing $1 with apt-get"
    mkdir -p "$LOGS"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1"; } >"$LOGS/apt-$1.log" 2>&1 ||
        die_with_log "apt-$1" "apt-get could not install $1"
}

now() {
    date +%s.%N
}

# seconds_since START: elapsed wall time, one decimal.
seconds_since() {
    awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.1f", end - start }'
}

port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# is_ours PID: the process carries the mark, or runs a program unpacked or linked under .local/ (mysqld;
# Trino's launcher before it execs the JVM; PostgreSQL and Redis). Not the virtualenvs' programs: Airflow's
# processes (a demo's Celery workers, a test's scheduler) are not servers of the stack, their starters stop them.
is_ours() {
    local program
    [[ -n "$1" && -r "/proc/$1/cmdline" ]] || return 1
    grep -qzxF -- "$STACK_MARK" "/proc/$1/cmdline" 2>/dev/null && return 0
    program=$(tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | head -n 1)
    [[ "$program" == "$LOCAL/"* && "$program" != "$LOCAL/"*venv/* ]]
}

# running PID: the process exists and has not exited (a zombie has, though kill -0 still finds it).
running() {
    local state
    state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) && [[ -n "$state" && "$state" != Z ]]
}

# pid_of NAME: the pid of our running server NAME, or nothing.
pid_of() {
    local pid
    pid=$(cat "$PIDS/$1.pid" 2>/dev/null) || return 0
    if is_ours "$pid"; then
        echo "$pid"
    fi
}

# start_server NAME COMMAND...: runs COMMAND detached in a session of its own (so that stopping
# the session also stops children such as mysqld), output to .local/logs/NAME.log.
start_server() {
    local name=$1
    shift
    mkdir -p "$LOGS" "$PIDS"
    local log="$LOGS/$name.log"
    [[ -f "$log" ]] && mv -f "$log" "$log.previous"
    # The inner shell writes its own pid, then execs: the pid file names the server itself,
    # whether or not setsid had to fork.
    # shellcheck disable=SC2016 # $$, $0 and $@ belong to the inner shell
    setsid bash -c 'echo $$ > "$0"; exec "$@"' "$PIDS/$name.pid" "$@" >"$log" 2>&1 </dev/null &
    local waited=0
    until [[ -s "$PIDS/$name.pid" ]] || ((waited++ > 50)); do sleep 0.02; done
}

# stop_servers PID...: SIGTERM to each, then waits for each session to end; SIGKILL after the grace period.
stop_servers() {
    local grace=${STACK_STOP_GRACE:-20} pid deadline
    for pid in "$@"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    deadline=$(($(date +%s) + grace))
    for pid in "$@"; do
        while session_alive "$pid" && (($(date +%s) < deadline)); do sleep 0.1; done
        if session_alive "$pid"; then
            say "pid $pid did not stop within ${grace}s: SIGKILL"
            kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
        fi
    done
}

# session_alive PID: whether any process of the session PID leads is left (mysqld outlives a killed JVM).
session_alive() {
    kill -0 -- "-$1" 2>/dev/null || kill -0 "$1" 2>/dev/null
}

# our_stray_pids SERVER_PID...: processes of this stack outside the sessions of the running
# servers given: servers whose pid file was lost, and children left behind when their server was
# killed (a mysqld whose launcher got SIGKILL).
our_stray_pids() {
    local stat pid group known=" $* "
    for stat in /proc/[0-9]*/stat; do
        # 2>/dev/null first: a process may end between the glob and the read
        read -r pid _ _ _ group _ 2>/dev/null <"$stat" || continue
        [[ "$known" == *" $group "* ]] && continue
        if is_ours "$pid"; then
            echo "$pid"
        fi
    done
}

# http_status URL [CURL OPTIONS...]: the HTTP status code, 000 when nothing answers.
http_status() {
    local url=$1
    shift
    curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" "$url" 2>/dev/null || true
}

# need_download G:A:V:TYPE[:CLASSIFIER]: copies a Maven artifact into .local/downloads (through
# ~/.m2, so a second copy downloads nothing) unless it is there; prints nothing, dies on failure.
# Its file there is A-V[-CLASSIFIER].TYPE (see download_path).
need_download() {
    local coordinates=$1 file
    file=$(download_path "$coordinates")
    [[ -f "$DOWNLOADS/$file" ]] && return 0
    mkdir -p "$DOWNLOADS" "$LOGS"
    say "fetching $coordinates through Maven"
    # Run outside any project, so that no pom.xml of the working directory gets involved.
    (cd "$DOWNLOADS" && mvn -B -q "org.apache.maven.plugins:maven-dependency-plugin:$DEPENDENCY_PLUGIN_VERSION:copy" \
        -Dartifact="$coordinates" -DoutputDirectory="$DOWNLOADS") >"$LOGS/downloads.log" 2>&1 ||
        die_with_log downloads "could not fetch $coordinates through Maven"
}

# download_path G:A:V:TYPE[:CLASSIFIER]: the artifact's file name in .local/downloads.
download_path() {
    local artifact version type classifier
    IFS=: read -r _ artifact version type classifier <<<"$1"
    echo "$artifact-$version${classifier:+-$classifier}.$type"
}
