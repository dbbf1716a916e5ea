"""The JVM class cache with real JVMs and the real jar: recorded by a first successful run, mapped by later ones."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spotify_lake.class_cache import CACHE_VARIABLE, FIRST_AOT_JDK, class_cache, feature_version
from spotify_lake.jvm import DEFAULT_JVM_OPTIONS

LOG = logging.getLogger("spotify_lake.tests")
CLI = Path(__file__).resolve().parents[1] / "spotify_lake" / "class_cache.py"
# A quick run of a subcommand that still loads its classes: its help.
HELP = ["load-s3", "--help"]


def newest_jdk() -> str | None:
    """The java of a JDK 25 or later under /usr/lib/jvm (Trino's), if the machine has one."""
    for java in sorted(Path("/usr/lib/jvm").glob("*/bin/java")):
        if (feature_version(java.parent.parent) or 0) >= FIRST_AOT_JDK:
            return str(java)
    return None


@pytest.fixture
def cache_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "class-cache"
    monkeypatch.setenv(CACHE_VARIABLE, str(folder))
    return folder


def run(java: str, jar: Path, *arguments: str) -> int:
    """One task run as the DAG makes it, through the module's command line (the benchmarks' way)."""
    return subprocess.run(
        [sys.executable, str(CLI), "run", java, str(jar), *arguments], capture_output=True, check=False
    ).returncode


def maps(java: str, jar: Path, options: list[str]) -> bool:
    """Whether the JVM can start the task from the cache: -Xshare:on / -XX:AOTMode=on refuse to start otherwise."""
    strict = "-XX:AOTMode=on" if any(option.startswith("-XX:AOTCache=") for option in options) else "-Xshare:on"
    command = [java, *DEFAULT_JVM_OPTIONS, *options, strict, "-jar", str(jar), *HELP]
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


@pytest.mark.parametrize("java", ["java", newest_jdk()], ids=["default JDK", "JDK 25+"])
def test_the_first_successful_run_records_the_cache_and_later_runs_map_it(java, jar, cache_folder):
    if java is None:
        pytest.skip("no JDK 25 or later under /usr/lib/jvm")
    cache = class_cache(java, str(jar), "load-s3", list(DEFAULT_JVM_OPTIONS), LOG)
    recording = cache.jvm_options()
    assert not any(option.startswith(("-XX:SharedArchiveFile", "-XX:AOTCache=")) for option in recording)

    assert run(java, jar, *HELP) == 0

    assert sorted(cache_folder.iterdir()) == [cache.path], "the cache alone, no recording left behind"
    mapping = class_cache(java, str(jar), "load-s3", list(DEFAULT_JVM_OPTIONS), LOG).jvm_options()
    assert mapping in ([f"-XX:SharedArchiveFile={cache.path}"], [f"-XX:AOTCache={cache.path}"])
    assert maps(java, jar, mapping)


def test_a_failed_run_keeps_nothing(jar, cache_folder):
    assert run("java", jar, "load-s3", "--dt", "2026-02-30") == 2

    assert list(cache_folder.iterdir()) == []


def test_a_new_jar_records_a_new_cache_that_replaces_the_old(jar, cache_folder, tmp_path):
    copy = tmp_path / "spotify-lake.jar"
    shutil.copy(jar, copy)
    assert run("java", copy, *HELP) == 0
    [old] = cache_folder.iterdir()

    os.utime(copy, ns=(copy.stat().st_atime_ns, copy.stat().st_mtime_ns + 1_000_000_000))
    new = class_cache("java", str(copy), "load-s3", list(DEFAULT_JVM_OPTIONS), LOG).path
    assert new != old, "a rebuilt jar never maps the cache of the one before"
    assert run("java", copy, *HELP) == 0

    assert list(cache_folder.iterdir()) == [new]


def test_caching_is_off_when_asked_or_when_the_options_manage_a_cache(jar, cache_folder, monkeypatch):
    own = [*DEFAULT_JVM_OPTIONS, "-XX:AOTCache=/opt/spotify-lake/spotify-lake.aot"]
    assert class_cache("java", str(jar), "load-s3", own, LOG) is None

    monkeypatch.setenv(CACHE_VARIABLE, "off")
    assert class_cache("java", str(jar), "load-s3", list(DEFAULT_JVM_OPTIONS), LOG) is None


def test_a_folder_that_cannot_be_made_means_no_cache_and_says_how_to_fix_it(jar, tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(CACHE_VARIABLE, str(blocker / "class-cache"))

    assert class_cache("java", str(jar), "load-s3", list(DEFAULT_JVM_OPTIONS), LOG) is None
    assert any(CACHE_VARIABLE in message for message in caplog.messages)


def test_recording_keeps_other_runs_recordings_but_deletes_those_a_dead_worker_left(jar, cache_folder):
    stem = class_cache("java", str(jar), "load-s3", list(DEFAULT_JVM_OPTIONS), LOG).path.stem
    orphans = [cache_folder / f"{stem}.4242.recording", cache_folder / f"{stem}.4242.recording.aot"]
    in_progress = cache_folder / f"{stem}.4343.recording"
    other_task = cache_folder / "flatten-to-parquet-0123456789abcdef.4242.recording"
    for path in [*orphans, in_progress, other_task]:
        path.write_text("")
    two_hours_ago = time.time() - 7200
    for path in [*orphans, other_task]:
        os.utime(path, (two_hours_ago, two_hours_ago))

    assert run("java", jar, *HELP) == 0

    cache = class_cache("java", str(jar), "load-s3", list(DEFAULT_JVM_OPTIONS), LOG).path
    assert sorted(cache_folder.iterdir()) == sorted([cache, in_progress, other_task])


def test_a_run_from_the_cache_also_deletes_the_recordings_a_dead_worker_left(jar, cache_folder):
    assert run("java", jar, *HELP) == 0
    [cache] = cache_folder.iterdir()
    orphan = cache_folder / f"{cache.stem}.4242.recording"
    in_progress = cache_folder / f"{cache.stem}.4343.recording"
    for path in (orphan, in_progress):
        path.write_text("")
    two_hours_ago = time.time() - 7200
    os.utime(orphan, (two_hours_ago, two_hours_ago))

    assert run("java", jar, *HELP) == 0

    assert sorted(cache_folder.iterdir()) == sorted([cache, in_progress])
