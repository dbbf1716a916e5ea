"""The JVM options the tasks of the jar run with: one list, used by the DAG's operator and by make bench-flatten.

Run as a script (`python3 dags/spotify_lake/jvm.py`), it prints them as one shell-quoted line; it imports
nothing of Airflow, so the benchmark needs no virtualenv to ask.
"""

from __future__ import annotations

import os
import shlex

JVM_OPTIONS_VARIABLE = "SPOTIFY_LAKE_JVM_OPTIONS"

DEFAULT_JVM_OPTIONS = (
    # A heap sized for the task, not the machine: without it the JVM takes a quarter of the worker's memory and
    # lets garbage grow into it. flatten-to-parquet needs the most: one 16 MiB row group per thread (2 threads).
    "-Xmx128m",
    # The throughput collector: batch tasks want the least CPU spent on garbage, not the shortest pauses.
    "-XX:+UseParallelGC",
    # The JVM's own warnings (which it prints on stdout by default) go to stderr with the task's log: stdout
    # carries the task's summary alone, and its last line must be that summary.
    "-Xlog:disable",
    "-Xlog:all=warning:stderr",
)


def jvm_options() -> list[str]:
    """$SPOTIFY_LAKE_JVM_OPTIONS (shell words) when set and not blank, else the defaults above.

    Raises ValueError, naming the variable, when its words cannot be split (an unbalanced quote).
    """
    configured = os.environ.get(JVM_OPTIONS_VARIABLE, "")
    if not configured.strip():
        return list(DEFAULT_JVM_OPTIONS)
    try:
        return shlex.split(configured)
    except ValueError as e:
        raise ValueError(f"{JVM_OPTIONS_VARIABLE} is not a list of shell words ({e}): {configured}") from e


if __name__ == "__main__":
    print(shlex.join(jvm_options()))
