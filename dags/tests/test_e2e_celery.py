"""End to end on Airflow's CeleryExecutor with two workers, as make demo-celery runs it: a backfill of two days
gives the same curated rows as the single-process run of the same days (`airflow dags test`, into a lake of its
own, at the same time), the pool and the one-at-a-time load keep holding across workers, tasks of one run run on
both workers, each in its own directory, and a task whose JVM is killed (-9) on one worker is retried on the other
and leaves the lake as an uninterrupted run does.

Marked e2e; needs the stack with PostgreSQL and Redis (scripts/stack.sh up --celery; make test starts them).
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import threading
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from e2e_support import (
    DAG_ID,
    CeleryAirflow,
    TestAirflow,
    TestLake,
    celery_values,
    migrated_database,
    postgres_connection,
    stop_session,
    tail,
    task_jar,
    trino,
    unique_name,
    utc_days_ago,
    wait_until,
)

pytestmark = pytest.mark.e2e

# Names of the test's own: workers of another Airflow on the same broker (make demo-celery's) may hold worker-1.
WORKERS = tuple(f"{unique_name()}-worker-{n}" for n in (1, 2))
# Killed as soon as its JVM appears, on whichever worker runs it: the task that publishes curated top_tracks.
KILLED_TASK = "load_s3__top_tracks"
KILLED_SUBCOMMAND = "load-s3"
KILLED_OPTIONS = {"--dataset": "top_tracks"}
FETCH_TASKS = ("fetch_tracks_raw_json", "fetch_audio_features_raw_json")
SERVING_LOAD = "load_dynamodb__top_tracks"
CURATED_TABLES = ("artists", "top_tracks", "audio_features", "artist_similarity")
# When the rows were fetched or extracted: the only columns two runs of the same days may differ in.
TIMESTAMP_COLUMNS = {"fetched_at", "extracted_at"}


@pytest.fixture
def celery() -> Iterator[dict[str, str]]:
    """The stack's Celery settings with a PostgreSQL database of the test's own, dropped afterwards."""
    values = celery_values()
    database = unique_name()
    with closing(postgres_connection(values)) as connection:
        connection.autocommit = True
        connection.cursor().execute(f"CREATE DATABASE {database}")
    yield {**values, "POSTGRES_DB": database}
    with closing(postgres_connection(values)) as connection:
        connection.autocommit = True
        connection.cursor().execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


@pytest.fixture
def reference_lake(stack) -> Iterator[TestLake]:
    lake = TestLake(stack)
    yield lake
    lake.remove()


def test_two_celery_workers_share_a_backfill_survive_a_killed_jvm_and_give_the_single_process_lake(
    stack, lake, reference_lake, artists, celery, tmp_path
):
    days = [utc_days_ago(2), utc_days_ago(1)]
    environment = {
        **stack,
        **artists.environment,
        "SPOTIFY_LAKE_JAR": str(task_jar()),
        "SPOTIFY_LAKE_RETRY_DELAY_SECONDS": "5",
    }
    # The single-process run of the same days (one `airflow dags test` after the other) into a lake of its own,
    # while the workers run theirs.
    reference = TestAirflow(
        tmp_path / "reference",
        {**environment, **reference_lake.environment},
        migrated_database(tmp_path / "reference-template"),
    )
    with (reference.home / "dags-test.log").open("w") as output:
        reference_run = subprocess.Popen(
            ["bash", "-c", 'airflow dags test "$0" "$1" && airflow dags test "$0" "$2"', DAG_ID, *days],
            env=reference.environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    queue = unique_name()
    # Unpaused with a start date ahead: the backfill's runs are the only runs.
    unpaused = {"SPOTIFY_LAKE_START_DATE": utc_days_ago(-30), "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False"}
    airflow = CeleryAirflow(tmp_path / "celery", {**environment, **lake.environment, **unpaused}, celery, queue)
    watcher = JvmWatcher(task_jar(), lake.environment["LAKE_URI"], kill={**KILLED_OPTIONS, "--dt": days[0]})
    broker = CeleryControl(celery)
    try:
        airflow.start_scheduler()
        for name in WORKERS:
            airflow.start_worker(name)
        nodes = wait_until(
            lambda: broker.nodes(WORKERS), 120, lambda: f"both workers:\n{tail(airflow.worker_log(WORKERS[0]))}"
        )
        watcher.start()
        airflow.cli("backfill", "create", "--dag-id", DAG_ID, "--from-date", days[0], "--to-date", days[-1])

        killed = wait_until(
            lambda: watcher.killed, 240, lambda: f"the JVM of {KILLED_TASK}:\n{airflow.failures()}", 0.2
        )
        # The worker that ran the killed try takes nothing more until the retry has started on the other one.
        broker.cancel_consumer(queue, nodes[killed.worker])
        retry = wait_until(lambda: retried(airflow, days[0]), 180, airflow.failures, interval=0.5)
        broker.add_consumer(queue, nodes[killed.worker])

        runs = wait_until(lambda: finished_runs(airflow, len(days)), 420, airflow.failures, interval=2)
        tries = airflow.task_tries()
    finally:
        watcher.stop()
        airflow.stop_scheduler()
        if reference_run.poll() is None:
            reference_run.wait(timeout=600)
        stop_session(reference_run)

    assert [run["state"] for run in runs] == ["success"] * len(days), airflow.failures()
    assert reference_run.returncode == 0, tail(reference.home / "dags-test.log", 80)

    # The kill: try 1 failed on one worker, try 2 succeeded on the other.
    assert killed.worker in WORKERS
    [first_try] = [
        t for t in tries if t["task_id"] == KILLED_TASK and t["try_number"] == 1 and t["run_id"] == retry["run_id"]
    ]
    assert first_try["hostname"] == killed.worker
    assert (retry["hostname"], retry["try_number"]) != (killed.worker, 1)
    final = {(t["run_id"], t["task_id"]): t for t in airflow.task_instances_with_hosts()}
    assert final[(retry["run_id"], KILLED_TASK)]["state"] == "success"
    assert final[(retry["run_id"], KILLED_TASK)]["hostname"] != killed.worker, "retried on the other worker"

    # Tasks of one run on both workers; every JVM with its temporary files in the directory of its worker.
    hosts_by_run: dict[str, set[str]] = {}
    for t in final.values():
        if t["hostname"]:
            hosts_by_run.setdefault(t["run_id"], set()).add(t["hostname"])
    assert any(hosts == set(WORKERS) for hosts in hosts_by_run.values()), hosts_by_run
    assert {jvm.worker for jvm in watcher.seen} == set(WORKERS)
    assert all(jvm.tmpdir == airflow.home / jvm.worker / "tmp" for jvm in watcher.seen), watcher.seen
    assert all((airflow.home / worker / "tmp" / "spotify-lake").is_dir() for worker in WORKERS), "where tasks spill"

    # The pool spotify_api across workers: no two fetch tries overlap; nor two tries of the serving-store load.
    assert_one_at_a_time([t for t in tries if t["task_id"] in FETCH_TASKS])
    assert_one_at_a_time([t for t in tries if t["task_id"] == SERVING_LOAD])

    # The same curated rows as the single-process runs of the same days, the killed day included.
    for table in CURATED_TABLES:
        assert differing_rows(table, lake.schema, reference_lake.schema, days) == 0, table
    for day in days:
        assert lake.curated_rows(day) == reference_lake.curated_rows(day)
        assert all(n > 0 for n in lake.curated_rows(day).values())


class Jvm:
    def __init__(self, pid: int, worker: str, tmpdir: Path | None) -> None:
        self.pid, self.worker, self.tmpdir = pid, worker, tmpdir

    def __repr__(self) -> str:
        return f"Jvm(pid={self.pid}, worker={self.worker}, tmpdir={self.tmpdir})"


class JvmWatcher:
    """Watches the task JVMs that work on one lake: the worker each runs under (its SPOTIFY_LAKE_WORKER_NAME) and its
    java.io.tmpdir; kills the first of subcommand load-s3 with the options `kill` (SIGKILL, as the kernel's OOM
    killer would) as soon as it appears."""

    def __init__(self, jar: Path, lake_uri: str, kill: dict[str, str]) -> None:
        self._jar, self._lake = str(jar), f"LAKE_URI={lake_uri}"
        self._kill = kill
        self.seen: list[Jvm] = []
        self.killed: Jvm | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._known: set[int] = set()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=10)

    def _watch(self) -> None:
        while not self._stopping.wait(0.05):
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit() and int(entry.name) not in self._known:
                    self._look_at(int(entry.name))

    def _look_at(self, pid: int) -> None:
        try:
            # Not remembered: a process forked by a worker is the worker's copy until it execs java.
            if Path(f"/proc/{pid}/comm").read_text().strip() != "java":
                return
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
            environment = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace").split("\0")
        except OSError:  # it ended meanwhile
            return
        self._known.add(pid)
        if self._jar not in argv or self._lake not in environment:
            return
        worker = next((v.split("=", 1)[1] for v in environment if v.startswith("SPOTIFY_LAKE_WORKER_NAME=")), "")
        tmpdir = next((Path(a.split("=", 1)[1]) for a in argv if a.startswith("-Djava.io.tmpdir=")), None)
        jvm = Jvm(pid, worker, tmpdir)
        self.seen.append(jvm)
        if (
            self.killed is None
            and KILLED_SUBCOMMAND in argv
            and all(option(argv, o) == v for o, v in self._kill.items())
        ):
            os.kill(pid, signal.SIGKILL)
            self.killed = jvm


def option(argv: list[str], name: str) -> str | None:
    """The value of `--name value` in a command line."""
    return argv[argv.index(name) + 1] if name in argv[:-1] else None


class CeleryControl:
    """Celery's remote control over the stack's broker: which workers answer, and which queues they consume."""

    def __init__(self, celery: dict[str, str]) -> None:
        from celery import Celery

        self._app = Celery(broker=f"redis://{celery['REDIS_HOST']}:{celery['REDIS_PORT']}/0")

    def nodes(self, workers: tuple[str, ...]) -> dict[str, str] | None:
        """Each worker's Celery node name, once all of them answer a ping."""
        answered = [node for reply in self._app.control.ping(timeout=1) for node in reply]
        nodes = {
            worker: node for worker in workers for node in answered if node.endswith(f"@{worker}") or node == worker
        }
        return nodes if len(nodes) == len(workers) else None

    def cancel_consumer(self, queue: str, node: str) -> None:
        self._app.control.cancel_consumer(queue, destination=[node], reply=True, timeout=5)

    def add_consumer(self, queue: str, node: str) -> None:
        self._app.control.add_consumer(queue, destination=[node], reply=True, timeout=5)


