"""The documentation's commands, run as a reader runs them.

Every fenced ```bash block of README.md and docs/*.md runs from the repository's root in a bash pointed at the
local stack (`set -a; . .local/stack.env; set +a`, as the docs tell the reader), with the jar built, and must exit
0 (`set -euo pipefail`). docs/local-stack.md runs first: it seeds the artists and makes today's day of the lake,
which the other pages' examples read, as a reader who follows it has them.

The line before a fence may say how the block runs:
    <!-- docs-test: skip (<reason>) -->   not here: `(AWS)` for production only, or why another test covers it
    <!-- docs-test: airflow-shell -->     typed in `make airflow-shell`: piped into it, on an Airflow home of the
                                          test's own
Any other block that a shell would run (```sh, ```shell, ```console, or a fence without a language) fails the
test, so that no command escapes it: output shown to the reader goes in ```text.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from e2e_support import REPOSITORY, stack_settings, task_jar

README = REPOSITORY / "README.md"
README_MAX_BYTES = 12 * 1024
# The page the others' examples rely on, run first.
SETUP_PAGE = REPOSITORY / "docs/local-stack.md"

FENCE = re.compile(r"^\s*```(?P<language>[\w-]*)\s*$")
MARKER = re.compile(r"^<!-- docs-test: (?:skip \((?P<reason>[^)]+)\)|(?P<airflow_shell>airflow-shell)) -->$")
UNTESTED_SHELLS = {"", "sh", "shell", "console", "zsh", "shell-session"}
LINK = re.compile(r"\]\((?P<target>[^)#\s]+)(?:#[^)]*)?\)")
BLOCK_TIMEOUT_SECONDS = 900


@dataclass(frozen=True)
class Block:
    path: Path
    line: int  # of the opening fence, 1-based
    language: str
    text: str
    marker: str  # the marker line before the fence, or ""

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(REPOSITORY)}:{self.line}"

    @property
    def skip_reason(self) -> str | None:
        match = MARKER.match(self.marker)
        return match["reason"] if match else None

    @property
    def in_airflow_shell(self) -> bool:
        match = MARKER.match(self.marker)
        return bool(match and match["airflow_shell"])


def documents() -> list[Path]:
    """The setup page, README.md, then the other pages under docs/."""
    pages = sorted(page for page in (REPOSITORY / "docs").glob("*.md") if page != SETUP_PAGE)
    return [SETUP_PAGE, README, *pages]


def blocks_of(path: Path) -> list[Block]:
    lines = path.read_text().splitlines()
    blocks = []
    number = 0
    while number < len(lines):
        fence = FENCE.match(lines[number])
        if not fence:
            number += 1
            continue
        end = next((i for i in range(number + 1, len(lines)) if lines[i].strip() == "```"), len(lines))
        marker = lines[number - 1].strip() if number > 0 else ""
        blocks.append(Block(path, number + 1, fence["language"], "\n".join(lines[number + 1 : end]), marker))
        number = end + 1
    return blocks


ALL_BLOCKS = [block for document in documents() for block in blocks_of(document)]
BASH_BLOCKS = [block for block in ALL_BLOCKS if block.language == "bash"]


def test_every_shell_block_is_bash_and_run_or_marked_with_why_not():
    untested = [block.name for block in ALL_BLOCKS if block.language in UNTESTED_SHELLS and not block.skip_reason]
    assert not untested, (
        f"blocks a shell would run but this test would not: {untested}; make them ```bash (run here), "
        "```text (output), or mark them <!-- docs-test: skip (<reason>) -->"
    )
    assert BASH_BLOCKS, "the docs have commands to run"


def test_every_marker_is_known_and_stands_right_before_a_fence():
    marked_fences = {(block.path, block.line - 1) for block in ALL_BLOCKS if block.marker}
    for document in documents():
        for number, line in enumerate(document.read_text().splitlines(), start=1):
            if "docs-test:" in line:
                where = f"{document.relative_to(REPOSITORY)}:{number}"
                assert MARKER.match(line.strip()), f"{where}: unknown marker {line.strip()!r}"
                assert (document, number) in marked_fences, f"{where}: the marker is not on the line before a fence"


def test_the_readme_is_short_and_every_page_the_docs_link_exists():
    assert README.stat().st_size <= README_MAX_BYTES, f"README.md has {README.stat().st_size} bytes"
    for document in documents():
        for link in LINK.finditer(document.read_text()):
            target = link["target"]
            if "://" in target or target.startswith("mailto:"):
                continue
            page = (document.parent / target).resolve()
            assert page.exists(), f"{document.relative_to(REPOSITORY)} links {target}, which does not exist"


@pytest.fixture(scope="module")
def airflow_home(tmp_path_factory) -> Path:
    """The Airflow home that `make airflow-shell` prepares for the blocks typed in it: the test's own."""
    return tmp_path_factory.mktemp("airflow-shell")


@pytest.mark.e2e
@pytest.mark.parametrize("block", BASH_BLOCKS, ids=lambda block: block.name)
def test_the_command_block_runs_as_written(block, airflow_home):
    if block.skip_reason:
        pytest.skip(block.skip_reason)
    stack_settings()  # skips the test when the stack is not up
    task_jar()  # skips it when the jar is not built
    if re.search(r"(^|[\s(|;])aws ", block.text, re.MULTILINE) and not shutil.which("aws"):
        pytest.skip("the AWS CLI is not installed")
    environment = {**os.environ, "SPOTIFY_LAKE_AIRFLOW_HOME": str(airflow_home)}
    environment.pop("SPOTIFY_LAKE_JAR", None)  # the docs' own `make -s jar-path` names the jar
    if block.in_airflow_shell:
        command, script = ["make", "-s", "airflow-shell"], f"set -euo pipefail\n{block.text}\n"
    else:
        command, script = ["bash", "-c", f"set -euo pipefail\nset -a; . .local/stack.env; set +a\n{block.text}"], None

    result = subprocess.run(
        command,
        cwd=REPOSITORY,
        env=environment,
        input=script,
        stdin=None if script else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=BLOCK_TIMEOUT_SECONDS,
    )

    output = f"stdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}"
    assert result.returncode == 0, f"{block.name} exited {result.returncode}:\n{block.text}\n{output}"
