"""Points Airflow at a throw-away home before any test imports it; makes dags/ importable as Airflow does.

Also the fixtures of the end-to-end tests: the local stack's settings, and a lake and an artist database
of the test's own (see e2e_support).
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from e2e_support import DAGS, E2E_ARTISTS, ArtistDatabase, TestLake, stack_settings
from e2e_support import REPOSITORY as REPOSITORY  # for the tests that import it from here

DAG_FILE = DAGS / "spotify_lake_dag.py"

_airflow_home = tempfile.mkdtemp(prefix="spotify-lake-dag-tests-")
atexit.register(shutil.rmtree, _airflow_home, ignore_errors=True)
os.environ["AIRFLOW_HOME"] = _airflow_home
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS)
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
sys.path.insert(0, str(DAGS))


@pytest.fixture(scope="session")
def jar() -> Path:
    """The task jar: $SPOTIFY_LAKE_JAR, else what make jar built; the test is skipped when there is none."""
    path = (
        os.environ.get("SPOTIFY_LAKE_JAR")
        or subprocess.run(
            ["make", "-s", "-C", str(REPOSITORY), "jar-path"], capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    if not Path(path).is_file():
        pytest.skip(f"the task jar {path} is not built yet: run make jar")
    return Path(path)


def load_dag_module() -> ModuleType:
    """A fresh import of the DAG file, as a parse by the DAG processor would make it (reads the environment now)."""
    spec = importlib.util.spec_from_file_location("spotify_lake_dag_under_test", DAG_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def stack() -> dict[str, str]:
    """The local stack's settings (.local/stack.env); the test is skipped when the stack is not up."""
    return stack_settings()


@pytest.fixture
def lake(stack) -> Iterator[TestLake]:
    lake = TestLake(stack)
    yield lake
    lake.remove()


@pytest.fixture
def artists(stack, tmp_path) -> Iterator[ArtistDatabase]:
    database = ArtistDatabase(stack, tmp_path)
    database.seed(E2E_ARTISTS)
    yield database
    database.drop()
