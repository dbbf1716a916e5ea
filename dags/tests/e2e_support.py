"""What the end-to-end tests run on: the local stack of `make stack-up`, and in it a lake, an artist database
and an Airflow home that belong to one test, so that no test sees another's data (or the demo's).

Each test's lake is a prefix of the stack's bucket (s3://spotify-lake/e2e-<random>) with a Trino schema of
its own (e2e_<random>); its artists are a MySQL database test_e2e_<random> seeded from the simulator's
catalog; its Airflow is a sqlite home under the test's tmp_path whose processes get the test's environment.
All are removed when the test ends.
"""

from __future__ import annotations

import gzip
import json
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import string
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Mapping
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

DAGS = Path(__file__).resolve().parents[1]
REPOSITORY = DAGS.parent
LOCAL = REPOSITORY / ".local"
STACK_ENV = LOCAL / "stack.env"
TRINO_CLI = LOCAL / "bin" / "trino"
SIMULATOR_JAR = REPOSITORY / "java-tasks/spotify-simulator/target/spotify-simulator.jar"
LOCAL_MYSQL_JAR = REPOSITORY / "java-tasks/local-mysql/target/local-mysql.jar"
SCHEMA_SQL = REPOSITORY / "sql/mysql/001_schema.sql"
CELERY_ENV = LOCAL / "celery.env"
CELERY_SETTINGS = REPOSITORY / "scripts/celery/airflow-celery.env"
DAG_ID = "spotify_lake"
# Few artists: the end-to-end tests are about orchestration, and each task still runs against every server.
E2E_ARTISTS = 10
DATASETS = ("artists", "top_tracks", "audio_features")
# What the simulator's catalog gives every artist, and what its MySQL seed adds beside the N artists asked for.
TOP_TRACKS_PER_ARTIST = 10
UNKNOWN_IDS = 3  # ids the simulator's MySQL seed adds that the catalog does not know (404)
# (and one id that is not a Spotify id, which extract-artists leaves out)

# s3proxy wants the payload hash in a header; curl signs it but does not add it.
EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
S3_XML = "{http://s3.amazonaws.com/doc/2006-03-01/}"


def unique_name() -> str:
    return f"e2e_{secrets.token_hex(4)}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_env_file(path: Path) -> dict[str, str]:
    lines = (line.strip() for line in path.read_text().splitlines())
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def stack_settings() -> dict[str, str]:
    """The local stack's settings (.local/stack.env); skips the test when the stack is not up and healthy."""
    if not STACK_ENV.is_file():
        pytest.skip("end-to-end: the local stack is not up (no .local/stack.env); run make stack-up, or make test")
    status = subprocess.run([REPOSITORY / "scripts/stack.sh", "status"], capture_output=True, text=True)
    if status.returncode != 0:
        pytest.skip(f"end-to-end: the local stack is not healthy; run make stack-up\n{status.stdout}")
    return read_env_file(STACK_ENV)


def utc_days_ago(days: int) -> str:
    """A UTC date relative to today. The fetch tasks skip a dt with no raw data that lies more than a week back."""
    return (datetime.now(UTC).date() - timedelta(days=days)).isoformat()


def task_jar() -> Path:
    """The jar the DAG runs: $SPOTIFY_LAKE_JAR (make test sets it), else the one make jar builds."""
    path = Path(os.environ.get("SPOTIFY_LAKE_JAR") or REPOSITORY / "java-tasks/tasks/target/spotify-lake.jar")
    if not path.is_file():
        pytest.skip(f"end-to-end: the task jar {path} is not built; run make jar")
    return path


def wait_until(
    condition: Callable[[], Any], timeout: float, what: str | Callable[[], str], interval: float = 0.5
) -> Any:
    """condition's first truthy answer; fails naming `what` (a string, or a callable for a late description)."""
    deadline = time.monotonic() + timeout
    while True:
        if answer := condition():
            return answer
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what() if callable(what) else what}")
        time.sleep(interval)


