"""The mypy-checked consumer runs."""

from __future__ import annotations

from pathlib import Path

from consumer import main


def test_consumer_runs(team: Path) -> None:
    assert main(team) == 15
