"""The environment of a task process: Airflow connections mapped onto the variables the jar reads.

Read when a task runs, never when the DAG is parsed. Three connections carry the settings:
- an `aws` connection (Airflow's Amazon type; `aws_default`, or the one $SPOTIFY_LAKE_AWS_CONN_ID names): keys,
  region and endpoints as the Amazon provider reads them, and the lake's own settings as extras;
- a `mysql` connection (`mysql_default`, or $SPOTIFY_LAKE_MYSQL_CONN_ID): host, port, schema, login, password;
- `spotify_lake_spotify` (generic): the app's client id and secret, the API's URLs, the fetches' settings.
A connection that is not defined, or a field of it left empty, leaves its variables as the worker's own
environment has them: that is how `set -a; . .local/stack.env` points local runs and `airflow dags test` at the
local stack. Leave the login and password of the aws connection empty to use the worker's role (the default
credential chain). The generic connections spotify_lake_aws and spotify_lake_mysql of earlier versions are read
instead when they are defined, with a deprecation warning in the task log, until the next release.

No provider package is needed: the fields and extras are read from the Connection itself.

Secrets reach the process through its environment only, never its command line, and every secret
value is registered with Airflow's secrets masker, so that a log line echoing one shows ***.

Run as a program (PYTHONPATH=dags python -m spotify_lake.environment), it prints the connections
that carry the current environment's settings, in the format of `airflow connections import`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from logging import Logger
from typing import Any
from urllib.parse import urlsplit

from airflow.sdk import BaseHook, Connection
from airflow.sdk.exceptions import AirflowNotFoundException
from airflow.sdk.log import mask_secret

EXTRA = "extra."
MYSQL_DEFAULT_PORT = 3306


class MysqlJdbcUrl:
    """MySQL's JDBC URL, from a mysql connection's host, port and schema, and its extra jdbc_parameters (the query)."""

    def read(self, connection: Connection) -> str | None:
        if not connection.host:
            return None
        url = f"jdbc:mysql://{connection.host}:{connection.port or MYSQL_DEFAULT_PORT}/{connection.schema or ''}"
        parameters = connection.extra_dejson.get("jdbc_parameters")
        return f"{url}?{parameters}" if parameters else url

    def write(self, url: str, connection: dict[str, Any]) -> None:
        parts = urlsplit(url.removeprefix("jdbc:"))
        connection.update(host=parts.hostname, port=parts.port or MYSQL_DEFAULT_PORT, schema=parts.path.lstrip("/"))
        if parts.query:
            connection["extra_dejson"]["jdbc_parameters"] = parts.query


# Where a variable comes from: a field of the connection (login, password, ...), a key of its extra (extra.a.b for
# a key of a key), or MYSQL_JDBC_URL's own rule.
Field = str | MysqlJdbcUrl


@dataclass(frozen=True)
class ConnectionSettings:
    """The variables of the jar that one connection carries, and the connection that carried them before."""

    conn_type: str
    default_id: str
    variables: Mapping[str, Field]
    # the environment variable that names another connection of this type
    id_variable: str | None = None
    # a generic connection of an earlier version, read instead while it is defined (deprecated)
    legacy_id: str | None = None
    legacy_variables: Mapping[str, Field] = field(default_factory=dict)

    def connection_id(self, environment: Mapping[str, str]) -> str:
        return (self.id_variable and environment.get(self.id_variable)) or self.default_id


# The lake's own settings, extras of the aws connection beside the Amazon provider's.
LAKE_EXTRAS: dict[str, Field] = {
    "LAKE_URI": "extra.lake_uri",
    "LAKE_DATABASE": "extra.lake_database",
    "MAX_LATE_DAYS": "extra.max_late_days",
    "QUERY_ENGINE": "extra.query_engine",
    "ATHENA_WORKGROUP": "extra.athena_workgroup",
    "ATHENA_OUTPUT_LOCATION": "extra.athena_output_location",
    "TRINO_URL": "extra.trino_url",
    "TRINO_PARTITION_CATALOG": "extra.trino_partition_catalog",
    "TRINO_USER": "extra.trino_user",
    "DYNAMODB_TABLE": "extra.dynamodb_table",
}

# The fields and extras the Amazon provider reads, and the lake's own.
AWS_VARIABLES: dict[str, Field] = {
    "AWS_ACCESS_KEY_ID": "login",
    "AWS_SECRET_ACCESS_KEY": "password",
    "AWS_SESSION_TOKEN": "extra.aws_session_token",
    "AWS_REGION": "extra.region_name",
    "AWS_ENDPOINT_URL": "extra.endpoint_url",
    "AWS_ENDPOINT_URL_ATHENA": "extra.service_config.athena.endpoint_url",
    "AWS_ENDPOINT_URL_DYNAMODB": "extra.service_config.dynamodb.endpoint_url",
    **LAKE_EXTRAS,
}

AWS = ConnectionSettings(
    conn_type="aws",
    default_id="aws_default",
    id_variable="SPOTIFY_LAKE_AWS_CONN_ID",
    variables=AWS_VARIABLES,
    legacy_id="spotify_lake_aws",
    # the two extras that were named otherwise
    legacy_variables={
        **AWS_VARIABLES,
        "AWS_ENDPOINT_URL_DYNAMODB": "extra.dynamodb_endpoint_url",
        "LAKE_DATABASE": "extra.athena_database",
    },
)

MYSQL = ConnectionSettings(
    conn_type="mysql",
    default_id="mysql_default",
    id_variable="SPOTIFY_LAKE_MYSQL_CONN_ID",
    variables={"MYSQL_JDBC_URL": MysqlJdbcUrl(), "MYSQL_USER": "login", "MYSQL_PASSWORD": "password"},
    legacy_id="spotify_lake_mysql",
    legacy_variables={"MYSQL_JDBC_URL": "extra.jdbc_url", "MYSQL_USER": "login", "MYSQL_PASSWORD": "password"},
)

SPOTIFY = ConnectionSettings(
    conn_type="generic",
    default_id="spotify_lake_spotify",
    variables={
        "SPOTIFY_CLIENT_ID": "login",
        "SPOTIFY_CLIENT_SECRET": "password",
        "SPOTIFY_API_URL": "extra.api_url",
        "SPOTIFY_ACCOUNTS_URL": "extra.accounts_url",
        "AUDIO_FEATURES_OPTIONAL": "extra.audio_features_optional",
        # the second source, and which source each fetch takes (auto|spotify|reccobeats)
        "RECCOBEATS_API_URL": "extra.reccobeats_api_url",
        "TOP_TRACKS_SOURCE": "extra.top_tracks_source",
        "AUDIO_FEATURES_SOURCE": "extra.audio_features_source",
    },
)

CONNECTIONS = (MYSQL, AWS, SPOTIFY)

SECRET_VARIABLES = ("MYSQL_PASSWORD", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "SPOTIFY_CLIENT_SECRET")

# The DAG's own defaults, where they differ from the jar's: a run stays green, without the similarity, when Spotify
# refuses the audio features (AUDIO_FEATURES_OPTIONAL=false in the environment or the extra makes it fail instead).
DAG_DEFAULTS = {"AUDIO_FEATURES_OPTIONAL": "true"}


def task_environment(log: Logger, base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The worker's environment over the DAG's defaults, with the fields of every defined connection laid over it."""
    environment = {**DAG_DEFAULTS, **base}
    for settings in CONNECTIONS:
        connection_id, connection, variables = _connection_of(settings, base, log)
        if connection is None:
            log.info("Connection %s is not defined: its settings come from the environment", connection_id)
            continue
        supplied = {name: _read(connection, source) for name, source in variables.items()}
        supplied = {name: value for name, value in supplied.items() if value not in (None, "")}
        environment.update(supplied)
        log.info("Connection %s supplies %s", connection_id, ", ".join(sorted(supplied)) or "nothing")
    for name in SECRET_VARIABLES:
        mask_secret(environment.get(name))
    return environment


def connections_from_environment(environment: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """The connections that carry the given settings: task_environment's mapping, read the other way."""
    connections = {}
    for settings in CONNECTIONS:
        connection: dict[str, Any] = {"conn_type": settings.conn_type, "extra_dejson": {}}
        for name, source in settings.variables.items():
            if value := environment.get(name):
                _write(connection, source, value)
        connections[settings.connection_id(environment)] = connection
    return connections


def _connection_of(
    settings: ConnectionSettings, environment: Mapping[str, str], log: Logger
) -> tuple[str, Connection | None, Mapping[str, Field]]:
    """The legacy connection with its fields when it is still defined, else the connection of Airflow's type."""
    if settings.legacy_id and (legacy := _connection(settings.legacy_id)) is not None:
        log.warning(
            "Connection %s is deprecated and will not be read by the next release: move its settings to the %s "
            "connection %s (see docs/operations.md) and delete it",
            settings.legacy_id,
            settings.conn_type,
            settings.connection_id(environment),
        )
        return settings.legacy_id, legacy, settings.legacy_variables
    connection_id = settings.connection_id(environment)
    return connection_id, _connection(connection_id), settings.variables


def _read(connection: Connection, source: Field) -> str | None:
    if isinstance(source, MysqlJdbcUrl):
        return source.read(connection)
    if source.startswith(EXTRA):
        value: Any = connection.extra_dejson
        for key in source.removeprefix(EXTRA).split("."):
            value = value.get(key) if isinstance(value, dict) else None
    else:
        value = getattr(connection, source)
    # JSON's true and 7 as the jar reads them, "true" and "7"
    return value if value is None or isinstance(value, str) else json.dumps(value)


def _write(connection: dict[str, Any], source: Field, value: str) -> None:
    if isinstance(source, MysqlJdbcUrl):
        source.write(value, connection)
    elif source.startswith(EXTRA):
        *path, key = source.removeprefix(EXTRA).split(".")
        extra = connection["extra_dejson"]
        for name in path:
            extra = extra.setdefault(name, {})
        extra[key] = value
    else:
        connection[source] = value


def _connection(connection_id: str) -> Connection | None:
    try:
        return BaseHook.get_connection(connection_id)
    except AirflowNotFoundException:
        return None


if __name__ == "__main__":
    print(json.dumps(connections_from_environment(os.environ), indent=2))
