"""The benchmark's polars peer computes what the report holds: per
foundation, mean, sd and rwg(j), to 1e-9 of the Rust command's report."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import run

pytest.importorskip("polars")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import polars_peer  # noqa: E402


def test_peer_agrees_with_the_rust_report(cli: Path, team: Path) -> None:
    report = json.loads(run(cli, "score", team))
    found = polars_peer.figures(str(team))
    for stats in report["foundations"]:
        for field in ("mean", "sd", "rwg"):
            assert found[stats["foundation"]][field] == pytest.approx(stats[field], abs=1e-9)


def test_peer_rwg_of_the_spec_example(tmp_path: Path) -> None:
    # docs/scoring.md#within-group-agreement: item 1 answered 4, 4, 5 and
    # item 2 answered 3, 4, 5 give rwg(j) = 0.8.
    path = tmp_path / "example.jsonl"
    rows = [(4, 3), (4, 4), (5, 5)]
    lines = [
        json.dumps(
            {
                "instrument": "collaboration-health-check",
                "respondent": {"id": f"r{n}"},
                "answers": {"shared-learning.1": a, "shared-learning.2": b},
            }
        )
        for n, (a, b) in enumerate(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert polars_peer.figures(str(path))["shared-learning"]["rwg"] == pytest.approx(0.8, abs=1e-12)
