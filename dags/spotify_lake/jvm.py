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
    # A task lives seconds to minutes on a worker with few cores, where the optimizing compiler competes with the
    # task for them: these thresholds (10x and more the defaults) keep it to the truly hot loops. flatten-to-parquet
    # of 1M tracks on 2 cores: 5.1 s against 5.6 s with the default thresholds (medians of 5 runs each).
    "-XX:Tier4InvocationThreshold=100000",
    "-XX:Tier4CompileThreshold=120000",
    "-XX:Tier4BackEdgeThreshold=800000",
)


def jvm_options() -> list[str]:
    """$SPOTIFY_LAKE_JVM_OPTIONS (shell words) when set, else the defaults above."""
    configured = os.environ.get(JVM_OPTIONS_VARIABLE)
    return shlex.split(configured) if configured is not None else list(DEFAULT_JVM_OPTIONS)


if __name__ == "__main__":
    print(shlex.join(jvm_options()))
