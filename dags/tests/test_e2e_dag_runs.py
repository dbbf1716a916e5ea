"""End to end on the local stack: the DAG run by Airflow, the lake read back through Trino.

Marked e2e: make test runs them (it starts the stack); `pytest -m "not e2e"` leaves them out. Each test has a
lake, an artist database and an Airflow home of its own (see e2e_support), and removes them afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from e2e_support import (
    DAG_ID,
    DATASETS,
    TOP_TRACKS_PER_ARTIST,
    ArtistDatabase,
    Simulator,
    TestAirflow,
    TestLake,
    migrated_database,
    stack_settings,
    stop_session,
    tail,
    task_jar,
    trino,
    wait_until,
)

pytestmark = pytest.mark.e2e

# Few artists: the tests are about orchestration, and each task still runs against every server.
ARTISTS = 10
# The first retry waits 5 to 10 s instead of 1 to 2 min.
RETRY_DELAY_SECONDS = "5"
FETCH_TRACKS = "fetch_tracks_raw_json"


def days_ago(days: int) -> str:
    """A UTC date relative to today. The fetch tasks skip a dt with no raw data that lies more than a week back."""
    return (datetime.now(timezone.utc).date() - timedelta(days=days)).isoformat()


@pytest.fixture
def stack() -> dict[str, str]:
    return stack_settings()


@pytest.fixture(scope="module")
def airflow_database(tmp_path_factory) -> Path:
    return migrated_database(tmp_path_factory.mktemp("airflow-template"))


@pytest.fixture
def lake(stack) -> Iterator[TestLake]:
    lake = TestLake(stack)
    yield lake
    lake.remove()


@pytest.fixture
def artists(stack, tmp_path) -> Iterator[ArtistDatabase]:
    database = ArtistDatabase(stack, tmp_path)
    database.seed(ARTISTS)
    yield database
    database.drop()


@pytest.fixture
def airflow_home(tmp_path, airflow_database, stack, lake, artists) -> Callable[..., TestAirflow]:
    """Makes a fresh Airflow whose task processes see the stack, with the test's own lake and artists."""
    environment = {
        **stack,
        **lake.environment,
        **artists.environment,
        "SPOTIFY_LAKE_JAR": str(task_jar()),
        "SPOTIFY_LAKE_RETRY_DELAY_SECONDS": RETRY_DELAY_SECONDS,
    }

    def make(**settings: str) -> TestAirflow:
        return TestAirflow(tmp_path / "airflow", {**environment, **settings}, airflow_database)

    return make


def test_a_dag_run_for_one_date_fills_every_curated_partition_of_that_dt(lake, artists, airflow_home):
    dt = days_ago(1)
    airflow = airflow_home()

    airflow.cli("dags", "test", DAG_ID, dt, timeout=300)

    [run] = airflow.dag_runs()
    assert run["state"] == "success", airflow.failures()
    assert {ti["state"] for ti in airflow.task_instances()} == {"success"}, airflow.failures()
    counted = lake.curated_rows(dt)
    assert counted == {dataset: lake.manifest(dataset, dt)["rows"] for dataset in DATASETS}
    assert counted["artists"] == artists.rows, "every row of the artists table, the unknown and malformed ids too"
    assert counted["top_tracks"] == TOP_TRACKS_PER_ARTIST * artists.artists
    assert counted["audio_features"] > 0


def test_a_backfill_of_three_past_days_run_by_the_scheduler_gives_three_partitions(lake, artists, airflow_home):
    days = [days_ago(3), days_ago(2), days_ago(1)]
    # The scheduler runs no run of a paused DAG, backfills included. Unpaused with a start date ahead, the DAG
    # catches up nothing: the backfill's runs are the only runs.
    airflow = airflow_home(SPOTIFY_LAKE_START_DATE=days_ago(-30), AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION="False")

    airflow.start_scheduler()
    try:
        airflow.cli("backfill", "create", "--dag-id", DAG_ID, "--from-date", days[0], "--to-date", days[-1])
        runs = wait_until(lambda: finished_runs(airflow, 3), 300, airflow.failures, interval=2)
    finally:
        airflow.stop_scheduler()

    assert [(run["run_type"], run["state"]) for run in runs] == [("backfill", "success")] * 3, airflow.failures()
    for dataset in DATASETS:
        partitions = trino(f"SELECT dt, count(*) AS n FROM hive.{lake.schema}.{dataset} GROUP BY dt ORDER BY dt")
        assert [row["dt"] for row in partitions] == days, dataset
        assert all(row["n"] > 0 for row in partitions), dataset


def test_a_fetch_failed_by_spotify_503s_succeeds_on_its_retry_and_the_lake_holds_no_duplicates(
    stack, lake, artists, airflow_home, tmp_path
):
    dt = days_ago(1)
    simulator = Simulator(stack, tmp_path / "simulator.log")
    try:
        # Longer than the client's own retries (6 attempts over about 15 s): the task fails, Airflow retries it.
        simulator.configure(outage={"endpoint": "top-tracks", "status": 503, "seconds": 600})
        airflow = airflow_home(**simulator.environment)
        dag_test = airflow.start("dags", "test", DAG_ID, dt, log="dags-test.log")
        try:
            wait_until(
                lambda: fetch_tracks(airflow) == ("up_for_retry", 1),
                180,
                lambda: f"{FETCH_TRACKS} to fail once:\n{tail(airflow.home / 'dags-test.log')}",
                interval=0.2,
            )
            simulator.configure(outage=None)  # Spotify is back before the retry starts, 5 to 10 s later
            assert dag_test.wait(timeout=300) == 0, tail(airflow.home / "dags-test.log", 80)
        finally:
            stop_session(dag_test)
        top_tracks_calls = simulator.counters("top-tracks")
    finally:
        simulator.stop()

    assert fetch_tracks(airflow) == ("success", 2)
    assert top_tracks_calls.get("503", 0) >= 6, f"the first try gave up after its attempts: {top_tracks_calls}"
    assert top_tracks_calls.get("200") == artists.artists, f"the retry asked once per artist: {top_tracks_calls}"
    [curated] = trino(
        f"SELECT count(*) AS tracks, count(DISTINCT (artist_id, market, track_id)) AS distinct_tracks "
        f"FROM hive.{lake.schema}.top_tracks WHERE dt = '{dt}'"
    )
    assert curated == {"tracks": TOP_TRACKS_PER_ARTIST * artists.artists, "distinct_tracks": curated["tracks"]}
    [raw] = trino(
        f"SELECT count(*) AS answers, count(DISTINCT artist_id) AS artists "
        f"FROM hive.{lake.schema}.raw_top_tracks WHERE dt = '{dt}'"
    )
    assert raw["answers"] == raw["artists"] >= artists.artists, "one raw answer per artist"


def finished_runs(airflow: TestAirflow, expected: int) -> list[dict] | None:
    runs = airflow.dag_runs()
    done = len(runs) == expected and all(run["state"] in ("success", "failed") for run in runs)
    return runs if done else None


def fetch_tracks(airflow: TestAirflow) -> tuple[str, int] | None:
    for ti in airflow.task_instances():
        if ti["task_id"] == FETCH_TRACKS:
            return ti["state"], ti["try_number"]
    return None
