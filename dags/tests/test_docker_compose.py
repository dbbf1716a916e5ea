"""docker-compose.yml runs the same stack as `make stack-up`: same ports, bucket and variable names."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
# Variables of the local stack that only its own scripts use.
LOCAL_ONLY = {"SIMULATOR_URL"}


def stack_env_names() -> set[str]:
    """The variables `make stack-up` writes to .local/stack.env (the tests run with them exported)."""
    path = ROOT / ".local" / "stack.env"
    if not path.exists():
        pytest.skip(".local/stack.env is missing: run make stack-up")
    return {line.split("=", 1)[0] for line in path.read_text().splitlines() if re.match(r"^[A-Z_]+=", line)}


def default_ports() -> dict[str, int]:
    """The stack's default ports as scripts/stack.sh documents them: MYSQL_PORT (13306), ..."""
    usage = (ROOT / "scripts" / "stack.sh").read_text()
    return {name: int(port) for name, port in re.findall(r"([A-Z0-9]+_PORT) \((\d+)\)", usage)}


def published_port(service: str) -> int:
    return int(COMPOSE["services"][service]["ports"][0].split(":")[1])


def test_airflow_gets_every_variable_the_local_stack_defines():
    environment = COMPOSE["services"]["airflow"]["environment"]
    assert stack_env_names() - LOCAL_ONLY <= set(environment)


def test_services_publish_the_local_stacks_ports_on_loopback():
    ports = default_ports()
    assert published_port("mysql") == ports["MYSQL_PORT"]
    assert published_port("minio") == ports["S3_PORT"]
    assert published_port("trino") == ports["TRINO_PORT"]
    assert published_port("simulator") == ports["SIMULATOR_PORT"]
    for service in ("mysql", "minio", "trino", "simulator", "airflow"):
        assert COMPOSE["services"][service]["ports"][0].startswith("127.0.0.1:")


def test_the_bucket_and_credentials_are_the_local_stacks():
    environment = COMPOSE["services"]["airflow"]["environment"]
    assert environment["LAKE_URI"] == os.environ.get("LAKE_URI", environment["LAKE_URI"])
    assert environment["AWS_ACCESS_KEY_ID"] == COMPOSE["services"]["minio"]["environment"]["MINIO_ROOT_USER"]
    assert "mb --ignore-existing lake/spotify-lake" in COMPOSE["services"]["create-bucket"]["command"][0]
    assert environment["LAKE_URI"] == "s3://spotify-lake"


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose is not installed (apt-get install docker-compose)")
def test_compose_files_are_valid():
    subprocess.run(["docker-compose", "-f", "docker-compose.yml", "config", "-q"], cwd=ROOT, check=True)
