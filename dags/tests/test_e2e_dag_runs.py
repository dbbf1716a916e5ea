"""End to end on the local stack: the DAG run by Airflow (`airflow dags test` for one date, a backfill run by a
scheduler), the lake read back through Trino.

Marked e2e: make test runs them (it starts the stack); `pytest -m "not e2e"` leaves them out. Each test has a
lake, an artist database and an Airflow home of its own (see e2e_support), and removes them afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from e2e_support import (
    DAG_ID,
    DATASETS,
    TOP_TRACKS_PER_ARTIST,
    Simulator,
    TestAirflow,
    migrated_database,
    stop_session,
    tail,
    task_jar,
    trino,
    utc_days_ago,
    wait_until,
)

pytestmark = pytest.mark.e2e

# The first retry waits 5 to 10 s instead of 1 to 2 min.
RETRY_DELAY_SECONDS = "5"
FETCH_TRACKS = "fetch_tracks_raw_json"
TASK_IDS = (
    "extract_artists",
    FETCH_TRACKS,
    "fetch_audio_features_raw_json",
    *(f"{step}__{dataset}" for step in ("flatten_to_parquet", "load_s3") for dataset in DATASETS),
    "compute_artist_similarity",
    "load_s3__artist_similarity",
    "repair_athena_partitions",
    "load_dynamodb__top_tracks",
)


@pytest.fixture(scope="module")
def airflow_database(tmp_path_factory) -> Path:
    return migrated_database(tmp_path_factory.mktemp("airflow-template"))


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


def test_a_backfill_of_three_past_days_run_by_the_scheduler_gives_three_partitions(lake, artists, airflow_home):
    days = [utc_days_ago(3), utc_days_ago(2), utc_days_ago(1)]
    # The scheduler runs no run of a paused DAG, backfills included. Unpaused with a start date ahead, the DAG
    # catches up nothing: the backfill's runs are the only runs.
    airflow = airflow_home(
        SPOTIFY_LAKE_START_DATE=utc_days_ago(-30), AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION="False"
    )

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


def test_a_dag_run_for_one_date_outlasts_spotify_503s_by_a_retry_and_fills_each_curated_partition_once(
    stack, lake, artists, airflow_home, tmp_path
):
    dt = utc_days_ago(1)
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

    assert {(ti["task_id"], ti["state"], ti["try_number"]) for ti in airflow.task_instances()} == {
        (task_id, "success", 2 if task_id == FETCH_TRACKS else 1) for task_id in TASK_IDS
    }, airflow.failures()
    assert top_tracks_calls.get("503", 0) >= 6, f"the first try gave up after its attempts: {top_tracks_calls}"
    assert top_tracks_calls.get("200") == artists.artists, f"the retry asked once per artist: {top_tracks_calls}"
    counted = lake.curated_rows(dt)
    assert counted == {dataset: lake.manifest(dataset, dt)["rows"] for dataset in DATASETS}
    assert counted["artists"] == artists.spotify_ids, "every row with a Spotify id, unknown ones too"
    assert counted["top_tracks"] == TOP_TRACKS_PER_ARTIST * artists.artists
    assert counted["audio_features"] > 0
    similarity = lake.manifest("artist_similarity", dt)
    assert similarity["summary"]["records_in"] == artists.artists, "every artist with top tracks: compared or a reject"
    [curated] = trino(
        f"SELECT count(DISTINCT (artist_id, market, track_id)) AS tracks FROM hive.{lake.schema}.top_tracks "
        f"WHERE dt = '{dt}'"
    )
    assert curated["tracks"] == counted["top_tracks"], "no track twice"
    [served] = trino(
        f"SELECT count(DISTINCT (artist_id, track_id)) AS items FROM hive.{lake.schema}.top_tracks WHERE dt = '{dt}'"
    )
    assert lake.serving.count() == served["items"], "one item per artist and track in the serving store"
    [raw] = trino(
        f"SELECT count(*) AS answers, count(DISTINCT artist_id) AS artists "
        f"FROM hive.{lake.schema}.raw_top_tracks WHERE dt = '{dt}'"
    )
    assert raw["answers"] == raw["artists"] >= artists.artists, "one raw answer per artist"


def test_a_development_mode_app_gets_a_whole_lake_from_reccobeats_with_the_default_settings(
    stack, lake, artists, airflow_home, tmp_path
):
    dt = utc_days_ago(1)
    simulator = Simulator(stack, tmp_path / "simulator.log")
    try:
        # what Spotify answers an app registered in 2026: 403 on both endpoints the lake was built on
        simulator.configure(forbidden=["top-tracks", "audio-features"])
        airflow = airflow_home(**simulator.environment)
        dag_test = airflow.start("dags", "test", DAG_ID, dt, log="dags-test.log")
        try:
            assert dag_test.wait(timeout=600) == 0, tail(airflow.home / "dags-test.log", 80)
        finally:
            stop_session(dag_test)
        refused = {endpoint: simulator.counters(endpoint) for endpoint in ("top-tracks", "audio-features")}
    finally:
        simulator.stop()

    assert {(ti["task_id"], ti["state"]) for ti in airflow.task_instances()} == {
        (task_id, "success") for task_id in TASK_IDS
    }, airflow.failures()
    assert all(set(counters) == {"403"} for counters in refused.values()), f"Spotify only refused: {refused}"
    for dataset in ("top_tracks", "audio_features"):
        assert lake.raw_manifest(dataset, dt)["source"] == "reccobeats", dataset
        rows = trino(
            f"SELECT source, count(*) AS n FROM hive.{lake.schema}.{dataset} WHERE dt = '{dt}' GROUP BY source"
        )
        assert [row["source"] for row in rows] == ["reccobeats"] and rows[0]["n"] > 0, (dataset, rows)
    curated = trino(
        f"SELECT artist_id, market, rank, track_id, popularity FROM hive.{lake.schema}.top_tracks WHERE dt = '{dt}'"
    )
    expected = reccobeats_ranking(lake.raw_lines("top_tracks", dt), lake.raw_manifest("top_tracks", dt))
    assert sorted(tuple(row.values()) for row in curated) == sorted(expected)
    [features] = trino(
        f"SELECT count(*) AS n, count(time_signature) AS time_signatures FROM hive.{lake.schema}.audio_features "
        f"WHERE dt = '{dt}' AND track_id IN (SELECT track_id FROM hive.{lake.schema}.top_tracks WHERE dt = '{dt}')"
    )
    assert features == {"n": lake.curated_rows(dt)["audio_features"], "time_signatures": 0}
    assert lake.manifest("artist_similarity", dt)["rows"] > 0, "similarity computed from ReccoBeats' features"
    [served] = trino(
        f"SELECT count(DISTINCT (artist_id, track_id)) AS items FROM hive.{lake.schema}.top_tracks WHERE dt = '{dt}'"
    )
    assert lake.serving.count() == served["items"] > 0, "one item per artist and track in the serving store"


def reccobeats_ranking(lines: list[dict], manifest: dict) -> list[tuple]:
    """An artist's top tracks in a market, as docs/sources.md defines them, from the raw pages of its tracks:
    its 10 most popular distinct tracks (by the Spotify id in href, first listed) available there, ties by id."""
    tracks_by_artist: dict[str, dict[str, dict]] = {}
    for line in sorted((line for line in lines if "artist_id" in line), key=lambda line: line["page"]):
        tracks = tracks_by_artist.setdefault(line["artist_id"], {})
        for track in line["body"]["content"]:
            track_id = str(track.get("href", "")).removeprefix("https://open.spotify.com/track/")
            if len(track_id) == 22 and track_id.isalnum() and isinstance(track.get("popularity"), int):
                tracks.setdefault(track_id, track)
    ranking = []
    for artist, tracks in tracks_by_artist.items():
        for market in manifest["summary"]["input"]["markets"]:
            available = [
                (-track["popularity"], track_id)
                for track_id, track in tracks.items()
                if market in [country.strip() for country in track.get("availableCountries", "").split(",")]
            ]
            for rank, (popularity, track_id) in enumerate(sorted(available)[:10], start=1):
                ranking.append((artist, market, rank, track_id, -popularity))
    return ranking


def finished_runs(airflow: TestAirflow, expected: int) -> list[dict] | None:
    runs = airflow.dag_runs()
    done = len(runs) == expected and all(run["state"] in ("success", "failed") for run in runs)
    return runs if done else None


def fetch_tracks(airflow: TestAirflow) -> tuple[str, int] | None:
    for ti in airflow.task_instances():
        if ti["task_id"] == FETCH_TRACKS:
            return ti["state"], ti["try_number"]
    return None
