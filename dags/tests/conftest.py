"""Points Airflow at a throw-away home before any test imports it; makes dags/ importable as Airflow does."""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path
from types import ModuleType

DAGS = Path(__file__).resolve().parents[1]
REPOSITORY = DAGS.parent
DAG_FILE = DAGS / "spotify_lake_dag.py"

_airflow_home = tempfile.mkdtemp(prefix="spotify-lake-dag-tests-")
atexit.register(shutil.rmtree, _airflow_home, ignore_errors=True)
os.environ["AIRFLOW_HOME"] = _airflow_home
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS)
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
sys.path.insert(0, str(DAGS))


def load_dag_module() -> ModuleType:
    """A fresh import of the DAG file, as a parse by the DAG processor would make it (reads the environment now)."""
    spec = importlib.util.spec_from_file_location("spotify_lake_dag_under_test", DAG_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
