"""Start-up caches of the task JVMs: what a subcommand's first run loaded, kept so that later runs start from it.

A task runs seconds to minutes, and its JVM spends a good part of a short run loading, verifying and compiling
the jar's classes (flatten-to-parquet of 1M tracks on 2 cores: about 1 CPU-second of 8). The first successful
run of a subcommand with a given jar, JDK and JVM options records what it loaded; later runs map it in:

- JDK 25 and later: an AOT cache (JEPs 483, 514, 515), the classes loaded and linked and the methods' profiles,
  so the JIT compiles the hot paths early. Recorded with -XX:AOTMode=record, made into the cache by one more
  `java -XX:AOTMode=create` after the task (its output would break the task's last-line-is-the-summary rule);
- JDK 13 to 24: a dynamic CDS archive (-XX:ArchiveClassesAtExit), the classes parsed and verified.

A cache's file name holds a digest of the subcommand, the jar's and the JDK's size and modification time, and
the JVM options: a new jar, JDK or option set records a new cache and never maps a stale one (the JVM checks
the jar too, and runs without a cache it cannot use). A recording is written under a name of its own process
and kept only when the run succeeded; caches of the same subcommand with other digests are then deleted. Every
run also deletes the subcommand's recordings left for over an hour by a worker that died before it could keep or
drop them.

SPOTIFY_LAKE_CLASS_CACHE names the folder (default: class-cache beside the jar), or turns caching off. JVM options
that name a cache of their own (SPOTIFY_LAKE_JVM_OPTIONS with -XX:AOTCache, say) turn it off for that run.

Run as a script it serves the benchmarks, without Airflow: `class_cache.py run JAVA JAR SUBCOMMAND ARGS...`
runs a task as the DAG does (recording the cache if there is none), `class_cache.py options JAVA JAR SUBCOMMAND`
prints the options that map an existing cache (nothing when there is none).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the DAG folder is not on the path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from spotify_lake.jvm import jvm_options

CACHE_VARIABLE = "SPOTIFY_LAKE_CLASS_CACHE"
CACHE_OFF = "off"
# The first JDK whose AOT cache holds method profiles and can be recorded by the task's own run.
FIRST_AOT_JDK = 25
# The first JDK that can record a dynamic CDS archive at exit.
FIRST_CDS_JDK = 13
# Options with which the user manages a cache, or sharing, themselves.
OWN_CACHE_OPTIONS = ("-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit", "-XX:AOTCache", "-XX:AOTMode",
                     "-XX:AOTConfiguration", "-XX:AOTCacheOutput", "-Xshare")
DIGEST_LENGTH = 16
# Longer than any creation seen (about 10 s for flatten-to-parquet); past it the task goes on without a cache.
CREATE_TIMEOUT_SECONDS = 300
# A recording exists from its JVM's exit until the operator keeps or drops it: at most the AOT cache's creation.
# One older than this was left by a worker that died in between, and nothing else would ever delete it.
ORPHANED_RECORDING_SECONDS = 3600


class ClassCache:
    """The cache of one subcommand with one jar, JDK and set of JVM options: mapped if it exists, else recorded."""

    def __init__(self, java: str, jar: str, options: list[str], path: Path, ahead_of_time: bool) -> None:
        self.path = path
        self._java = java
        self._jar = jar
        self._options = options
        self._ahead_of_time = ahead_of_time
        self._recording: Path | None = None

    def jvm_options(self) -> list[str]:
        """The options of this run: map the cache, or record one into a file of this process."""
        if self.path.is_file():
            return [f"-XX:AOTCache={self.path}"] if self._ahead_of_time else [f"-XX:SharedArchiveFile={self.path}"]
        self._recording = self.path.with_name(f"{self.path.stem}.{os.getpid()}.recording")
        # A recording warns of every class it leaves out (hundreds of lines): they would bury the task's log.
        if self._ahead_of_time:
            return ["-XX:AOTMode=record", f"-XX:AOTConfiguration={self._recording}", "-Xlog:aot*=off:stderr",
                    "-Xlog:cds*=off:stderr"]
        return [f"-XX:ArchiveClassesAtExit={self._recording}", "-Xlog:cds*=off:stderr"]

    def finish(self, succeeded: bool, log: logging.Logger) -> None:
        """Keeps what a successful run recorded as the cache, drops it otherwise, and deletes the orphaned
        recordings of this subcommand. Never fails the task."""
        recording, self._recording = self._recording, None
        if recording is not None:
            self._keep_or_drop(recording, succeeded, log)
        try:
            self._delete_orphaned_recordings()
        except OSError as error:
            log.warning("Could not clean up the JVM's class cache folder %s: %s", self.path.parent, error)

    def _keep_or_drop(self, recording: Path, succeeded: bool, log: logging.Logger) -> None:
        made = self.path.with_name(f"{recording.name}{self.path.suffix}")
        try:
            kept = self._cache_from(recording, made, log) if succeeded and recording.is_file() else None
            if kept is not None:
                os.replace(kept, self.path)
                self._delete_older()
                log.info("Recorded the JVM's class cache %s: later runs of this task start from it", self.path)
        except OSError as error:
            log.warning("Could not keep the JVM's class cache %s: %s", self.path, error)
        finally:
            for leftover in (recording, made):
                leftover.unlink(missing_ok=True)

    def _cache_from(self, recording: Path, made: Path, log: logging.Logger) -> Path | None:
        """The cache file a recording gives: itself for a CDS archive; made from it by the JVM for an AOT cache."""
        if not self._ahead_of_time:
            return recording
        create = [self._java, *self._options, "-XX:AOTMode=create", f"-XX:AOTConfiguration={recording}",
                  f"-XX:AOTCache={made}", "-jar", self._jar]
        try:
            result = subprocess.run(create, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                    timeout=CREATE_TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            log.warning("Could not make the JVM's AOT cache %s: %s", self.path, error)
            return None
        if result.returncode != 0 or not made.is_file():
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            log.warning("Could not make the JVM's AOT cache %s (exit %d): %s", self.path, result.returncode, last)
            return None
        return made

    def _delete_older(self) -> None:
        """Deletes the caches of this subcommand for other jars, JDKs or options."""
        cache = re.compile(rf"{self._subcommand_digest()}{re.escape(self.path.suffix)}")
        for other in self.path.parent.iterdir():
            if other != self.path and cache.fullmatch(other.name):
                other.unlink(missing_ok=True)

    def _delete_orphaned_recordings(self) -> None:
        """Deletes this subcommand's recordings older than any run keeps one (not those in progress)."""
        recording = re.compile(rf"{self._subcommand_digest()}\.[0-9]+\.recording(\.aot|\.jsa)?")
        orphaned_before = time.time() - ORPHANED_RECORDING_SECONDS
        for other in self.path.parent.iterdir():
            if recording.fullmatch(other.name) and _modified(other) < orphaned_before:
                other.unlink(missing_ok=True)

    def _subcommand_digest(self) -> str:
        """The pattern of this subcommand's file names up to their digest, whichever the digest."""
        subcommand = re.escape(self.path.name.rsplit("-", 1)[0])
        return rf"{subcommand}-[0-9a-f]{{{DIGEST_LENGTH}}}"


