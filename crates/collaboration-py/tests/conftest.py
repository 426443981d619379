"""Shared fixtures: where the repository is, and the Rust `collaboration`
command, the independent path every cross-check compares against."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TEAM = ROOT / "examples" / "data" / "team.jsonl"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def team() -> Path:
    return TEAM


@pytest.fixture(scope="session")
def cli() -> Path:
    """The `collaboration` command: $COLLABORATION_BIN (as .ci/run builds
    it), else built here with cargo from crates/collaboration-cli."""
    given = os.environ.get("COLLABORATION_BIN")
    if given:
        return Path(given)
    subprocess.run(
        ["cargo", "build", "--quiet", "-p", "collaboration-cli"],
        cwd=ROOT,
        check=True,
    )
    return ROOT / "target" / "debug" / "collaboration"


def run(cli: Path, *args: str | Path) -> str:
    """Runs the command; its standard output."""
    done = subprocess.run([str(cli), *map(str, args)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout
