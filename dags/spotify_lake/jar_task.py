"""The operator that runs one subcommand of the spotify-lake jar for the run's dt, and the helper that names it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from airflow.sdk import BaseOperator, Context, Variable
from airflow.sdk.exceptions import AirflowFailException

from spotify_lake.environment import task_environment
from spotify_lake.jvm import jvm_options
from spotify_lake.process import TaskProcess

JAR_VARIABLE = "spotify_lake_jar"
# The run's logical date ({{ ds }}); a run triggered without one (the UI lets the date be cleared) takes the UTC
# date of the moment it was triggered (run_after; Airflow keeps both in UTC). Such a run has no ds at all, and
# the DAG's templates are strict about undefined names: dag_run's attributes are always there.
RUN_DATE = "{{ (dag_run.logical_date or dag_run.run_after) | ds }}"


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


class JarTaskOperator(BaseOperator):
    """Runs `java <JVM options> -jar <jar> <subcommand> --dt <date> [--dataset X] [OPTIONS]` with the connections set.

    Exit 0 succeeds and pushes the task's JSON summary to XCom; 99 skips the task (and, through the
    default trigger rule, what follows it); 2 fails at once, without a retry; anything else fails
    and is retried with the task's retry settings. The jar comes from $SPOTIFY_LAKE_JAR or the
    Airflow Variable spotify_lake_jar, java from $JAVA_HOME/bin or the PATH, the JVM options from
    spotify_lake/jvm.py ($SPOTIFY_LAKE_JVM_OPTIONS replaces them).
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
        self._process: TaskProcess | None = None

    def execute(self, context: Context) -> Any:
        argv = [_java(), *_jvm_options(), "-jar", _jar_path(), *self.arguments]
        self._process = TaskProcess(argv, task_environment(self.log), self.log)
        return self._process.run()

    def on_kill(self) -> None:
        if self._process is not None:
            self._process.terminate()


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
