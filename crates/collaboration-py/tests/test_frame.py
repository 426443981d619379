"""scorecards_frame: one row per respondent, equal to the scorecards."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import collaboration

pandas = pytest.importorskip("pandas")


def test_one_row_per_respondent(team: Path) -> None:
    frame = collaboration.scorecards_frame(team)
    cards = collaboration.scorecards(team)
    assert len(frame) == len(cards) == 15
    assert list(frame["respondent"]) == [c["respondent"]["id"] for c in cards]
    for (_, row), card in zip(frame.iterrows(), cards):
        for foundation in card["foundations"]:
            expected = foundation["score"]
            got = row[foundation["foundation"]]
            assert (expected is None and math.isnan(got)) or got == expected
        assert row["overall"] == card["overall"]["score"]
    # The first respondent of the sample: answers 4, 4, 5 on the mindset
    # items score 100 × (3 + 3 + 4) / (3 × 4) = 83.33… (docs/scoring.md).
    assert frame["collaborative-mindset"][0] == pytest.approx(250 / 3, abs=1e-9)
