"""The operator that runs one subcommand of the spotify-lake jar for the run's dt, and the helper that names it."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from airflow.providers.standard.hooks.subprocess import SubprocessHook
from airflow.sdk import BaseOperator, Context, Variable
from airflow.sdk.exceptions import AirflowException, AirflowFailException, AirflowSkipException

from spotify_lake.environment import task_environment
from spotify_lake.jvm import jvm_options

JAR_VARIABLE = "spotify_lake_jar"
# The run's logical date ({{ ds }}); a run triggered without one (the UI lets the date be cleared) takes the UTC
# date of the moment it was triggered (run_after; Airflow keeps both in UTC). Such a run has no ds at all, and
# the DAG's templates are strict about undefined names: dag_run's attributes are always there.
RUN_DATE = "{{ (dag_run.logical_date or dag_run.run_after) | ds }}"
# The jar's exit codes (docs/architecture.md) that are not plain success or a failure worth a retry.
EXIT_PERMANENT_FAILURE = 2
EXIT_NOTHING_TO_DO = 99
# A line the jar logged (slf4j-simple on stderr): its own timestamp, the level, then the logger and the message.
JAR_LOG_LINE = re.compile(r"^(?:\d{4}-\d\d-\d\dT\S+ )?(?P<level>TRACE|DEBUG|INFO|WARN|ERROR) (?P<text>.*)$")
JAR_LEVELS = {"TRACE": "debug", "DEBUG": "debug", "INFO": "info", "WARN": "warning", "ERROR": "error"}
# How the jar reports the failure it exits with (its Main), without a level of its own.
JAR_FAILURE = "error: "


def jar_task(
    subcommand: str, dataset: str | None = None, options: Sequence[str] = (), **kwargs: Any
) -> JarTaskOperator:
    """The task that runs `subcommand` (for `dataset`, if it takes one, then `options`), named after both."""
    return JarTaskOperator(
        task_id=task_id_of(subcommand, dataset), subcommand=subcommand, dataset=dataset, options=options, **kwargs
    )


def task_id_of(subcommand: str, dataset: str | None = None) -> str:
    """extract-artists -> extract_artists; load-s3 for top_tracks -> load_s3__top_tracks."""
    task_id = subcommand.replace("-", "_")
    return f"{task_id}__{dataset}" if dataset else task_id


class JarLog:
    """The hook's logger, except that a line of the process's output is logged at the level the jar gave it.

    The hook logs each line with info("%s", line); a line the jar logged goes to the task log at its own level
    (a WARN is a warning in the UI's filter) and without the jar's timestamp, which the task log has already.
    """

    def __init__(self, log: Any) -> None:
        self._log = log

    def info(self, message: str, *args: Any, **kwargs: Any) -> None:
        if message == "%s" and len(args) == 1 and isinstance(args[0], str):
            level, text = level_of(args[0])
            getattr(self._log, level)("%s", text)
        else:
            self._log.info(message, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._log, name)


def level_of(line: str) -> tuple[str, str]:
    """The log level of a line of the jar's output and its text without the jar's timestamp and level."""
    if logged := JAR_LOG_LINE.match(line):
        return JAR_LEVELS[logged["level"]], logged["text"]
    return ("error" if line.startswith(JAR_FAILURE) else "info"), line


class JarProcessHook(SubprocessHook):
    """Airflow's SubprocessHook, whose lines of the jar's output reach the task log at the jar's own log levels."""

    @cached_property
    def log(self) -> JarLog:
        return JarLog(super().log)


class JarTaskOperator(BaseOperator):
    """Runs `java <JVM options> -jar <jar> <subcommand> --dt <date> [--dataset X] [OPTIONS]` with the connections set.

    The process runs under Airflow's SubprocessHook, as BashOperator's do: its output streams into the task log
    (stderr and stdout as one stream, each line at the level the jar logged it with), and SIGTERM reaches it when
    the task is killed. Exit 0 succeeds and pushes the last line, the task's JSON summary, to XCom; 99 skips the
    task (and, through the default trigger rule, what follows it); 2 fails at once, without a retry; anything else
    fails and is retried with the task's retry settings. The jar comes from $SPOTIFY_LAKE_JAR or the Airflow
    Variable spotify_lake_jar, java from $JAVA_HOME/bin or the PATH, the JVM options from spotify_lake/jvm.py
    ($SPOTIFY_LAKE_JVM_OPTIONS replaces them).
    """

    # Only the command line is a template: secrets travel in the environment, so the rendered
    # templates shown in the UI can never hold one.
    template_fields = ("arguments",)
    ui_color = "#d9f0d3"

    def __init__(
        self, *, subcommand: str, dataset: str | None = None, options: Sequence[str] = (), **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.subcommand = subcommand
        self.dataset = dataset
        self.arguments = [subcommand, "--dt", RUN_DATE, *(["--dataset", dataset] if dataset else []), *options]

    @cached_property
    def subprocess_hook(self) -> JarProcessHook:
        return JarProcessHook()

    def execute(self, context: Context) -> Any:
        command = [_java(), *_jvm_options(), "-jar", _jar_path(), *self.arguments]
        try:
            result = self.subprocess_hook.run_command(command, env=task_environment(self.log))
        except OSError as error:
            raise AirflowFailException(f"Cannot start {command[0]}: {error.strerror}") from error
        if result.exit_code == 0:
            return self._summary(result.output)
        reason = f" (exit {result.exit_code}): {result.output}"
        if result.exit_code == EXIT_NOTHING_TO_DO:
            raise AirflowSkipException(f"Nothing to do for this dt{reason}")
        if result.exit_code == EXIT_PERMANENT_FAILURE:
            raise AirflowFailException(f"Failed, and a retry cannot help{reason}")
        # 1, and whatever else a crashed or killed process ends with (e.g. -9 after the kernel's OOM killer).
        raise AirflowException(f"Failed, a retry may help{reason}")

    def on_kill(self) -> None:
        self.subprocess_hook.send_sigterm()

    def _summary(self, last_line: str) -> Any:
        """The task's JSON summary, which it prints last; None, with a warning, when the last line is not one."""
        try:
            summary = json.loads(last_line)
        except json.JSONDecodeError:
            summary = None
        if not isinstance(summary, dict):
            self.log.warning("The last line of the output is not the JSON summary the task should print")
            return None
        return summary


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    return os.path.join(java_home, "bin", "java") if java_home else "java"


def _jvm_options() -> list[str]:
    try:
        return jvm_options()
    except ValueError as e:
        # a configuration error: retrying cannot fix it
        raise AirflowFailException(str(e)) from e


def _jar_path() -> str:
    path = os.environ.get("SPOTIFY_LAKE_JAR") or Variable.get(JAR_VARIABLE, default=None)
    if not path:
        raise AirflowFailException(
            f"The task jar is not configured: set SPOTIFY_LAKE_JAR or the Airflow Variable {JAR_VARIABLE} to its path"
        )
    if not Path(path).is_file():
        raise AirflowFailException(f"The task jar {path} does not exist on this worker (build it with make jar)")
    return path
