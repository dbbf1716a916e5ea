"""One run of a spotify-lake task process, and its exit code turned into an Airflow outcome.

The jar's contract (docs/architecture.md): logs go to stderr, one JSON summary line comes last on
stdout, and the exit code says what happened: 0 done, 99 nothing to do for this dt, 2 failed in
a way no retry can fix, anything else failed in a way a retry may fix.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import threading
from logging import Logger
from typing import Any

from airflow.sdk.exceptions import AirflowException, AirflowFailException, AirflowSkipException

EXIT_DONE = 0
EXIT_PERMANENT_FAILURE = 2
EXIT_NOTHING_TO_DO = 99

# How long a task process gets to stop cleanly when Airflow kills the task, before SIGKILL.
STOP_GRACE_SECONDS = 15


class TaskProcess:
    """Runs one command to its end: stderr streams into the task log, stdout's last line is the summary."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Logger) -> None:
        self._argv = argv
        self._env = env
        self._log = log
        self._process: subprocess.Popen[str] | None = None

    def run(self) -> Any:
        """Returns the summary (Airflow pushes it to XCom), or raises the exception that gives the task its state."""
        self._log.info("Running %s", shlex.join(self._argv))
        stdout: list[str] = []
        last_line = ""
        try:
            process = subprocess.Popen(
                self._argv,
                env=self._env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                errors="replace",
            )
        except OSError as error:
            raise AirflowFailException(f"Cannot start {self._argv[0]}: {error.strerror}") from error
        with process:
            self._process = process
            # stdout is read on its own thread so that neither pipe can fill up and block the process.
            reader = threading.Thread(target=lambda: stdout.extend(process.stdout), daemon=True)
            reader.start()
            for line in process.stderr:
                line = line.rstrip("\n")
                self._log.info("%s", line)
                if line.strip():
                    last_line = line.strip()
            reader.join()
            exit_code = process.wait()
        return outcome(exit_code, self._summary(stdout), last_line)

    def terminate(self) -> None:
        """Stops the process (SIGTERM, then SIGKILL after a grace period), so that no retry overlaps it."""
        process = self._process
        if process is None or process.poll() is not None:
            return
        self._log.info("Stopping the task process (pid %d)", process.pid)
        process.terminate()
        try:
            process.wait(timeout=STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()

    def _summary(self, stdout: list[str]) -> Any:
        """The last line, a JSON object: the task prints it last. Lines before it are logged."""
        lines = [line.rstrip("\n") for line in stdout if line.strip()]
        for line in lines[:-1]:
            self._log.info("stdout: %s", line)
        if not lines:
            return None
        summary = _json_object(lines[-1])
        if summary is None:
            self._log.info("stdout: %s", lines[-1])
            self._log.warning("The last line on stdout is not the JSON summary the task should print")
        else:
            self._log.info("Summary: %s", lines[-1])
        return summary


def _json_object(line: str) -> dict[str, Any] | None:
    try:
        value = json.loads(line)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def outcome(exit_code: int, summary: Any, last_line: str) -> Any:
    """The summary for exit 0; for any other code, the exception that gives the task its state.

    last_line is the task's last line on stderr: its one-line error, when it failed.
    """
    reason = f": {last_line}" if last_line else ""
    if exit_code == EXIT_DONE:
        return summary
    if exit_code == EXIT_NOTHING_TO_DO:
        raise AirflowSkipException(f"Nothing to do for this dt (exit {exit_code}){reason}")
    if exit_code == EXIT_PERMANENT_FAILURE:
        raise AirflowFailException(f"Failed, and a retry cannot help (exit {exit_code}){reason}")
    # 1, and whatever else a crashed or killed process ends with (e.g. -9 after the kernel's OOM killer).
    raise AirflowException(f"Failed, a retry may help (exit {exit_code}){reason}")
