"""Airflow's own connection types (aws, mysql) and the generic connections of earlier versions, as task settings."""

from __future__ import annotations

import pytest
import structlog
from test_jar_task import define_connection, forget_connections

from spotify_lake.environment import task_environment

LOG = structlog.get_logger("spotify_lake.tests")


@pytest.fixture(autouse=True)
def no_connections(monkeypatch):
    forget_connections(monkeypatch)


def settings(base: dict[str, str] | None = None) -> tuple[dict[str, str], list[dict]]:
    """The task environment from `base` and the connections defined, and what was logged making it."""
    with structlog.testing.capture_logs() as logs:
        environment = task_environment(LOG, base or {})
    return environment, logs


def test_aws_default_is_read_as_the_amazon_provider_reads_it_with_the_lakes_settings_as_extras(monkeypatch):
    define_connection(
        monkeypatch,
        "aws_default",
        "aws",
        login="ASIAEXAMPLE",
        password="secret",
        extra={
            "aws_session_token": "token",
            "region_name": "eu-west-1",
            "endpoint_url": "http://s3.internal:9000",
            "service_config": {
                "athena": {"endpoint_url": "http://athena.internal"},
                "dynamodb": {"endpoint_url": "http://dynamodb.internal"},
            },
            "lake_uri": "s3://lake/prefix",
            "lake_database": "second_lake",
            "max_late_days": 30,
            "dynamodb_table": "top_tracks_prod",
        },
    )

    environment, logs = settings()

    aws = {name: value for name, value in environment.items() if name.startswith(("AWS_", "LAKE_", "MAX_", "DYN"))}
    assert aws == {
        "AWS_ACCESS_KEY_ID": "ASIAEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "secret",
        "AWS_SESSION_TOKEN": "token",
        "AWS_REGION": "eu-west-1",
        "AWS_ENDPOINT_URL": "http://s3.internal:9000",
        "AWS_ENDPOINT_URL_ATHENA": "http://athena.internal",
        "AWS_ENDPOINT_URL_DYNAMODB": "http://dynamodb.internal",
        "LAKE_URI": "s3://lake/prefix",
        "LAKE_DATABASE": "second_lake",
        "MAX_LATE_DAYS": "30",
        "DYNAMODB_TABLE": "top_tracks_prod",
    }
    assert not [log for log in logs if log["log_level"] == "warning"]


def test_an_aws_connection_without_keys_leaves_the_credentials_to_the_workers_role(monkeypatch):
    define_connection(monkeypatch, "aws_default", "aws", extra={"region_name": "eu-west-1"})

    environment, _ = settings({"PATH": "/usr/bin"})

    assert "AWS_ACCESS_KEY_ID" not in environment
    assert environment["AWS_REGION"] == "eu-west-1"


def test_a_mysql_connection_gives_the_jdbc_url_of_its_host_port_and_schema(monkeypatch):
    define_connection(
        monkeypatch, "mysql_default", "mysql", host="db.internal", schema="spotify", login="lake", password="pw"
    )

    environment, _ = settings()

    assert environment["MYSQL_JDBC_URL"] == "jdbc:mysql://db.internal:3306/spotify"
    assert (environment["MYSQL_USER"], environment["MYSQL_PASSWORD"]) == ("lake", "pw")


def test_the_connection_ids_can_be_chosen(monkeypatch):
    define_connection(monkeypatch, "aws_default", "aws", extra={"lake_uri": "s3://not-this-one"})
    define_connection(monkeypatch, "aws_lake", "aws", extra={"lake_uri": "s3://this-one"})
    define_connection(monkeypatch, "artists_db", "mysql", host="db.internal", port=3307, schema="artists")

    environment, _ = settings({"SPOTIFY_LAKE_AWS_CONN_ID": "aws_lake", "SPOTIFY_LAKE_MYSQL_CONN_ID": "artists_db"})

    assert environment["LAKE_URI"] == "s3://this-one"
    assert environment["MYSQL_JDBC_URL"] == "jdbc:mysql://db.internal:3307/artists"


def test_the_generic_connections_of_earlier_versions_still_work_with_a_deprecation_warning(monkeypatch):
    define_connection(monkeypatch, "aws_default", "aws", extra={"lake_uri": "s3://the-default"})
    define_connection(
        monkeypatch,
        "spotify_lake_aws",
        extra={"lake_uri": "s3://as-before", "athena_database": "lake", "dynamodb_endpoint_url": "http://ddb"},
    )
    define_connection(
        monkeypatch, "spotify_lake_mysql", login="lake", extra={"jdbc_url": "jdbc:mysql://db:3306/spotify"}
    )

    environment, logs = settings()

    assert environment["LAKE_URI"] == "s3://as-before", "the settings a user had keep their effect"
    assert environment["LAKE_DATABASE"] == "lake"
    assert environment["AWS_ENDPOINT_URL_DYNAMODB"] == "http://ddb"
    assert environment["MYSQL_JDBC_URL"] == "jdbc:mysql://db:3306/spotify"
    warnings = [log["event"] for log in logs if log["log_level"] == "warning"]
    assert warnings == [
        "Connection spotify_lake_mysql is deprecated and will not be read by the next release: move its settings "
        "to the mysql connection mysql_default (see docs/operations.md) and delete it",
        "Connection spotify_lake_aws is deprecated and will not be read by the next release: move its settings "
        "to the aws connection aws_default (see docs/operations.md) and delete it",
    ]


def test_audio_features_are_optional_in_the_dag_unless_the_environment_or_the_extra_says_otherwise(monkeypatch):
    assert settings()[0]["AUDIO_FEATURES_OPTIONAL"] == "true"
    assert settings({"AUDIO_FEATURES_OPTIONAL": "false"})[0]["AUDIO_FEATURES_OPTIONAL"] == "false"

    define_connection(monkeypatch, "spotify_lake_spotify", extra={"audio_features_optional": False})

    assert settings()[0]["AUDIO_FEATURES_OPTIONAL"] == "false", "JSON's false as the jar reads it"
