"""The DAG as Airflow parses it: a clean import, the tasks in order, and retries, pools and dates as intended."""

from __future__ import annotations

import re
import socket
import sqlite3
from datetime import timedelta

import pendulum
import pytest
from airflow.dag_processing.dagbag import BundleDagBag
from airflow.sdk import BaseHook, TriggerRule, Variable
from airflow.serialization.serialized_objects import DagSerialization
from airflow.timetables.base import TimeRestriction
from markdown_it import MarkdownIt

from conftest import DAG_FILE, DAGS, REPOSITORY, load_dag_module
from spotify_lake.environment import DAG_DEFAULTS


@pytest.fixture(scope="module")
def dag():
    return load_dag_module().dag


def test_the_dag_folder_holds_one_dag_and_parses_without_errors():
    dag_bag = BundleDagBag(dag_folder=DAGS, bundle_path=DAGS)

    assert dag_bag.import_errors == {}
    assert dag_bag.dag_ids == ["spotify_lake"]
    assert list(dag_bag.file_last_changed) == [str(DAG_FILE)], "helpers and tests are in .airflowignore"


def test_parsing_touches_no_database_network_connection_or_variable(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("the DAG file's top level must not reach outside the process")

    monkeypatch.setattr(socket.socket, "connect", forbidden)
    monkeypatch.setattr(sqlite3, "connect", forbidden)
    monkeypatch.setattr(BaseHook, "get_connection", forbidden)
    monkeypatch.setattr(Variable, "get", forbidden)

    assert len(load_dag_module().dag.tasks) == 13


def test_the_dag_is_daily_catches_up_bounds_its_runs_and_documents_itself(dag):
    module = load_dag_module()

    assert dag.dag_id == "spotify_lake"
    assert dag.catchup is True
    assert dag.max_active_runs == 2
    assert dag.doc_md == module.__doc__
    assert set(dag.tags) == {"spotify-lake", "data-lake"}


def test_the_documentation_shows_every_task_in_a_code_block_one_step_a_line(dag):
    """Airflow 3.3's UI renders doc_md as CommonMark with GFM (react-markdown), and its code component shows a
    block as a block only when it names a language (`language-<x>`): an indented block, or a fence without a
    language, becomes inline code and its lines run together. Checked on the doc_md the UI receives."""
    doc_md = DagSerialization.from_dict(DagSerialization.to_dict(dag)).doc_md
    tokens = MarkdownIt("commonmark").enable("table").parse(doc_md)

    assert not [token for token in tokens if token.type == "code_block"], "no indented code block"
    assert all(token.info.strip() for token in tokens if token.type == "fence"), "every fence names a language"
    chains = [token.content for token in tokens if token.type == "fence" and "extract_artists ->" in token.content]
    assert len(chains) == 1, "the task chain is one fenced code block"
    steps = chains[0].splitlines()
    assert len(steps) >= 4 and all("->" in step for step in steps), steps
    # "flatten_to_parquet__<dataset>" stands for the task of each dataset
    names = re.findall(r"[\w<>]+", chains[0])
    documented = re.compile("|".join(re.escape(name).replace("<dataset>", r"\w+") for name in names))
    assert [task_id for task_id in dag.task_ids if not documented.fullmatch(task_id)] == []
    assert any(token.type == "table_open" for token in tokens), "the Assets table renders as a table"


def test_each_run_writes_the_dt_of_its_logical_date_one_day_after_another(monkeypatch):
    monkeypatch.setenv("SPOTIFY_LAKE_START_DATE", "2026-11-20")
    dag = DagSerialization.from_dict(DagSerialization.to_dict(load_dag_module().dag))
    restriction = TimeRestriction(earliest=dag.start_date, latest=None, catchup=True)

    first = dag.timetable.next_dagrun_info(last_automated_data_interval=None, restriction=restriction)
    second = dag.timetable.next_dagrun_info(last_automated_data_interval=first.data_interval, restriction=restriction)

    assert first.logical_date == pendulum.datetime(2026, 11, 20, tz="UTC")
    assert first.data_interval.start == first.data_interval.end == first.logical_date
    assert first.run_after == first.logical_date, "the run for dt=D starts at D 00:00 UTC"
    assert second.logical_date == pendulum.datetime(2026, 11, 21, tz="UTC")


def test_the_start_date_comes_from_SPOTIFY_LAKE_START_DATE(monkeypatch):
    monkeypatch.setenv("SPOTIFY_LAKE_START_DATE", "2026-10-01")

    assert load_dag_module().dag.start_date == pendulum.datetime(2026, 10, 1, tz="UTC")


def test_tasks_follow_the_data_from_raw_to_the_catalog(dag):
    upstream = {task.task_id: task.upstream_task_ids for task in dag.tasks}

    assert upstream == {
        "extract_artists": set(),
        "fetch_tracks_raw_json": {"extract_artists"},
        "fetch_audio_features_raw_json": {"fetch_tracks_raw_json"},
        "flatten_to_parquet__artists": {"extract_artists"},
        "flatten_to_parquet__top_tracks": {"fetch_tracks_raw_json"},
        "flatten_to_parquet__audio_features": {"fetch_audio_features_raw_json"},
        "load_s3__artists": {"flatten_to_parquet__artists"},
        "load_s3__top_tracks": {"flatten_to_parquet__top_tracks"},
        "load_s3__audio_features": {"flatten_to_parquet__audio_features"},
        "compute_artist_similarity": {"load_s3__top_tracks", "load_s3__audio_features"},
        "load_s3__artist_similarity": {"compute_artist_similarity"},
        "repair_athena_partitions": {
            "load_s3__artists",
            "load_s3__top_tracks",
            "load_s3__audio_features",
            "load_s3__artist_similarity",
        },
        "load_dynamodb__top_tracks": {"load_s3__top_tracks"},
    }


def test_the_serving_store_is_loaded_by_one_run_at_a_time_and_creates_its_table(dag):
    load = dag.get_task("load_dynamodb__top_tracks")
    concurrency = {task.task_id: task.max_active_tis_per_dag for task in dag.tasks}

    assert concurrency.pop("load_dynamodb__top_tracks") == 1, "two loads could both read an artist before writing"
    assert set(concurrency.values()) == {None}
    assert load.arguments[-1] == "--create-table"


def test_only_the_fetch_tasks_take_a_slot_of_the_spotify_api_pool(dag):
    pools = {task.task_id: (task.pool, task.pool_slots) for task in dag.tasks}

    assert {task_id for task_id, (pool, _) in pools.items() if pool == "spotify_api"} == {
        "fetch_tracks_raw_json",
        "fetch_audio_features_raw_json",
    }
    assert pools["fetch_tracks_raw_json"] == ("spotify_api", 1)
    assert {pool for pool, _ in pools.values()} == {"spotify_api", "default_pool"}


def test_every_task_retries_with_an_exponential_backoff_up_to_a_cap(dag):
    for task in dag.tasks:
        assert task.retries == 4, task.task_id
        assert task.retry_delay == timedelta(minutes=1), task.task_id
        assert task.retry_exponential_backoff == 2.0, task.task_id
        assert task.max_retry_delay == timedelta(minutes=30), task.task_id


def test_the_first_retry_waits_SPOTIFY_LAKE_RETRY_DELAY_SECONDS_when_set(monkeypatch):
    monkeypatch.setenv("SPOTIFY_LAKE_RETRY_DELAY_SECONDS", "5")

    assert {task.retry_delay for task in load_dag_module().dag.tasks} == {timedelta(seconds=5)}


def test_skipped_datasets_do_not_keep_the_loaded_ones_out_of_the_catalog(dag):
    rules = {task.task_id: task.trigger_rule for task in dag.tasks}

    assert rules.pop("repair_athena_partitions") == TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS
    assert set(rules.values()) == {TriggerRule.ALL_SUCCESS}, "a skip (exit 99) skips what depends on it"


def test_skipped_audio_features_skip_the_similarity_and_leave_the_catalog_to_the_other_tables(dag):
    downstream = dag.partial_subset("load_s3__audio_features", include_downstream=True, include_upstream=False)

    assert {task.task_id for task in downstream.tasks} == {
        "load_s3__audio_features",
        "compute_artist_similarity",
        "load_s3__artist_similarity",
        "repair_athena_partitions",
    }
    assert dag.get_task("compute_artist_similarity").trigger_rule == TriggerRule.ALL_SUCCESS


def test_each_task_that_publishes_a_curated_table_declares_it_as_an_asset_under_LAKE_URI(monkeypatch):
    monkeypatch.setenv("LAKE_URI", "s3://my-lake/spotify/")

    outlets = {
        task.task_id: [(asset.name, asset.uri) for asset in task.outlets]
        for task in load_dag_module().dag.tasks
        if task.outlets
    }

    assert outlets == {
        f"load_s3__{table}": [(f"spotify_lake.curated.{table}", f"s3://my-lake/spotify/curated/{table}")]
        for table in ("artists", "top_tracks", "audio_features", "artist_similarity")
    }


def test_the_dag_documents_every_asset_it_publishes(dag):
    for task in dag.tasks:
        for asset in task.outlets:
            assert f"`{task.task_id}` | `{asset.name}`" in dag.doc_md


def test_the_dag_and_the_operations_page_name_the_same_settings_for_late_snapshots_and_optional_audio_features(dag):
    operations = (REPOSITORY / "docs/operations.md").read_text()

    for setting in ("`MAX_LATE_DAYS`", "`max_late_days`", "`AUDIO_FEATURES_OPTIONAL`", "`audio_features_optional`"):
        assert setting in dag.doc_md, setting
        assert setting in operations, setting
    assert DAG_DEFAULTS == {"AUDIO_FEATURES_OPTIONAL": "true"}
    assert re.search(r"default `true`\s+in the DAG", dag.doc_md)
    assert "`true` in the DAG" in operations