def class_cache(java: str, jar: str, subcommand: str, options: list[str],
                log: logging.Logger) -> ClassCache | None:
    """The cache for this run, or None: caching is off, the options manage a cache, or the JDK cannot record."""
    folder = os.environ.get(CACHE_VARIABLE, "").strip()
    if folder == CACHE_OFF or any(option.startswith(OWN_CACHE_OPTIONS) for option in options):
        return None
    jdk = _jdk_home(java)
    version = feature_version(jdk) if jdk else None
    if version is None or version < FIRST_CDS_JDK:
        return None
    directory = Path(folder) if folder else Path(jar).resolve().parent / "class-cache"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.warning("No JVM class cache: cannot create %s (%s); set %s to a writable folder, or to %s",
                    directory, error, CACHE_VARIABLE, CACHE_OFF)
        return None
    modules = jdk / "lib" / "modules"
    jar_file = Path(jar).resolve()
    identity = [subcommand, str(jar_file), *_size_and_time(jar_file), str(jdk), *_size_and_time(modules), *options]
    digest = hashlib.sha256(json.dumps(identity).encode()).hexdigest()[:DIGEST_LENGTH]
    ahead_of_time = version >= FIRST_AOT_JDK
    path = directory / f"{subcommand}-{digest}{'.aot' if ahead_of_time else '.jsa'}"
    return ClassCache(java, jar, options, path, ahead_of_time)


def _jdk_home(java: str) -> Path | None:
    found = shutil.which(java)
    return Path(found).resolve().parent.parent if found else None


def feature_version(jdk: Path) -> int | None:
    """17 for a JDK whose release file says JAVA_VERSION="17.0.15"; None without one."""
    try:
        lines = (jdk / "release").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        name, _, value = line.partition("=")
        if name == "JAVA_VERSION":
            feature = value.strip().strip('"').split(".")[0]
            return int(feature) if feature.isdigit() else None
    return None


def _modified(path: Path) -> float:
    """The file's modification time; now for one that is gone (another worker deleted it first)."""
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return time.time()


def _size_and_time(path: Path) -> list[int]:
    try:
        status = path.stat()
    except OSError:
        return [-1, -1]
    return [status.st_size, status.st_mtime_ns]


def _main(arguments: list[str]) -> int:
    usage = "usage: class_cache.py run JAVA JAR SUBCOMMAND [ARGS...] | options JAVA JAR SUBCOMMAND"
    if len(arguments) < 4 or arguments[0] not in ("run", "options"):
        print(usage, file=sys.stderr)
        return 2
    mode, java, jar, subcommand, *rest = arguments
    logging.basicConfig(level=logging.INFO, format="class_cache: %(message)s", stream=sys.stderr)
    log = logging.getLogger("class_cache")
    options = jvm_options()
    cache = class_cache(java, jar, subcommand, options, log)
    if mode == "options":
        print(shlex.join(cache.jvm_options() if cache and cache.path.is_file() else []))
        return 0
    extra = cache.jvm_options() if cache else []
    exit_code = subprocess.run([java, *options, *extra, "-jar", jar, subcommand, *rest], check=False).returncode
    if cache:
        cache.finish(exit_code == 0, log)
    return exit_code


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
