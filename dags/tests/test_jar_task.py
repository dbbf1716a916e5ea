"""A task of the DAG run whole against a stand-in java: its command line, environment, XCom and what it keeps secret."""

from __future__ import annotations

import json
import os
import stat
from types import SimpleNamespace

import pendulum
import pytest
import structlog
from airflow.sdk._shared.secrets_masker import redact
from airflow.sdk.exceptions import AirflowFailException

from conftest import load_dag_module
from spotify_lake.environment import CONNECTION_VARIABLES, connections_from_environment
from spotify_lake.jar_task import jar_task
from spotify_lake.jvm import DEFAULT_JVM_OPTIONS, JVM_OPTIONS_VARIABLE

SPOTIFY_SECRET = "spotify-secret-0f4c2a"
AWS_SECRET = "aws-secret-9b71e3"
MYSQL_PASSWORD = "mysql-password-5d8e1c"
# What a task of a run with logical date 2026-11-20 finds in its context (a few hours after it was due).
CONTEXT = {
    "dag_run": SimpleNamespace(
        logical_date=pendulum.datetime(2026, 11, 20, tz="UTC"), run_after=pendulum.datetime(2026, 11, 20, 2, tz="UTC")
    )
}

# Records how it was called, then behaves like a task of the jar.
FAKE_JAVA = """#!/bin/sh
printf '%s\\n' "$@" > "$CAPTURE/argv"
env > "$CAPTURE/env"
while [ $# -gt 0 ] && [ "$1" != "-jar" ]; do shift; done
echo "fake java: $3 done" >&2
echo '{"rows": 3}'
"""


@pytest.fixture
def capture(tmp_path, monkeypatch):
    """A JAVA_HOME whose java records its arguments and environment in the returned directory."""
    java_home = tmp_path / "jdk"
    (java_home / "bin").mkdir(parents=True)
    java = java_home / "bin" / "java"
    java.write_text(FAKE_JAVA)
    java.chmod(java.stat().st_mode | stat.S_IEXEC)
    jar = tmp_path / "spotify-lake.jar"
    jar.write_bytes(b"")
    monkeypatch.setenv("JAVA_HOME", str(java_home))
    monkeypatch.setenv("SPOTIFY_LAKE_JAR", str(jar))
    monkeypatch.setenv("CAPTURE", str(tmp_path))
    monkeypatch.delenv(JVM_OPTIONS_VARIABLE, raising=False)
    for name in ("MYSQL", "AWS", "SPOTIFY"):
        monkeypatch.delenv(f"AIRFLOW_CONN_SPOTIFY_LAKE_{name}", raising=False)
    return tmp_path


def define_connection(monkeypatch, connection_id: str, **fields) -> None:
    monkeypatch.setenv(f"AIRFLOW_CONN_{connection_id.upper()}", json.dumps({"conn_type": "generic", **fields}))


def define_all_connections(monkeypatch) -> None:
    define_connection(
        monkeypatch,
        "spotify_lake_mysql",
        login="lake",
        password=MYSQL_PASSWORD,
        extra={"jdbc_url": "jdbc:mysql://mysql.internal:3306/spotify"},
    )
    define_connection(
        monkeypatch,
        "spotify_lake_aws",
        login="AKIAEXAMPLE",
        password=AWS_SECRET,
        extra={
            "region_name": "eu-west-1",
            "lake_uri": "s3://lake-bucket/prefix",
            "query_engine": "athena",
            "athena_database": "spotify_lake",
            "athena_workgroup": "lake",
            "athena_output_location": "s3://lake-bucket/athena/",
            "dynamodb_table": "top_tracks_prod",
        },
    )
    define_connection(
        monkeypatch,
        "spotify_lake_spotify",
        login="client-id",
        password=SPOTIFY_SECRET,
        extra={
            "api_url": "https://api.example/v1",
            "accounts_url": "https://accounts.example",
            "reccobeats_api_url": "https://reccobeats.example/v1",
            "top_tracks_source": "reccobeats",
            "audio_features_source": "auto",
        },
    )


def run(task):
    task.render_template_fields(CONTEXT)
    return task.execute(CONTEXT)


def recorded_environment(capture) -> dict[str, str]:
    return dict(line.split("=", 1) for line in (capture / "env").read_text().splitlines() if "=" in line)


