"""Every exception class, raised by the input that should raise it, with
the item, respondent and line it names. The expected words come from the
spec's messages (docs/wire.md, the CLI's CI check of the same bad line)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import collaboration

HC = "collaboration-health-check"


def response(answers: dict[str, object], rid: str = "x") -> dict[str, object]:
    return {"instrument": HC, "respondent": {"id": rid}, "answers": answers}


def test_hierarchy() -> None:
    for cls in (
        collaboration.InvalidResponse,
        collaboration.DuplicateRespondent,
        collaboration.InvalidInstrument,
        collaboration.InvalidState,
        collaboration.InvalidReport,
        collaboration.MergeError,
        collaboration.CompareError,
        collaboration.InvalidBatch,
    ):
        assert issubclass(cls, collaboration.CollaborationError)
    assert issubclass(collaboration.CollaborationError, Exception)


def test_invalid_response_names_item_respondent_and_value() -> None:
    instrument = collaboration.builtin_instrument()
    with pytest.raises(collaboration.InvalidResponse) as caught:
        instrument.validate(response({"shared-learning.1": 9}))
    err = caught.value
    # The same words the CLI prints for this answer (.ci/run).
    assert str(err) == "respondent `x`, item `shared-learning.1`: 9 is outside the scale 1..=5"
    assert (err.item, err.respondent, err.line) == ("shared-learning.1", "x", None)
    with pytest.raises(collaboration.InvalidResponse) as caught:
        instrument.score(response({"no-such.1": 3}))
    assert caught.value.item == "no-such.1"


def test_invalid_response_text_has_its_line() -> None:
    instrument = collaboration.builtin_instrument()
    with pytest.raises(collaboration.InvalidResponse) as caught:
        instrument.validate('{"instrument": "collaboration-health-check",\n "respondent": 7}')
    assert caught.value.line == 2
    assert caught.value.respondent is None


def test_duplicate_respondent() -> None:
    aggregator = collaboration.Aggregator(collaboration.builtin_instrument())
    aggregator.add(response({"shared-learning.1": 3}, "ann"))
    with pytest.raises(collaboration.DuplicateRespondent) as caught:
        aggregator.add(response({"shared-learning.1": 4}, "ann"))
    assert caught.value.respondent == "ann"
    assert aggregator.respondents == 1


def test_invalid_instrument() -> None:
    with pytest.raises(collaboration.InvalidInstrument) as caught:
        collaboration.Instrument.from_json('{"id": "x",\n "version": 1}')
    assert caught.value.line == 2
    with pytest.raises(collaboration.InvalidInstrument):
        collaboration.Instrument.from_json("[]")


def test_invalid_state() -> None:
    instrument = collaboration.builtin_instrument()
    with pytest.raises(collaboration.InvalidState):
        collaboration.Aggregator.restore(instrument, b"not a state at all")
    aggregator = collaboration.Aggregator(instrument)
    aggregator.add(response({"shared-learning.1": 3}))
    state = aggregator.state()
    with pytest.raises(collaboration.InvalidState):
        collaboration.Aggregator.restore(instrument, state[:-3])
    # Without its key, a restored state cannot take responses.
    restored = collaboration.Aggregator.restore(instrument, state)
    with pytest.raises(collaboration.InvalidState):
        restored.add(response({"shared-learning.1": 3}, "y"))
    with pytest.raises(collaboration.InvalidState):
        collaboration.Aggregator.restore(instrument, state, key=collaboration.new_key())


def test_merge_error() -> None:
    instrument = collaboration.builtin_instrument()
    key = collaboration.new_key()
    a = collaboration.Aggregator(instrument, key=key)
    b = collaboration.Aggregator(instrument, key=key)
    a.add(response({"shared-learning.1": 3}, "ann"))
    b.add(response({"shared-learning.1": 4}, "ann"))
    with pytest.raises(collaboration.MergeError, match="share 1 respondent"):
        a.merge(b)
    with pytest.raises(collaboration.MergeError, match="different options"):
        a.merge(collaboration.Aggregator(instrument, min_segment=5))


def test_invalid_report_and_compare_error(tmp_path: Path) -> None:
    with pytest.raises(collaboration.InvalidReport):
        collaboration.radar_svg({"instrument": 1})
    report = collaboration.score_file(Path(__file__).resolve().parents[3] / "examples" / "data" / "team.jsonl")
    other = json.loads(json.dumps(report))
    other["instrument"] = "another-instrument"
    with pytest.raises(collaboration.CompareError):
        collaboration.compare(report, other)


def test_invalid_batch(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    good = json.dumps(response({"shared-learning.1": 3}, "a"))
    bad.write_text(good + "\n" + json.dumps(response({"shared-learning.1": 9})) + "\n", encoding="utf-8")
    with pytest.raises(collaboration.InvalidBatch) as caught:
        collaboration.score_file(bad)
    err = caught.value
    assert (err.item, err.respondent, err.line) == ("shared-learning.1", "x", 2)
    assert "1 of 2 response(s) are invalid" in str(err)
    # Skipping it, the valid one is scored.
    assert collaboration.score_file(bad, skip_invalid=True)["respondents"] == 1
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(collaboration.InvalidBatch, match="no responses"):
        collaboration.score_file(empty)
    with pytest.raises(FileNotFoundError):
        collaboration.score_file(tmp_path / "missing.jsonl")


def test_scorecards_frame_without_pandas(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # pandas hidden: a clear ImportError naming it.
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="needs pandas"):
        collaboration.scorecards_frame(tmp_path / "any.jsonl")
