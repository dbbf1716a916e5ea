#!/usr/bin/env bash
# make test: lint (scripts/lint.sh), unit tests (no server), integration tests (*IT) on the local stack, then the
# DAG's pytest tests (dags/tests/test_docs.py runs the command blocks of README.md and docs/).
# Starts the stack if it is down, and stops again only what it started, whatever the outcome.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib-script.sh
. scripts/lib-script.sh

echo "== lint"
scripts/lint.sh

started_stack=no
started_celery_servers=no
stop_started_stack() {
    if [[ $started_stack == yes ]]; then
        echo "== stopping the local stack this run started"
        scripts/stack.sh down || true
    elif [[ $started_celery_servers == yes ]]; then
        echo "== stopping PostgreSQL and Redis, which this run started"
        scripts/stack.sh down --celery || true
    fi
}
trap stop_started_stack EXIT

# With PostgreSQL and Redis, for the end-to-end test on the CeleryExecutor.
if ! status=$(scripts/stack.sh status 2>/dev/null); then
    echo "== starting the local stack"
    started_stack=yes
    scripts/stack.sh up --celery
elif [[ "$status" != *$'\npostgres '* ]]; then
    echo "== starting PostgreSQL and Redis"
    started_celery_servers=yes
    scripts/stack.sh up --celery
fi

echo "== Java: unit tests and integration tests against the local stack"
mvn -B -f java-tasks/pom.xml verify

# No Docker engine runs here: dags/tests/test_docker_compose.py validates docker-compose.yml with Debian's
# docker-compose (`config`, which fails on an invalid file) and checks it against the local stack.
if ! command -v docker-compose >/dev/null && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "== installing Debian's docker-compose, to validate docker-compose.yml"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose; } >/dev/null 2>&1 ||
        echo "warning: apt-get could not install docker-compose; the docker-compose.yml tests will skip"
fi

echo "== Airflow virtualenv"
scripts/airflow-venv.sh

echo "== DAG tests and the docs' commands, end to end on the local stack included (-m e2e; the browser test saves .local/artifacts/airflow-ui-run.png)"
export_stack_env
export SPOTIFY_LAKE_JAR="$PWD/java-tasks/tasks/target/spotify-lake.jar"
.local/venv/bin/python -m pytest dags/tests
