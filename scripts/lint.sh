#!/usr/bin/env bash
# make lint: ruff (ruff.toml; check and format check) over the DAG package, its tests and the scripts' Python, then
# every Java module and its tests compiled with -Xlint:all -Werror (java-tasks/pom.xml), so a warning fails.
# Installs the pinned ruff of dags/requirements-dev.txt into .local/venv first (scripts/airflow-venv.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib-script.sh
. scripts/lib-script.sh

scripts/airflow-venv.sh
RUFF=.local/venv/bin/ruff

say "ruff check"
"$RUFF" check .
say "ruff format --check"
"$RUFF" format --check .
say "javac -Xlint:all -Werror"
mvn -B -q -f java-tasks/pom.xml test-compile