def test_a_task_runs_the_jar_with_its_subcommand_the_runs_dt_and_its_dataset(capture):
    summary = run(jar_task("load-s3", "top_tracks"))

    assert (capture / "argv").read_text().splitlines() == [
        *DEFAULT_JVM_OPTIONS,
        "-jar",
        os.environ["SPOTIFY_LAKE_JAR"],
        "load-s3",
        "--dt",
        "2026-11-20",
        "--dataset",
        "top_tracks",
    ]
    assert summary == {"rows": 3}, "the summary line is the task's return value, which Airflow pushes to XCom"


def test_a_tasks_options_follow_its_dt_and_dataset(capture):
    run(jar_task("load-dynamodb", "top_tracks", options=["--create-table"]))

    argv = (capture / "argv").read_text().splitlines()
    assert argv[argv.index("-jar") + 2 :] == [
        "load-dynamodb",
        "--dt",
        "2026-11-20",
        "--dataset",
        "top_tracks",
        "--create-table",
    ]


def test_a_run_without_a_logical_date_writes_the_utc_date_it_was_triggered_on(capture):
    # Such a run (airflow dags trigger without --logical-date) has no ds in its context, and the DAG's own
    # template environment, which the task uses, fails on undefined names.
    triggered = {
        "dag_run": SimpleNamespace(logical_date=None, run_after=pendulum.datetime(2026, 11, 23, 23, 59, tz="UTC"))
    }
    task = load_dag_module().dag.get_task("extract_artists")

    task.render_template_fields(triggered)
    task.execute(triggered)

    argv = (capture / "argv").read_text().splitlines()
    assert argv[argv.index("-jar") + 2 :] == ["extract-artists", "--dt", "2026-11-23"]


def test_jvm_options_from_the_environment_replace_the_defaults(capture, monkeypatch):
    monkeypatch.setenv(JVM_OPTIONS_VARIABLE, "-Xmx1g '-Dspotify.note=two words'")

    run(jar_task("extract-artists"))

    argv = (capture / "argv").read_text().splitlines()
    assert argv[: argv.index("-jar")] == ["-Xmx1g", "-Dspotify.note=two words"]


def test_blank_jvm_options_keep_the_defaults_and_unsplittable_ones_fail_without_retry(capture, monkeypatch):
    monkeypatch.setenv(JVM_OPTIONS_VARIABLE, "  ")
    run(jar_task("extract-artists"))
    argv = (capture / "argv").read_text().splitlines()
    assert argv[: argv.index("-jar")] == list(DEFAULT_JVM_OPTIONS)

    monkeypatch.setenv(JVM_OPTIONS_VARIABLE, "-Xmx1g '-Dunclosed")
    with pytest.raises(AirflowFailException, match="SPOTIFY_LAKE_JVM_OPTIONS is not a list of shell words"):
        run(jar_task("extract-artists"))


def test_the_connections_reach_the_task_process_as_the_variables_the_jar_reads(capture, monkeypatch):
    define_all_connections(monkeypatch)

    run(jar_task("extract-artists"))

    environment = recorded_environment(capture)
    expected = {
        "MYSQL_JDBC_URL": "jdbc:mysql://mysql.internal:3306/spotify",
        "MYSQL_USER": "lake",
        "MYSQL_PASSWORD": MYSQL_PASSWORD,
        "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": AWS_SECRET,
        "AWS_REGION": "eu-west-1",
        "LAKE_URI": "s3://lake-bucket/prefix",
        "QUERY_ENGINE": "athena",
        "ATHENA_DATABASE": "spotify_lake",
        "ATHENA_WORKGROUP": "lake",
        "ATHENA_OUTPUT_LOCATION": "s3://lake-bucket/athena/",
        "DYNAMODB_TABLE": "top_tracks_prod",
        "SPOTIFY_CLIENT_ID": "client-id",
        "SPOTIFY_CLIENT_SECRET": SPOTIFY_SECRET,
        "SPOTIFY_API_URL": "https://api.example/v1",
        "SPOTIFY_ACCOUNTS_URL": "https://accounts.example",
        "RECCOBEATS_API_URL": "https://reccobeats.example/v1",
        "TOP_TRACKS_SOURCE": "reccobeats",
        "AUDIO_FEATURES_SOURCE": "auto",
    }
    assert {name: environment.get(name) for name in expected} == expected


