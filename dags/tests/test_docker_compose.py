"""docker-compose.yml against the local stack: no Docker engine runs here, so its resolved configuration
(`docker-compose config`, Debian's docker-compose) is checked against what `make stack-up` uses, read from
scripts/stack/*.sh (ports, bucket, credentials), scripts/stack.sh (the names .local/stack.env holds) and
scripts/celery/airflow-celery.env (the settings every Airflow component shares on the CeleryExecutor)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from e2e_support import REPOSITORY, celery_settings

COMPOSE_FILE = REPOSITORY / "docker-compose.yml"
JWT_SECRET = "a-secret-of-the-test"
AIRFLOW_SERVICES = (
    "airflow-init",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-worker",
    "airflow-worker-aws",
)
STACK = REPOSITORY / "scripts/stack"
# NAME=value or NAME=${NAME:-default}, at the start of a line: the settings of scripts/stack/*.sh.
STACK_SETTING = re.compile(r"^([A-Z0-9_]+)=(?:\$\{\1:-([^}]*)\}|([^\s$\"'()]+))$", re.MULTILINE)
# The host port of each service, and the stack's variable for it.
HOST_PORTS = {
    "mysql": "MYSQL_PORT",
    "minio": "S3_PORT",
    "trino": "TRINO_PORT",
    "simulator": "SIMULATOR_PORT",
    "dynamodb": "DYNAMODB_PORT",
}


@pytest.fixture(scope="module")
def stack() -> dict[str, str]:
    """The local stack's settings as scripts/stack/*.sh default them (no stack needs to run)."""
    settings = {}
    for script in sorted(STACK.glob("*.sh")):
        settings |= {name: default or value for name, default, value in STACK_SETTING.findall(script.read_text())}
    return settings


@pytest.fixture(scope="module")
def stack_env_names() -> set[str]:
    """The names scripts/stack.sh writes into .local/stack.env."""
    script = (REPOSITORY / "scripts/stack.sh").read_text()
    heredoc = script[script.index("<<ENV\n") : script.index("\nENV\n")]
    return set(re.findall(r"^([A-Z0-9_]+)=", heredoc, re.MULTILINE))


