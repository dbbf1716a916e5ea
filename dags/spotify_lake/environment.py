"""The environment of a task process: spotify-lake's Airflow connections mapped onto the variables the jar reads.

Read when a task runs, never when the DAG is parsed. A connection that is not defined, or a field
of it left empty, leaves its variables as the worker's own environment has them: that is how
`set -a; . .local/stack.env` points local runs and `airflow dags test` at the local stack. Leave
the login and password of spotify_lake_aws empty to use the worker's role (default credential chain).

Secrets reach the process through its environment only, never its command line, and every secret
value is registered with Airflow's secrets masker, so that a log line echoing one shows ***.

Run as a program (PYTHONPATH=dags python -m spotify_lake.environment), it prints the connections
that carry the current environment's settings, in the format of `airflow connections import`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from logging import Logger
from typing import Any

from airflow.sdk import BaseHook, Connection
from airflow.sdk.exceptions import AirflowNotFoundException
from airflow.sdk.log import mask_secret

EXTRA = "extra."

# Each variable of the jar, and the connection field it comes from: login, password, or a key of the extra.
CONNECTION_VARIABLES: dict[str, dict[str, str]] = {
    "spotify_lake_mysql": {
        "MYSQL_JDBC_URL": "extra.jdbc_url",
        "MYSQL_USER": "login",
        "MYSQL_PASSWORD": "password",
    },
    "spotify_lake_aws": {
        "AWS_ACCESS_KEY_ID": "login",
        "AWS_SECRET_ACCESS_KEY": "password",
        # the names the Amazon provider's connections use
        "AWS_REGION": "extra.region_name",
        "AWS_ENDPOINT_URL": "extra.endpoint_url",
        "LAKE_URI": "extra.lake_uri",
        "QUERY_ENGINE": "extra.query_engine",
        "ATHENA_DATABASE": "extra.athena_database",
        "ATHENA_WORKGROUP": "extra.athena_workgroup",
        "ATHENA_OUTPUT_LOCATION": "extra.athena_output_location",
        "TRINO_URL": "extra.trino_url",
        "TRINO_PARTITION_CATALOG": "extra.trino_partition_catalog",
        "TRINO_USER": "extra.trino_user",
        "AWS_ENDPOINT_URL_DYNAMODB": "extra.dynamodb_endpoint_url",
        "DYNAMODB_TABLE": "extra.dynamodb_table",
    },
    "spotify_lake_spotify": {
        "SPOTIFY_CLIENT_ID": "login",
        "SPOTIFY_CLIENT_SECRET": "password",
        "SPOTIFY_API_URL": "extra.api_url",
        "SPOTIFY_ACCOUNTS_URL": "extra.accounts_url",
        # the second source, and which source each fetch takes (auto|spotify|reccobeats)
        "RECCOBEATS_API_URL": "extra.reccobeats_api_url",
        "TOP_TRACKS_SOURCE": "extra.top_tracks_source",
        "AUDIO_FEATURES_SOURCE": "extra.audio_features_source",
    },
}

SECRET_VARIABLES = ("MYSQL_PASSWORD", "AWS_SECRET_ACCESS_KEY", "SPOTIFY_CLIENT_SECRET")


def task_environment(log: Logger, base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The worker's environment with the fields of every defined connection laid over it."""
    environment = dict(base)
    for connection_id, variables in CONNECTION_VARIABLES.items():
        connection = _connection(connection_id)
        if connection is None:
            log.info("Connection %s is not defined: its settings come from the environment", connection_id)
            continue
        supplied = {name: _field(connection, field) for name, field in variables.items()}
        supplied = {name: str(value) for name, value in supplied.items() if value not in (None, "")}
        environment.update(supplied)
        log.info("Connection %s supplies %s", connection_id, ", ".join(sorted(supplied)) or "nothing")
    for name in SECRET_VARIABLES:
        mask_secret(environment.get(name))
    return environment


def connections_from_environment(environment: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """The connections that carry the given settings: task_environment's mapping, read the other way."""
    connections = {}
    for connection_id, variables in CONNECTION_VARIABLES.items():
        connection: dict[str, Any] = {"conn_type": "generic", "extra_dejson": {}}
        for name, field in variables.items():
            if value := environment.get(name):
                if field.startswith(EXTRA):
                    connection["extra_dejson"][field.removeprefix(EXTRA)] = value
                else:
                    connection[field] = value
        connections[connection_id] = connection
    return connections


def _field(connection: Connection, field: str) -> Any:
    if field.startswith(EXTRA):
        return connection.extra_dejson.get(field.removeprefix(EXTRA))
    return getattr(connection, field)


def _connection(connection_id: str) -> Connection | None:
    try:
        return BaseHook.get_connection(connection_id)
    except AirflowNotFoundException:
        return None


if __name__ == "__main__":
    print(json.dumps(connections_from_environment(os.environ), indent=2))