def airflow_answers(url: str) -> bool:
    """Whether the Airflow API server at url says it is healthy; False while it does not listen yet."""
    try:
        with urllib.request.urlopen(f"{url}/api/v2/monitor/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def tail(path: Path, lines: int = 40) -> str:
    if not path.is_file():
        return f"({path} does not exist)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


class Bucket:
    """The stack's S3 bucket through its REST API, signed by curl (the venv has no AWS SDK, and needs none)."""

    def __init__(self, settings: Mapping[str, str]) -> None:
        self.name = urllib.parse.urlparse(settings["LAKE_URI"]).netloc
        self._endpoint = settings["AWS_ENDPOINT_URL"]
        self._signing = [
            "--aws-sigv4",
            f"aws:amz:{settings['AWS_REGION']}:s3",
            "--user",
            f"{settings['AWS_ACCESS_KEY_ID']}:{settings['AWS_SECRET_ACCESS_KEY']}",
            "-H",
            f"x-amz-content-sha256: {EMPTY_BODY_SHA256}",
        ]

    def get(self, key: str) -> bytes:
        return self._request("GET", key)

    def keys(self, prefix: str) -> list[str]:
        keys: list[str] = []
        token = None
        while True:
            query = {"list-type": "2", "prefix": prefix, **({"continuation-token": token} if token else {})}
            listing = ElementTree.fromstring(self._request("GET", "", query))
            keys += [element.text for element in listing.iter(f"{S3_XML}Key")]
            token = listing.findtext(f"{S3_XML}NextContinuationToken")
            if listing.findtext(f"{S3_XML}IsTruncated") != "true" or not token:
                return keys

    def delete_all(self, prefix: str) -> None:
        for key in self.keys(prefix):
            self._request("DELETE", key)

    def _request(self, method: str, key: str, query: Mapping[str, str] | None = None) -> bytes:
        # curl 7.88 signs the query string as given: it must already be in SigV4's canonical form
        # (parameters sorted, everything but unreserved characters percent-encoded).
        canonical_query = "&".join(
            f"{name}={urllib.parse.quote(value, safe='-_.~')}" for name, value in sorted((query or {}).items())
        )
        url = f"{self._endpoint}/{self.name}/{urllib.parse.quote(key)}" + (f"?{canonical_query}" if query else "")
        result = subprocess.run(
            ["curl", "-sS", "--fail-with-body", "-X", method, *self._signing, url], capture_output=True, timeout=60
        )
        if result.returncode != 0:
            raise AssertionError(f"S3 {method} {url} failed: {result.stderr.decode()} {result.stdout.decode()}")
        return result.stdout


class ServingTable:
    """The test's own table on the stack's DynamoDB-API server, through its JSON API signed by curl."""

    def __init__(self, settings: Mapping[str, str], name: str) -> None:
        self.name = name
        self._endpoint = settings["AWS_ENDPOINT_URL_DYNAMODB"]
        self._signing = [
            "--aws-sigv4",
            f"aws:amz:{settings['AWS_REGION']}:dynamodb",
            "--user",
            f"{settings['AWS_ACCESS_KEY_ID']}:{settings['AWS_SECRET_ACCESS_KEY']}",
        ]

    def count(self) -> int:
        """The table's items (one page of a COUNT scan is enough for a test's few hundred)."""
        return self._request("Scan", {"TableName": self.name, "Select": "COUNT", "ConsistentRead": True})["Count"]

    def delete(self) -> None:
        """Deletes the table, if the run made it."""
        if self.name in self._request("ListTables", {})["TableNames"]:
            self._request("DeleteTable", {"TableName": self.name})

    def _request(self, operation: str, body: Mapping[str, Any]) -> dict[str, Any]:
        headers = [
            "-H",
            "Content-Type: application/x-amz-json-1.0",
            "-H",
            f"X-Amz-Target: DynamoDB_20120810.{operation}",
        ]
        result = subprocess.run(
            ["curl", "-sS", "--fail-with-body", "-X", "POST", *self._signing, *headers, "--data", json.dumps(body)]
            + [self._endpoint],
            capture_output=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0:
            raise AssertionError(f"DynamoDB {operation} failed: {result.stderr.decode()} {result.stdout.decode()}")
        return json.loads(result.stdout)


def trino(sql: str) -> list[dict[str, Any]]:
    """The rows of a statement run by the stack's Trino CLI (.local/bin/trino), one dict per row."""
    result = subprocess.run(
        [TRINO_CLI, "--output-format", "JSON", "--execute", sql], capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        raise AssertionError(f"Trino refused {sql!r}: {result.stderr.strip() or result.stdout.strip()}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


class TestLake:
    """One test's lake: the prefix e2e-<random> of the stack's bucket, the Trino schema e2e_<random>, and the
    serving table e2e_<random>_top_tracks."""

    __test__ = False  # a helper, not a test class

    def __init__(self, settings: Mapping[str, str]) -> None:
        self.schema = unique_name()
        self.prefix = self.schema.replace("_", "-")
        self.bucket = Bucket(settings)
        self.serving = ServingTable(settings, f"{self.schema}_top_tracks")
        catalog = settings["TRINO_URL"].rsplit("/", 1)[0]  # jdbc:trino://host:port/hive
        self.environment = {
            "LAKE_URI": f"s3://{self.bucket.name}/{self.prefix}",
            "LAKE_DATABASE": self.schema,
            "TRINO_URL": f"{catalog}/{self.schema}",
            "DYNAMODB_TABLE": self.serving.name,
        }

    def curated_rows(self, dt: str) -> dict[str, int]:
        """How many rows Trino counts in each curated table's partition dt."""
        union = " UNION ALL ".join(
            f"SELECT '{dataset}' AS dataset, count(*) AS n FROM hive.{self.schema}.{dataset} WHERE dt = '{dt}'"
            for dataset in DATASETS
        )
        return {row["dataset"]: row["n"] for row in trino(union)}

    def manifest(self, dataset: str, dt: str) -> dict[str, Any]:
        return json.loads(self.bucket.get(f"{self.prefix}/curated/{dataset}/dt={dt}/_manifest.json"))

    def raw_manifest(self, dataset: str, dt: str) -> dict[str, Any]:
        return json.loads(self.bucket.get(f"{self.prefix}/raw/{dataset}/dt={dt}/_manifest.json"))

    def raw_lines(self, dataset: str, dt: str) -> list[dict[str, Any]]:
        """Every line of the current version of a raw partition, part file by part file."""
        version = self.raw_manifest(dataset, dt)["version"]
        parts = sorted(self.bucket.keys(f"{self.prefix}/raw/{dataset}/dt={dt}/{version}/part-"))
        return [json.loads(line) for key in parts for line in gzip.decompress(self.bucket.get(key)).splitlines()]

    def remove(self) -> None:
        """Drops the schema's tables (all external: the files stay) and the schema, deletes the files and the
        serving table."""
        tables = trino(f"SELECT table_name FROM hive.information_schema.tables WHERE table_schema = '{self.schema}'")
        drops = [f"DROP TABLE hive.{self.schema}.{row['table_name']}" for row in tables]
        trino(";\n".join([*drops, f"DROP SCHEMA IF EXISTS hive.{self.schema}"]))
        self.bucket.delete_all(f"{self.prefix}/")
        self.serving.delete()


class ArtistDatabase:
    """A database test_e2e_<random> on the stack's MySQL, seeded with artists of the simulator's catalog."""

    def __init__(self, settings: Mapping[str, str], workdir: Path) -> None:
        self.name = f"test_{unique_name()}"
        url, _, options = settings["MYSQL_JDBC_URL"].partition("?")
        self.environment = {"MYSQL_JDBC_URL": f"{url.rsplit('/', 1)[0]}/{self.name}?{options}"}
        self._settings = {**settings, **self.environment}
        self._workdir = workdir
        self.artists = 0

    @property
    def spotify_ids(self) -> int:
        """The rows whose id is a Spotify id: what extract-artists keeps, and so the curated artists."""
        return self.artists + UNKNOWN_IDS

    def seed(self, artists: int) -> None:
        seed_sql = self._workdir / f"{self.name}.sql"
        subprocess.run(
            ["java", "-jar", SIMULATOR_JAR, "mysql-seed", "--artists", str(artists), "--out", seed_sql],
            check=True,
            capture_output=True,
        )
        self._run_sql(SCHEMA_SQL, seed_sql)
        self.artists = artists

    def drop(self) -> None:
        drop_sql = self._workdir / f"drop-{self.name}.sql"
        drop_sql.write_text(f"DROP DATABASE IF EXISTS {self.name};\n")
        self._run_sql(drop_sql)

    def _run_sql(self, *files: Path) -> None:
        # The database is made by the first statement's connection (the lake user may create test_ databases).
        url = self._settings["MYSQL_JDBC_URL"] + "&createDatabaseIfNotExist=true"
        result = subprocess.run(
            ["java", "-jar", LOCAL_MYSQL_JAR, "run-sql", *files],
            env={**os.environ, **self._settings, "MYSQL_JDBC_URL": url},
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, f"local-mysql run-sql {files} failed: {result.stderr}"


class Simulator:
    """A Spotify API simulator of the test's own, so that the faults it is told to inject reach nobody else."""

    def __init__(self, settings: Mapping[str, str], log: Path) -> None:
        self.url = f"http://127.0.0.1:{free_port()}"
        self.environment = {
            "SPOTIFY_API_URL": f"{self.url}/v1",
            "SPOTIFY_ACCOUNTS_URL": self.url,
            "RECCOBEATS_API_URL": f"{self.url}/reccobeats/v1",
        }
        command = ["java", "-jar", SIMULATOR_JAR, "serve", "--port", self.url.rsplit(":", 1)[1]]
        command += ["--client-id", settings["SPOTIFY_CLIENT_ID"], "--client-secret", settings["SPOTIFY_CLIENT_SECRET"]]
        self._log = log
        with log.open("w") as output:
            self._process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        wait_until(self._healthy, 60, lambda: f"the simulator to start:\n{tail(self._log)}", interval=0.2)

    def configure(self, **settings: Any) -> None:
        """POST /_admin/config: the fields given change, the others stay."""
        self._admin("POST", "config", settings)

    def counters(self, endpoint: str) -> dict[str, int]:
        """Requests seen on the endpoint, by status ("200", "503", ...)."""
        return self._admin("GET", "counters")["endpoints"].get(endpoint, {})

    def stop(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=30)

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/health", timeout=2) as response:
                return response.status == 200
        except OSError:
            assert self._process.poll() is None, f"the simulator exited:\n{tail(self._log)}"
            return False

    def _admin(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{self.url}/_admin/{path}", data=data, method=method)
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"null")


class TestAirflow:
    """An Airflow of the test's own: a sqlite home with the DAG of dags/, and processes that get `environment`.

    Its database is a copy of `database` when one is given (see migrated_database), else made afresh.
    """

    __test__ = False  # a helper, not a test class

    def __init__(self, home: Path, environment: Mapping[str, str], database: Path | None = None) -> None:
        self.home = home
        self.api_url = f"http://127.0.0.1:{free_port()}"
        inherited = {name: value for name, value in os.environ.items() if not name.startswith("AIRFLOW")}
        self.environment = {
            **inherited,
            **environment,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": self.api_url.rsplit(":", 1)[1],
            "AIRFLOW__API__BASE_URL": self.api_url,
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{self.api_url}/execution/",
            # The scheduler serves task logs on this port (8793 by default, on every interface).
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
        }
        self._services: dict[str, subprocess.Popen[bytes]] = {}
        home.mkdir(parents=True, exist_ok=True)
        if database:
            shutil.copy(database, self.database)
        else:
            self.cli("db", "migrate")
            # Without the pool the scheduler never queues the fetch tasks (`airflow dags test` ignores pools).
            self.cli("pools", "set", "spotify_api", "1", "Spotify fetch tasks take turns")

    @property
    def database(self) -> Path:
        return self.home / "airflow.db"

    def cli(self, *arguments: str, timeout: float = 120) -> str:
        """Runs `airflow <arguments>` to its end; fails the test with its output when it fails."""
        result = subprocess.run(
            ["airflow", *arguments], env=self.environment, capture_output=True, text=True, timeout=timeout
        )
        output = result.stdout[-4000:] + result.stderr[-4000:]
        assert result.returncode == 0, f"airflow {' '.join(arguments)} failed:\n{output}"
        return result.stdout

    def start(self, *arguments: str, log: str) -> subprocess.Popen[bytes]:
        """Starts `airflow <arguments>` in a session of its own (it may fork), output to <home>/<log>."""
        with (self.home / log).open("w") as output:
            return subprocess.Popen(
                ["airflow", *arguments],
                env=self.environment,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def start_scheduler(self) -> None:
        """The DAG written to the database, then the API server (tasks report to it) and the scheduler.

        No DAG processor: the DAG does not change while a test runs, so parsing it once is enough. The
        first command also writes airflow.cfg, with the secret that the two services must share to trust
        each other's tokens: were they to start first, each would write a secret of its own.
        """
        self.cli("dags", "reserialize")
        self._services["api-server"] = self.start("api-server", log="api-server.log")
        self._services["scheduler"] = self.start("scheduler", log="scheduler.log")
        wait_until(self._api_healthy, 90, lambda: f"the API server:\n{tail(self.home / 'api-server.log')}")

    def stop_scheduler(self) -> None:
        for process in self._services.values():
            stop_session(process)
        self._services.clear()

    def dag_runs(self) -> list[dict[str, Any]]:
        return self._select("SELECT run_id, run_type, state, logical_date FROM dag_run ORDER BY logical_date")

    def task_instances(self, run_id: str | None = None) -> list[dict[str, Any]]:
        query = "SELECT run_id, task_id, state, try_number FROM task_instance"
        return self._select(f"{query} WHERE run_id = ?", (run_id,)) if run_id else self._select(query)

    def failures(self) -> str:
        """The failed or retried tasks and the scheduler's last words: what a failing assertion should show."""
        unhappy = [ti for ti in self.task_instances() if ti["state"] not in ("success", "skipped")]
        return f"task instances not done: {unhappy}\nscheduler log:\n{tail(self.home / 'scheduler.log')}"

    def _select(self, query: str, parameters: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        with sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=10) as connection:
            connection.row_factory = sqlite3.Row
            return [dict(row) for row in connection.execute(query, parameters)]

    def _api_healthy(self) -> bool:
        for name, process in self._services.items():
            assert process.poll() is None, f"airflow {name} exited:\n{tail(self.home / f'{name}.log')}"
        return airflow_answers(self.api_url)


class CeleryAirflow(TestAirflow):
    """An Airflow of the test's own on the CeleryExecutor: a PostgreSQL database of its own on the stack's server,
    the stack's Redis with a Celery queue of its own, and workers started as make demo-celery starts them
    (start_celery_worker of scripts/airflow-env.sh), each in its own directory under the home."""

    def __init__(self, home: Path, environment: Mapping[str, str], celery: Mapping[str, str], queue: str) -> None:
        self._postgres = {name: celery[name] for name in celery if name.startswith("POSTGRES_")}
        api_port = str(free_port())
        settings = celery_settings({**celery, "AIRFLOW_API_HOST": "127.0.0.1", "AIRFLOW_PORT": api_port})
        # Tasks go to this queue, and workers take from it (a worker's default queue is this setting too).
        super().__init__(home, {**environment, **settings, "AIRFLOW__OPERATORS__DEFAULT_QUEUE": queue})
        self.api_url = f"http://127.0.0.1:{api_port}"
        self.environment.update(
            AIRFLOW__API__PORT=api_port,
            AIRFLOW__API__BASE_URL=self.api_url,
            AIRFLOW__CORE__EXECUTION_API_SERVER_URL=settings["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"],
        )

    def start_worker(self, name: str) -> None:
        """A Celery worker named `name`, through scripts/airflow-env.sh as make demo-celery starts it."""
        started = subprocess.run(
            ["bash", "-c", '. scripts/airflow-env.sh && start_celery_worker "$0"', name],
            cwd=REPOSITORY,
            env={
                **self.environment,
                "SPOTIFY_LAKE_AIRFLOW_HOME": str(self.home),
                "AIRFLOW_PORT": self.environment["AIRFLOW__API__PORT"],
            },
            capture_output=True,
            text=True,
            check=True,
        )
        self._services[name] = SessionLeader(int(started.stdout.strip()), self.home / name / "worker.log")

    def worker_log(self, name: str) -> Path:
        return self.home / name / "worker.log"

    def task_instances_with_hosts(self) -> list[dict[str, Any]]:
        """The task instances (their latest tries) with the worker that ran each."""
        return self._select("SELECT run_id, task_id, state, try_number, hostname FROM task_instance")

    def task_tries(self) -> list[dict[str, Any]]:
        """Every try of every task instance: the retried ones' earlier tries are in task_instance_history."""
        columns = "run_id, task_id, try_number, state, hostname, start_date, end_date"
        return self._select(
            f"SELECT {columns} FROM task_instance UNION ALL SELECT {columns} FROM task_instance_history"
        )

    def _select(self, query: str, parameters: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        import psycopg2.extras

        with (
            closing(postgres_connection(self._postgres)) as connection,
            connection.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cursor,
        ):
            cursor.execute(query.replace("?", "%s"), parameters)
            return [dict(row) for row in cursor.fetchall()]


class SessionLeader:
    """A process started elsewhere in a session of its own (a worker), stopped like the services started here."""

    def __init__(self, pid: int, log: Path) -> None:
        self.pid = pid
        self.log = log

    def poll(self) -> int | None:
        """None while it runs; 0 once it has ended (not being its parent, the test cannot know its exit status)."""
        try:
            state = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return 0
        return 0 if state == "Z" else None

    def wait(self, timeout: float | None = None) -> int:
        deadline = time.monotonic() + (timeout if timeout is not None else 1e9)
        while (status := self.poll()) is None:
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.2)
        return status


def celery_values() -> dict[str, str]:
    """What scripts/celery/airflow-celery.env takes on the local stack (.local/celery.env, written by
    scripts/stack.sh up --celery); skips the test when PostgreSQL and Redis do not run."""
    if not CELERY_ENV.is_file():
        pytest.skip("end-to-end on Celery: no .local/celery.env; run scripts/stack.sh up --celery (make test does)")
    values = read_env_file(CELERY_ENV)
    for server, port in (("PostgreSQL", values["POSTGRES_PORT"]), ("Redis", values["REDIS_PORT"])):
        try:
            socket.create_connection(("127.0.0.1", int(port)), timeout=2).close()
        except OSError:
            pytest.skip(f"end-to-end on Celery: {server} does not answer; run scripts/stack.sh up --celery")
    return values


def celery_settings(values: Mapping[str, str]) -> dict[str, str]:
    """scripts/celery/airflow-celery.env with the given values substituted, as a shell that sourced it sees it."""
    lines = (line.strip() for line in CELERY_SETTINGS.read_text().splitlines())
    pairs = (line.split("=", 1) for line in lines if line and not line.startswith("#"))
    return {name: string.Template(value).substitute(values) for name, value in pairs}


def postgres_connection(values: Mapping[str, str], database: str | None = None):
    import psycopg2  # in the Airflow virtualenv, which the Celery tests run in

    return psycopg2.connect(
        host=values["POSTGRES_HOST"],
        port=values["POSTGRES_PORT"],
        user=values["POSTGRES_USER"],
        password=values["POSTGRES_PASSWORD"],
        dbname=database or values["POSTGRES_DB"],
    )


def migrated_database(home: Path) -> Path:
    """An Airflow database migrated once, with the pool the DAG needs: tests start from copies (saves ~10 s each)."""
    return TestAirflow(home, {}).database


def stop_session(process: subprocess.Popen[Any], grace: float = 30) -> None:
    """SIGTERM to the process's session (its children too), SIGKILL once the grace period is over."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # whatever of the session outlived its leader
    except ProcessLookupError:
        pass
    process.wait()
