"""The runner against a tiny stand-in task: each exit code becomes the Airflow outcome the DAG promises."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from airflow.sdk.exceptions import AirflowException, AirflowFailException, AirflowSkipException

from spotify_lake.process import TaskProcess

LOG = logging.getLogger("spotify_lake.tests")

# Logs on stderr, then the summary on stdout, then the exit code it was given: the jar's contract.
TASK = """
echo "reading raw/artists/dt=2026-11-20" >&2
echo "the last words before exit $1" >&2
echo "{\\"exit_code\\": $1}"
exit "$1"
"""


def run_task(tmp_path, script: str, *args: str):
    path = tmp_path / "task.sh"
    path.write_text(script)
    return TaskProcess(["sh", str(path), *args], {"PATH": "/usr/bin:/bin"}, LOG).run()


def test_exit_0_succeeds_and_returns_the_summary_line_for_xcom(tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger=LOG.name):
        summary = run_task(tmp_path, TASK, "0")

    assert summary == {"exit_code": 0}
    assert "reading raw/artists/dt=2026-11-20" in caplog.messages, "stderr streams into the task log"


def test_exit_99_skips_the_task(tmp_path):
    with pytest.raises(AirflowSkipException, match=r"Nothing to do for this dt \(exit 99\)"):
        run_task(tmp_path, TASK, "99")


def test_exit_2_fails_the_task_without_a_retry(tmp_path):
    with pytest.raises(AirflowFailException, match=r"a retry cannot help \(exit 2\): the last words before exit 2"):
        run_task(tmp_path, TASK, "2")


def test_exit_1_fails_the_task_for_a_retry(tmp_path):
    with pytest.raises(AirflowException, match=r"a retry may help \(exit 1\): the last words before exit 1") as failure:
        run_task(tmp_path, TASK, "1")

    assert type(failure.value) is AirflowException, "neither a skip nor a failure that forbids retries"


def test_a_task_killed_by_a_signal_fails_for_a_retry(tmp_path):
    with pytest.raises(AirflowException, match=r"exit -9") as failure:
        run_task(tmp_path, "kill -9 $$\n")

    assert type(failure.value) is AirflowException


def test_a_command_that_cannot_start_fails_the_task_without_a_retry():
    with pytest.raises(AirflowFailException, match="Cannot start /nonexistent/bin/java: No such file or directory"):
        TaskProcess(["/nonexistent/bin/java", "-jar", "spotify-lake.jar"], {}, LOG).run()


def test_a_summary_that_is_not_json_is_reported_but_does_not_fail_a_finished_task(tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger=LOG.name):
        summary = run_task(tmp_path, "echo 'done, no summary'\n")

    assert summary is None
    assert "stdout: done, no summary" in caplog.messages
    assert "The last line on stdout is not the JSON summary the task should print" in caplog.messages


def test_a_task_that_floods_both_pipes_does_not_block(tmp_path):
    flood = "head -c 4000000 /dev/zero | tr '\\0' x >&2\nhead -c 4000000 /dev/zero | tr '\\0' y\necho\necho '{}'\n"

    assert run_task(tmp_path, flood) == {}


def test_terminate_stops_the_task_process_so_that_no_retry_overlaps_it(tmp_path, caplog):
    path = tmp_path / "task.sh"
    path.write_text("echo started >&2\nexec sleep 60\n")
    task = TaskProcess(["sh", str(path)], {"PATH": "/usr/bin:/bin"}, LOG)
    outcome: list[BaseException] = []

    def run():
        try:
            task.run()
        except AirflowException as failure:
            outcome.append(failure)

    runner = threading.Thread(target=run)
    started = time.monotonic()
    with caplog.at_level(logging.INFO, logger=LOG.name):
        runner.start()
        while "started" not in caplog.messages and time.monotonic() - started < 10:
            time.sleep(0.05)
        task.terminate()
    runner.join(timeout=10)

    assert not runner.is_alive()
    assert time.monotonic() - started < 10
    assert "exit -15" in str(outcome[0])
