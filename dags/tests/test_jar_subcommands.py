"""The DAG's tasks and the jar's subcommands, checked against each other: the jar's --help is the source of truth."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import load_dag_module
from spotify_lake.jar_task import level_of, task_id_of

# In picocli's usage help, a subcommand's name starts a line of the "Commands:" section, indented by two spaces.
SUBCOMMAND_LINE = re.compile(r"^  ([a-z][a-z0-9-]*)(?:\s|$)")
# Subcommands for people, not steps of the pipeline: they read the lake and print an answer.
READERS = {"similar-artists"}


def help_of(jar: Path, *subcommand: str) -> str:
    return subprocess.run(
        ["java", "-jar", str(jar), *subcommand, "--help"], capture_output=True, text=True, check=True
    ).stdout


def subcommands_of(jar: Path) -> set[str]:
    lines = help_of(jar).splitlines()
    commands = lines[lines.index("Commands:") + 1 :]
    return {match[1] for line in commands if (match := SUBCOMMAND_LINE.match(line))}


@pytest.fixture(scope="module")
def tasks():
    return load_dag_module().dag.tasks


def test_the_dag_runs_every_task_subcommand_of_the_jar_and_no_other(jar, tasks):
    # a task works on one dt; the jar's tools (print-ddl) take none, and its readers are for people, not the DAG
    task_subcommands = {name for name in subcommands_of(jar) if "--dt" in help_of(jar, name)} - READERS
    assert {task.subcommand for task in tasks} == task_subcommands


def test_each_task_is_named_after_its_subcommand_and_dataset(tasks):
    for task in tasks:
        assert task.task_id == task_id_of(task.subcommand, task.dataset)
        assert task.task_id.split("__")[0].replace("_", "-") == task.subcommand


def test_the_subcommands_given_a_dataset_take_the_dataset_option(jar, tasks):
    for subcommand in {task.subcommand for task in tasks if task.dataset}:
        assert "--dataset" in help_of(jar, subcommand), f"{subcommand} --help lists no --dataset"


def test_the_jars_log_lines_are_the_ones_the_operator_reads_a_level_from(jar):
    # --verbose logs a debug line of Main's before the task fails for want of a lake (exit 2, its one-line error)
    result = subprocess.run(
        ["java", "-jar", str(jar), "--verbose", "load-s3", "--dt", "2026-11-20", "--dataset", "artists"],
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"]},
    )

    levels = [level_of(line) for line in result.stderr.splitlines() if line.startswith(("20", "error: "))]
    assert result.returncode == 2
    assert [level for level, _ in levels][:1] == ["debug"], result.stderr
    assert levels[-1] == ("error", "error: missing configuration: set LAKE_URI or pass --lake-uri")
    assert not any(text.startswith("20") for _, text in levels), "the jar's timestamp is left out"