@pytest.fixture(scope="module")
def services() -> dict[str, dict]:
    """The services of docker-compose.yml as docker-compose resolves them (variables at their defaults)."""
    compose = shutil.which("docker-compose")
    if compose is None:
        pytest.skip("docker-compose is not installed (apt-get install docker-compose; make test installs it)")
    # none of the settings a user may have exported, but the secret it asks for
    environment = {"PATH": "/usr/bin:/bin", "AIRFLOW_JWT_SECRET": JWT_SECRET}
    resolved = subprocess.run(
        [compose, "--file", COMPOSE_FILE, "--profile", "local", "--profile", "aws", "config"],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    return yaml.safe_load(resolved.stdout)["services"]


def test_the_stack_settings_are_read_from_the_stack_scripts(stack, stack_env_names):
    assert {
        "MYSQL_PORT",
        "S3_PORT",
        "TRINO_PORT",
        "SIMULATOR_PORT",
        "DYNAMODB_PORT",
        "S3_BUCKET",
        "TRINO_VERSION",
    } <= set(stack)
    assert {"LAKE_URI", "AWS_ENDPOINT_URL", "MYSQL_JDBC_URL", "SPOTIFY_API_URL", "TRINO_URL"} <= stack_env_names


def test_each_server_listens_on_the_host_port_of_the_local_stack(services, stack):
    for service, port in HOST_PORTS.items():
        assert [mapping["published"] for mapping in ports(services[service])] == [int(stack[port])], service
        assert {mapping["host_ip"] for mapping in ports(services[service])} == {"127.0.0.1"}, service
    airflow_env = (REPOSITORY / "scripts/airflow-env.sh").read_text()
    airflow_port = re.search(r"AIRFLOW_PORT=\$\{AIRFLOW_PORT:-(\d+)\}", airflow_env)[1]
    assert [mapping["published"] for mapping in ports(services["airflow-apiserver"])] == [int(airflow_port)]


def test_airflow_gets_the_variables_of_stack_env_with_the_same_values_but_the_service_addresses(
    services, stack, stack_env_names
):
    environment = services["airflow-worker"]["environment"]

    assert stack_env_names <= set(environment), "every name of .local/stack.env"
    assert environment["LAKE_URI"] == f"s3://{stack['S3_BUCKET']}"
    assert environment["AWS_REGION"] == stack["S3_REGION"]
    assert (environment["AWS_ACCESS_KEY_ID"], environment["AWS_SECRET_ACCESS_KEY"]) == (
        stack["S3_ACCESS_KEY"],
        stack["S3_SECRET_KEY"],
    )
    assert (environment["MYSQL_USER"], environment["MYSQL_PASSWORD"]) == (stack["MYSQL_USER"], stack["MYSQL_PASSWORD"])
    assert (environment["SPOTIFY_CLIENT_ID"], environment["SPOTIFY_CLIENT_SECRET"]) == (
        stack["SIMULATOR_CLIENT_ID"],
        stack["SIMULATOR_CLIENT_SECRET"],
    )
    assert environment["QUERY_ENGINE"] == "trino"
    assert environment["LAKE_DATABASE"] == stack["TRINO_SCHEMA"]
    assert environment["TRINO_USER"] == stack["TRINO_USER"]
    assert_addresses(environment["AWS_ENDPOINT_URL"], services, "minio")
    assert_addresses(environment["SPOTIFY_ACCOUNTS_URL"], services, "simulator")
    assert environment["SPOTIFY_API_URL"] == f"{environment['SPOTIFY_ACCOUNTS_URL']}/v1"
    assert environment["RECCOBEATS_API_URL"] == f"{environment['SPOTIFY_ACCOUNTS_URL']}/reccobeats/v1"
    mysql = urlparse(environment["MYSQL_JDBC_URL"].removeprefix("jdbc:"))
    assert_addresses(f"//{mysql.netloc}", services, "mysql")
    assert (mysql.path, mysql.query) == (f"/{stack['MYSQL_DATABASE']}", "connectionCollation=utf8mb4_unicode_ci")
    trino = urlparse(environment["TRINO_URL"].removeprefix("jdbc:"))
    assert_addresses(f"//{trino.netloc}", services, "trino")
    assert trino.path == f"/{stack['TRINO_CATALOG']}/{stack['TRINO_SCHEMA']}"
    assert_addresses(environment["AWS_ENDPOINT_URL_DYNAMODB"], services, "dynamodb")
    assert environment["DYNAMODB_TABLE"] == stack["DYNAMODB_TABLE"]


def test_dynalite_is_the_version_the_stack_pins_with_its_data_in_a_volume(services):
    dynamodb = services["dynamodb"]
    assert "npm ci" in " ".join(dynamodb["command"]), "the versions of scripts/stack/dynamodb/package-lock.json"
    assert any(volume.split(":")[0].endswith("/scripts/stack/dynamodb") for volume in volumes(dynamodb))
    assert any(volume.split(":")[1] == "/data" for volume in volumes(dynamodb))


def test_the_servers_hold_the_bucket_database_and_clients_of_the_local_stack(services, stack):
    mysql = services["mysql"]["environment"]
    assert (mysql["MYSQL_DATABASE"], mysql["MYSQL_USER"], mysql["MYSQL_PASSWORD"]) == (
        stack["MYSQL_DATABASE"],
        stack["MYSQL_USER"],
        stack["MYSQL_PASSWORD"],
    )
    assert any(
        volume.endswith(":/docker-entrypoint-initdb.d:ro") and "/sql/mysql" in volume
        for volume in volumes(services["mysql"])
    ), "the schema of sql/mysql"
    minio = services["minio"]["environment"]
    assert (minio["MINIO_ROOT_USER"], minio["MINIO_ROOT_PASSWORD"]) == (stack["S3_ACCESS_KEY"], stack["S3_SECRET_KEY"])
    bucket_command = " ".join(services["minio-bucket"]["entrypoint"])
    assert f"{stack['S3_ACCESS_KEY']} {stack['S3_SECRET_KEY']}" in bucket_command
    assert f"mc mb --ignore-existing lake/{stack['S3_BUCKET']}" in bucket_command
    simulator = services["simulator"]["command"]
    assert f"--client-id={stack['SIMULATOR_CLIENT_ID']}" in simulator
    assert f"--client-secret={stack['SIMULATOR_CLIENT_SECRET']}" in simulator


def test_trino_is_the_stacks_version_with_its_hive_catalog_on_the_bucket(services, stack):
    assert services["trino"]["image"] == f"trinodb/trino:{stack['TRINO_VERSION']}"
    catalogs = trino_catalogs(services["trino"])
    assert set(catalogs) == {stack["TRINO_CATALOG"], stack["TRINO_PARTITION_CATALOG"]}
    properties = catalogs[stack["TRINO_CATALOG"]]
    assert properties["connector.name"] == "hive"
    assert properties["hive.metastore"] == "file"
    assert properties["hive.metastore.catalog.dir"].startswith(f"s3://{stack['S3_BUCKET']}/")
    assert properties["hive.allow-register-partition-procedure"] == "true"
    assert (properties["s3.aws-access-key"], properties["s3.aws-secret-key"]) == (
        stack["S3_ACCESS_KEY"],
        stack["S3_SECRET_KEY"],
    )
    assert properties["s3.region"] == stack["S3_REGION"]
    assert_addresses(properties["s3.endpoint"], services, "minio")


def test_trinos_readers_catalog_caches_the_metastore_that_the_partition_catalog_writes_uncached(services, stack):
    catalogs = trino_catalogs(services["trino"])
    readers, partitions = catalogs[stack["TRINO_CATALOG"]], catalogs[stack["TRINO_PARTITION_CATALOG"]]
    cache = {name: value for name, value in readers.items() if name.startswith("hive.metastore-cache")}

    assert cache["hive.metastore-cache-ttl"] != "0s"
    assert {name: value for name, value in readers.items() if name not in cache} == partitions
    assert services["airflow-worker"]["environment"]["TRINO_PARTITION_CATALOG"] == stack["TRINO_PARTITION_CATALOG"]


def test_the_airflow_image_is_the_version_the_dag_is_pinned_to():
    pinned = re.search(r"^apache-airflow==(\S+)$", (REPOSITORY / "dags/requirements.txt").read_text(), re.MULTILINE)
    dockerfile = (REPOSITORY / "scripts/compose/Dockerfile").read_text()
    assert f"ARG AIRFLOW_VERSION={pinned[1]}\n" in dockerfile


def test_the_aws_profile_passes_the_users_settings_and_points_at_no_local_server(services, stack_env_names):
    environment = services["airflow-worker-aws"]["environment"]

    assert environment["QUERY_ENGINE"] == "athena"
    assert {"LAKE_URI", "AWS_REGION", "ATHENA_WORKGROUP", "ATHENA_OUTPUT_LOCATION", "MYSQL_JDBC_URL"} <= set(
        environment
    )
    assert {
        "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_DYNAMODB",
        "SPOTIFY_API_URL",
        "SPOTIFY_ACCOUNTS_URL",
        "RECCOBEATS_API_URL",
        "TRINO_URL",
    }.isdisjoint(environment), "AWS's, Spotify's and ReccoBeats' own endpoints"
    passed_through = {name for name, value in environment.items() if value is None}
    assert passed_through >= {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "SPOTIFY_CLIENT_SECRET", "MYSQL_PASSWORD"}


def test_every_airflow_service_has_the_celery_settings_of_the_scripts_with_the_services_names(services, stack):
    postgres = services["postgres"]
    values = {
        "POSTGRES_HOST": "postgres",
        "POSTGRES_PORT": "5432",
        **{name: postgres["environment"][name] for name in ("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB")},
        "REDIS_HOST": "redis",
        "REDIS_PORT": "6379",
        "AIRFLOW_API_HOST": "airflow-apiserver",
        "AIRFLOW_PORT": str(ports(services["airflow-apiserver"])[0]["target"]),
        "AIRFLOW_JWT_SECRET": JWT_SECRET,
        "AIRFLOW_FERNET_KEY": "",
    }
    settings = celery_settings(values)

    assert {"AIRFLOW__CORE__EXECUTOR", "AIRFLOW__CELERY__BROKER_URL", "AIRFLOW__API_AUTH__JWT_SECRET"} <= set(settings)
    for service in AIRFLOW_SERVICES:
        environment = services[service]["environment"]
        assert {name: environment.get(name) for name in settings} == settings, service
    assert (postgres["environment"]["POSTGRES_USER"], postgres["environment"]["POSTGRES_PASSWORD"]) == (
        stack["POSTGRES_USER"],
        stack["POSTGRES_PASSWORD"],
    ), "the credentials of scripts/stack/postgres.sh"


def test_the_workers_can_be_scaled_and_run_the_jar_of_their_image(services):
    dockerfile = (REPOSITORY / "scripts/compose/Dockerfile").read_text()
    airflow_stage = dockerfile[dockerfile.index(" AS airflow") : dockerfile.index(" AS tools")]

    for worker in ("airflow-worker", "airflow-worker-aws"):
        assert services[worker]["command"] == ["celery", "worker"], worker
        assert "container_name" not in services[worker] and not ports(services[worker]), "nothing two copies share"
        assert services[worker]["image"] == services["airflow-scheduler"]["image"]
    assert "openjdk-17-jre-headless" in airflow_stage
    assert "COPY java-tasks/tasks/target/spotify-lake.jar /opt/spotify-lake/spotify-lake.jar" in airflow_stage
    assert "SPOTIFY_LAKE_JAR=/opt/spotify-lake/spotify-lake.jar" in airflow_stage


def trino_catalogs(trino: dict) -> dict[str, dict[str, str]]:
    """The properties of each catalog file mounted into the Trino service, by catalog name."""
    catalogs = {}
    for volume in volumes(trino):
        source, target = volume.split(":")[:2]
        if target.startswith("/etc/trino/catalog/"):
            lines = Path(source).read_text().splitlines()
            properties = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
            catalogs[Path(target).stem] = properties
    return catalogs


def ports(service: dict) -> list[dict]:
    """The port mappings of a service; docker-compose 1.29 resolves each to a string "HOST_IP:PUBLISHED:TARGET/tcp"."""
    resolved = []
    for port in service.get("ports", []):
        host_ip, published, target = str(port).removesuffix("/tcp").split(":")
        resolved.append({"host_ip": host_ip, "published": int(published), "target": int(target)})
    return resolved


def volumes(service: dict) -> list[str]:
    return [str(volume) for volume in service.get("volumes", [])]


def assert_addresses(url: str, services: dict[str, dict], service: str) -> None:
    """The URL names the service and a port it listens on inside the network (the target of its mapping)."""
    address = urlparse(url)
    assert address.hostname == service, url
    assert address.port in {mapping["target"] for mapping in ports(services[service])}, url
