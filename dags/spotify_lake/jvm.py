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
    # task for them: these thresholds (8x and more the defaults) keep it to the truly hot loops. Measured by hand on
    # make bench-flatten's day of 1M tracks, 2 cores: 5.1 s against 5.6 s with the defaults (medians of 5 runs).
    "-XX:Tier4InvocationThreshold=100000",
    "-XX:Tier4CompileThreshold=120000",
    "-XX:Tier4BackEdgeThreshold=800000",
    # For the same reason, the optimizing compiler inlines less (hot methods up to 100 bytecodes instead of 325,
    # callees compiled to at most 1000 bytes instead of 2500): the parser's and the Parquet writer's largest
    # methods then compile in a fraction of the time, and fewer recompile after a deoptimization. Measured on the
    # same day, from the class cache: 4.06 s against 4.41 s, CPU 7.1 s against 7.8 s (medians of 9 alternating
    # runs); on 4x the input the same speed (12.2 s against 12.3 s). Lower still (60, 600) lost time at 4x.
    "-XX:FreqInlineSize=100",
    "-XX:InlineSmallCode=1000",
    # The JVM's own warnings (a class cache it cannot map, say) go to stderr with the task's log: stdout carries
    # the task's summary alone, and its last line must be that summary.
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
