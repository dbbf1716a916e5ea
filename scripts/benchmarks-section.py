#!/usr/bin/env python3
"""Writes one section of docs/benchmarks.md from stdin, between the markers <!-- bench-NAME:start --> and
<!-- bench-NAME:end -->: it replaces the section when the file has it, else appends it, and leaves the other
sections as they are. Prints the section. Used by the scripts/bench-*.sh behind `make bench-*`.

Usage: scripts/benchmarks-section.py NAME < section.md
"""

import pathlib
import sys

HEADER = "# Benchmarks\n\nEach section is written by its `make bench-*` target.\n"


def main(name):
    target = pathlib.Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
    start, end = f"<!-- bench-{name}:start -->", f"<!-- bench-{name}:end -->"
    section = f"{start}\n{sys.stdin.read().strip()}\n{end}"
    text = target.read_text() if target.exists() else HEADER
    if start in text and end in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    target.parent.mkdir(exist_ok=True)
    target.write_text(text)
    print(section)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