def test_connections_preset_from_the_local_stacks_settings_give_the_task_process_those_settings(capture, monkeypatch):
    settings = {
        "LAKE_URI": "s3://spotify-lake",
        "AWS_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": "http://127.0.0.1:19000",
        "AWS_ACCESS_KEY_ID": "lake-access-key",
        "AWS_SECRET_ACCESS_KEY": AWS_SECRET,
        "MYSQL_JDBC_URL": "jdbc:mysql://127.0.0.1:13306/spotify?connectionCollation=utf8mb4_unicode_ci",
        "MYSQL_USER": "lake",
        "MYSQL_PASSWORD": MYSQL_PASSWORD,
        "SPOTIFY_CLIENT_ID": "local-client-id",
        "SPOTIFY_CLIENT_SECRET": SPOTIFY_SECRET,
        "SPOTIFY_API_URL": "http://127.0.0.1:18090/v1",
        "SPOTIFY_ACCOUNTS_URL": "http://127.0.0.1:18090",
        "RECCOBEATS_API_URL": "http://127.0.0.1:18090/reccobeats/v1",
        "TOP_TRACKS_SOURCE": "auto",
        "QUERY_ENGINE": "trino",
        "ATHENA_DATABASE": "spotify_lake",
        "TRINO_URL": "jdbc:trino://127.0.0.1:18080/hive/spotify_lake",
        "TRINO_USER": "spotify-lake",
        "AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:18100",
        "DYNAMODB_TABLE": "top_tracks",
    }
    for connection_id, connection in connections_from_environment(settings).items():
        extra = connection.pop("extra_dejson")
        define_connection(monkeypatch, connection_id, **connection, extra=extra)
    for name in (name for variables in CONNECTION_VARIABLES.values() for name in variables):
        monkeypatch.delenv(name, raising=False)

    run(jar_task("extract-artists"))

    environment = recorded_environment(capture)
    assert {name: environment[name] for name in settings if name in environment} == settings


def test_without_connections_the_task_process_keeps_the_workers_environment(capture, monkeypatch):
    monkeypatch.setenv("MYSQL_JDBC_URL", "jdbc:mysql://127.0.0.1:13306/spotify")
    monkeypatch.setenv("SPOTIFY_CLIENT_SECRET", SPOTIFY_SECRET)
    define_connection(monkeypatch, "spotify_lake_aws", extra={"lake_uri": "s3://from-the-connection"})
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "from-the-environment")

    run(jar_task("extract-artists"))

    environment = recorded_environment(capture)
    assert environment["MYSQL_JDBC_URL"] == "jdbc:mysql://127.0.0.1:13306/spotify"
    assert environment["SPOTIFY_CLIENT_SECRET"] == SPOTIFY_SECRET
    assert environment["LAKE_URI"] == "s3://from-the-connection"
    assert environment["AWS_ACCESS_KEY_ID"] == "from-the-environment", "an empty field of a connection falls back too"


def test_secrets_appear_in_no_rendered_template_xcom_value_or_log_line(capture, monkeypatch):
    define_all_connections(monkeypatch)
    monkeypatch.delenv("AIRFLOW_CONN_SPOTIFY_LAKE_MYSQL")
    monkeypatch.setenv("MYSQL_PASSWORD", MYSQL_PASSWORD)
    task = jar_task("fetch-tracks-raw-json")

    with structlog.testing.capture_logs() as logs:
        summary = run(task)

    secrets = (SPOTIFY_SECRET, AWS_SECRET, MYSQL_PASSWORD)
    exposed = {
        "rendered templates": json.dumps({field: getattr(task, field) for field in task.template_fields}),
        "XCom": json.dumps(summary),
        "log": json.dumps(logs, default=str),
    }
    assert "fake java: fetch-tracks-raw-json done" in exposed["log"], "the task's stderr is in the log"
    for where, text in exposed.items():
        assert not any(secret in text for secret in secrets), f"a secret in the {where}: {text}"
    for secret in secrets:
        assert redact(f"the jar echoed {secret}") == "the jar echoed ***", "Airflow masks it in the task log"


def test_a_task_without_a_configured_jar_fails_at_once(capture, monkeypatch):
    monkeypatch.delenv("SPOTIFY_LAKE_JAR")

    with pytest.raises(AirflowFailException, match="set SPOTIFY_LAKE_JAR or the Airflow Variable spotify_lake_jar"):
        run(jar_task("extract-artists"))
