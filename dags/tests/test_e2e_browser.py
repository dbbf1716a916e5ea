"""End to end through a browser: make airflow-ui started on a port of its own, Debian's chromium driven by
playwright-core (scripts/browser-test/) triggers a run of the DAG, and the lake then holds today's partitions.

The screenshot of the finished run is kept as a test artifact: .local/artifacts/airflow-ui-run.png.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from e2e_support import (
    LOCAL,
    REPOSITORY,
    TOP_TRACKS_PER_ARTIST,
    airflow_answers,
    free_port,
    stop_session,
    tail,
    task_jar,
    utc_days_ago,
    wait_until,
)
from spotify_lake.environment import connections_from_environment

pytestmark = pytest.mark.e2e

AIRFLOW_UI = REPOSITORY / "scripts/airflow-ui.sh"
BROWSER_TEST = REPOSITORY / "scripts/browser-test/run.sh"
SCREENSHOT = LOCAL / "artifacts/airflow-ui-run.png"
CANNOT_INSTALL_CHROMIUM = 3
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_a_run_triggered_in_the_ui_without_a_logical_date_succeeds_and_fills_todays_partitions(
    stack, lake, artists, tmp_path
):
    home = tmp_path / "airflow"
    url = f"http://127.0.0.1:{free_port()}"
    SCREENSHOT.unlink(missing_ok=True)
    ui_log = tmp_path / "airflow-ui.log"
    with ui_log.open("w") as output:
        ui = subprocess.Popen(
            [AIRFLOW_UI],
            env=ui_environment(home, url, stack, lake, artists),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until(lambda: answers(url, ui, ui_log), 180, lambda: f"make airflow-ui on {url}:\n{tail(ui_log)}", 1)
        password = json.loads((home / "simple_auth_manager_passwords.json.generated").read_text())["admin"]
        browser = subprocess.run(
            [BROWSER_TEST],
            env={**os.environ, "AIRFLOW_URL": url, "AIRFLOW_PASSWORD": password, "SCREENSHOT": str(SCREENSHOT)},
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        stop_session(ui)

    if browser.returncode == CANNOT_INSTALL_CHROMIUM:
        pytest.skip(f"end-to-end: no browser: {browser.stderr.strip().splitlines()[-1]}")
    assert browser.returncode == 0, f"{browser.stdout}\n{browser.stderr}\nUI log:\n{tail(ui_log)}"
    outcome = json.loads(browser.stdout.splitlines()[-1])
    assert outcome["state"] == "success"
    assert outcome["run_id"].startswith("manual__")
    assert SCREENSHOT.read_bytes().startswith(PNG_SIGNATURE)
    today = utc_days_ago(0)
    assert lake.curated_rows(today)["top_tracks"] == TOP_TRACKS_PER_ARTIST * artists.artists, (
        "the run without a logical date wrote the day it was triggered on"
    )


def ui_environment(home, url, stack, lake, artists) -> dict[str, str]:
    """make airflow-ui's environment, pointed at a home and a port of the test's own.

    make airflow-ui presets the connections from .local/stack.env, the shared lake; connections given in
    the environment (AIRFLOW_CONN_*) win over those of the database, and carry the test's lake and artists.
    """
    settings = {**stack, **lake.environment, **artists.environment}
    connections = {}
    for connection_id, connection in connections_from_environment(settings).items():
        connection["extra"] = connection.pop("extra_dejson")
        connections[f"AIRFLOW_CONN_{connection_id.upper()}"] = json.dumps(connection)
    inherited = {name: value for name, value in os.environ.items() if not name.startswith("AIRFLOW")}
    return {
        **inherited,
        **connections,
        "SPOTIFY_LAKE_AIRFLOW_HOME": str(home),
        "AIRFLOW_PORT": url.rsplit(":", 1)[1],
        "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
        "SPOTIFY_LAKE_JAR": str(task_jar()),
        # Unpaused by the trigger, the DAG must not start catching up days of its own.
        "SPOTIFY_LAKE_START_DATE": utc_days_ago(-365),
    }


def answers(url: str, ui: subprocess.Popen, log) -> bool:
    assert ui.poll() is None, f"make airflow-ui exited:\n{tail(log)}"
    return airflow_answers(url)
