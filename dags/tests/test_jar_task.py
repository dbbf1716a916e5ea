"""A task of the DAG run whole against a stand-in java: its command line, environment, XCom and what it keeps secret."""

from __future__ import annotations

import json
import os
import stat
import threading
import time
from types import SimpleNamespace

import pendulum
import pytest
import structlog
from airflow.sdk._shared.secrets_masker import redact
from airflow.sdk.exceptions import AirflowException, AirflowFailException, AirflowSkipException

from conftest import load_dag_module
from spotify_lake.environment import CONNECTIONS, connections_from_environment
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

# Records how it was called, then behaves like a task of the jar: logs on stderr in the jar's format, the summary
# last on stdout, and exit 0; or, with FAKE_EXIT set, its one-line error and that exit code; with FAKE_SLEEP, it
# waits for a signal.
FAKE_JAVA = """#!/bin/sh
printf '%s\\n' "$@" > "$CAPTURE/argv"
env > "$CAPTURE/env"
while [ $# -gt 0 ] && [ "$1" != "-jar" ]; do shift; done
echo "2026-11-20T08:00:01.120+0000 INFO FakeTask - $3 started" >&2
echo "2026-11-20T08:00:01.130+0000 WARN FakeTask - late snapshot: dt=2026-11-20 was fetched on 2026-11-22" >&2
[ -n "$FAKE_SLEEP" ] && exec sleep "$FAKE_SLEEP"
if [ -n "$FAKE_EXIT" ]; then
    echo "error: the last words before exit $FAKE_EXIT" >&2
    exit "$FAKE_EXIT"
fi
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
    monkeypatch.delenv("FAKE_EXIT", raising=False)
    monkeypatch.delenv("FAKE_SLEEP", raising=False)
    forget_connections(monkeypatch)
    return tmp_path


def forget_connections(monkeypatch) -> None:
    """No connection of the worker's environment, and the connections' default ids."""
    for settings in CONNECTIONS:
        for connection_id in (settings.default_id, settings.legacy_id):
            if connection_id:
                monkeypatch.delenv(f"AIRFLOW_CONN_{connection_id.upper()}", raising=False)
        if settings.id_variable:
            monkeypatch.delenv(settings.id_variable, raising=False)


def define_connection(monkeypatch, connection_id: str, conn_type: str = "generic", **fields) -> None:
    monkeypatch.setenv(f"AIRFLOW_CONN_{connection_id.upper()}", json.dumps({"conn_type": conn_type, **fields}))


def define_all_connections(monkeypatch) -> None:
    define_connection(
        monkeypatch,
        "mysql_default",
        "mysql",
        host="mysql.internal",
        port=3306,
        schema="spotify",
        login="lake",
        password=MYSQL_PASSWORD,
    )
    define_connection(
        monkeypatch,
        "aws_default",
        "aws",
        login="AKIAEXAMPLE",
        password=AWS_SECRET,
        extra={
            "region_name": "eu-west-1",
            "lake_uri": "s3://lake-bucket/prefix",
            "query_engine": "athena",
            "lake_database": "spotify_lake",
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
        "LAKE_DATABASE": "spotify_lake",
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
        "LAKE_DATABASE": "spotify_lake",
        "TRINO_URL": "jdbc:trino://127.0.0.1:18080/hive/spotify_lake",
        "TRINO_USER": "spotify-lake",
        "AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:18100",
        "DYNAMODB_TABLE": "top_tracks",
    }
    for connection_id, connection in connections_from_environment(settings).items():
        extra = connection.pop("extra_dejson")
        define_connection(monkeypatch, connection_id, **connection, extra=extra)
    for name in (name for settings in CONNECTIONS for name in settings.variables):
        monkeypatch.delenv(name, raising=False)

    run(jar_task("extract-artists"))

    environment = recorded_environment(capture)
    assert {name: environment[name] for name in settings if name in environment} == settings


def test_without_connections_the_task_process_keeps_the_workers_environment(capture, monkeypatch):
    monkeypatch.setenv("MYSQL_JDBC_URL", "jdbc:mysql://127.0.0.1:13306/spotify")
    monkeypatch.setenv("SPOTIFY_CLIENT_SECRET", SPOTIFY_SECRET)
    define_connection(monkeypatch, "aws_default", "aws", extra={"lake_uri": "s3://from-the-connection"})
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "from-the-environment")

    run(jar_task("extract-artists"))

    environment = recorded_environment(capture)
    assert environment["MYSQL_JDBC_URL"] == "jdbc:mysql://127.0.0.1:13306/spotify"
    assert environment["SPOTIFY_CLIENT_SECRET"] == SPOTIFY_SECRET
    assert environment["LAKE_URI"] == "s3://from-the-connection"
    assert environment["AWS_ACCESS_KEY_ID"] == "from-the-environment", "an empty field of a connection falls back too"


def test_secrets_appear_in_no_rendered_template_xcom_value_or_log_line(capture, monkeypatch):
    define_all_connections(monkeypatch)
    monkeypatch.delenv("AIRFLOW_CONN_MYSQL_DEFAULT")
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
    assert "FakeTask - fetch-tracks-raw-json started" in exposed["log"], "the task's stderr is in the log"
    for where, text in exposed.items():
        assert not any(secret in text for secret in secrets), f"a secret in the {where}: {text}"
    for secret in secrets:
        assert redact(f"the jar echoed {secret}") == "the jar echoed ***", "Airflow masks it in the task log"


def test_a_task_without_a_configured_jar_fails_at_once(capture, monkeypatch):
    monkeypatch.delenv("SPOTIFY_LAKE_JAR")

    with pytest.raises(AirflowFailException, match="set SPOTIFY_LAKE_JAR or the Airflow Variable spotify_lake_jar"):
        run(jar_task("extract-artists"))


def test_exit_99_skips_the_task(capture, monkeypatch):
    monkeypatch.setenv("FAKE_EXIT", "99")

    with pytest.raises(AirflowSkipException, match=r"Nothing to do for this dt \(exit 99\)"):
        run(jar_task("extract-artists"))


def test_exit_2_fails_the_task_without_a_retry_and_says_why(capture, monkeypatch):
    monkeypatch.setenv("FAKE_EXIT", "2")

    with pytest.raises(AirflowFailException, match=r"a retry cannot help \(exit 2\): error: the last words before"):
        run(jar_task("extract-artists"))


def test_exit_1_fails_the_task_for_a_retry(capture, monkeypatch):
    monkeypatch.setenv("FAKE_EXIT", "1")

    with pytest.raises(AirflowException, match=r"a retry may help \(exit 1\): error: the last words") as failure:
        run(jar_task("extract-artists"))

    assert type(failure.value) is AirflowException, "neither a skip nor a failure that forbids retries"


def test_a_java_that_cannot_start_fails_the_task_without_a_retry(capture, monkeypatch):
    monkeypatch.setenv("JAVA_HOME", str(capture / "no-jdk"))

    with pytest.raises(AirflowFailException, match="Cannot start .*/no-jdk/bin/java: No such file or directory"):
        run(jar_task("extract-artists"))


def test_a_last_line_that_is_not_json_is_reported_but_does_not_fail_a_finished_task(capture):
    java = capture / "jdk" / "bin" / "java"
    java.write_text("#!/bin/sh\necho 'done, no summary'\n")

    with structlog.testing.capture_logs() as logs:
        assert run(jar_task("extract-artists")) is None

    warnings = [log["event"] for log in logs if log["log_level"] == "warning"]
    assert warnings[-1:] == ["The last line of the output is not the JSON summary the task should print"]


def test_the_jars_log_lines_keep_their_level_and_lose_the_jars_timestamp(capture):
    with structlog.testing.capture_logs() as logs:
        run(jar_task("fetch-tracks-raw-json"))

    lines = {log["event"]: log["log_level"] for log in logs}
    assert lines["FakeTask - fetch-tracks-raw-json started"] == "info"
    assert lines["FakeTask - late snapshot: dt=2026-11-20 was fetched on 2026-11-22"] == "warning"
    assert not any(line.startswith("2026-11-20T08") for line in lines), "the task log has its own timestamps"


def test_the_one_line_error_of_a_failed_task_is_an_error_in_the_log(capture, monkeypatch):
    monkeypatch.setenv("FAKE_EXIT", "1")

    with structlog.testing.capture_logs() as logs, pytest.raises(AirflowException):
        run(jar_task("extract-artists"))

    errors = [log["event"] for log in logs if log["log_level"] == "error"]
    assert errors == ["error: the last words before exit 1"]


def test_killing_the_task_stops_its_process_so_that_no_retry_overlaps_it(capture, monkeypatch):
    monkeypatch.setenv("FAKE_SLEEP", "60")
    task = jar_task("extract-artists")
    task.render_template_fields(CONTEXT)
    outcome: list[BaseException] = []

    def execute():
        try:
            task.execute(CONTEXT)
        except AirflowException as failure:
            outcome.append(failure)

    runner = threading.Thread(target=execute)
    started = time.monotonic()
    runner.start()
    while not (capture / "env").exists() and time.monotonic() - started < 10:
        time.sleep(0.05)
    time.sleep(0.2)
    task.on_kill()
    runner.join(timeout=10)

    assert not runner.is_alive()
    assert time.monotonic() - started < 10
    assert "exit -15" in str(outcome[0])
