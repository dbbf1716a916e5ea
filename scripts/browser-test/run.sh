#!/usr/bin/env bash
# The browser test of the Airflow UI (see airflow-ui.test.mjs), with what it needs: Debian's chromium, installed
# with apt-get when it is missing, and playwright-core from package-lock.json (npm ci when node_modules is older).
# The UI must be up (make airflow-ui); its settings come from the environment (AIRFLOW_URL, AIRFLOW_PASSWORD, ...).
#
# Exit codes: those of the test (0 the run succeeded, 1 it did not), 3 when chromium is missing and cannot be
# installed (no root, no apt-get, or no package index reachable): the caller may skip the test then.
set -euo pipefail
cd "$(dirname "$0")"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
CANNOT_INSTALL_CHROMIUM=3

if [[ ! -x "$CHROMIUM" ]]; then
    if [[ $CHROMIUM != /usr/bin/chromium || $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
        echo "browser-test: $CHROMIUM is missing and cannot be installed here (needs root and apt-get: apt-get install chromium)" >&2
        exit "$CANNOT_INSTALL_CHROMIUM"
    fi
    echo "browser-test: installing Debian's chromium" >&2
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 \
        || [[ ! -x "$CHROMIUM" ]]; then
        echo "browser-test: apt-get could not install chromium" >&2
        exit "$CANNOT_INSTALL_CHROMIUM"
    fi
fi

# npm writes node_modules/.package-lock.json at every install: newer than the lock means up to date.
if [[ ! node_modules/.package-lock.json -nt package-lock.json ]]; then
    npm ci --no-audit --no-fund --loglevel=error >&2
fi

export CHROMIUM
exec node airflow-ui.test.mjs