def retried(airflow: CeleryAirflow, day: str) -> dict | None:
    """The killed task's instance once its second try runs or ran."""
    for ti in airflow.task_instances_with_hosts():
        if ti["task_id"] == KILLED_TASK and ti["run_id"].find(day) >= 0 and ti["try_number"] >= 2:
            if ti["state"] in ("running", "success") and ti["hostname"]:
                return ti
    return None


def finished_runs(airflow: TestAirflow, expected: int) -> list[dict] | None:
    runs = airflow.dag_runs()
    done = len(runs) == expected and all(run["state"] in ("success", "failed") for run in runs)
    return runs if done else None


def assert_one_at_a_time(tries: list[dict]) -> None:
    intervals = sorted(
        (t["start_date"], t["end_date"] or datetime.max, t["task_id"], t["run_id"]) for t in tries if t["start_date"]
    )
    assert len(intervals) >= 2, tries
    for before, after in itertools.pairwise(intervals):
        assert after[0] >= before[1], f"{before[2:]} and {after[2:]} ran at once"


def differing_rows(table: str, schema: str, reference: str, days: list[str]) -> int:
    """Rows of dt in `days` that one schema's table holds and the other's does not (as multisets), the timestamp
    columns left out."""
    columns = [
        row["column_name"]
        for row in trino(
            f"SELECT column_name FROM hive.information_schema.columns WHERE table_schema = '{schema}' "
            f"AND table_name = '{table}' ORDER BY ordinal_position"
        )
        if row["column_name"] not in TIMESTAMP_COLUMNS
    ]
    listed = ", ".join(columns)
    where = "dt IN ({})".format(", ".join(f"'{day}'" for day in days))
    one, other = (
        f"SELECT {listed} FROM hive.{schema}.{table} WHERE {where}",
        f"SELECT {listed} FROM hive.{reference}.{table} WHERE {where}",
    )
    [row] = trino(f"SELECT count(*) AS n FROM (({one} EXCEPT ALL {other}) UNION ALL ({other} EXCEPT ALL {one}))")
    return row["n"]
