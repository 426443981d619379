"""A consumer of the package that uses every function, checked with
`mypy --strict` against the stub (.ci/python.sh) and run by test_consumer."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import collaboration
from collaboration.distributed import aggregate_partition, merge_states, report_of_state, tree_merge


def main(team: Path) -> int:
    instrument: collaboration.Instrument = collaboration.builtin_instrument()
    same = collaboration.Instrument.from_json(json.dumps(instrument.definition()))
    assert same == instrument and same.id == instrument.id and same.digest == instrument.digest
    lines = team.read_text(encoding="utf-8").splitlines()
    instrument.validate(lines[0])
    card: collaboration.Scorecard = instrument.score(lines[0], bands={"developing": 50.0, "strength": 75.0})
    overall = card["overall"]
    assert isinstance(overall, dict)

    key: bytes = collaboration.new_key()
    first = collaboration.Aggregator(same, min_segment=3, bands=None, key=key)
    second = collaboration.Aggregator(same, key=key.hex())
    for line in lines[:7]:
        first.add(line)
    for line in lines[7:]:
        second.add(line)
    restored = collaboration.Aggregator.restore(instrument, first.state(), key=key)
    restored.merge(collaboration.Aggregator.restore(instrument, second.state_json()))
    report: collaboration.Report = restored.report()

    whole = collaboration.score_file(team, threads=2, skip_invalid=False)
    assert report == whole
    earlier = collaboration.score_file(team, instrument=instrument, min_segment=3)
    change: collaboration.Comparison = collaboration.compare(earlier, whole)
    html: str = collaboration.html_report(whole, instrument=instrument, title="Team", earlier=earlier)
    svg: str = collaboration.radar_svg(whole, title="Team", earlier=earlier)
    network: str = collaboration.partners_svg(whole) + collaboration.partners_graphml(whole)
    ties: str = collaboration.partners_csv(whole)
    cards = collaboration.scorecards(team)
    frame = collaboration.scorecards_frame(team)
    names = collaboration.catalogue()["foundations"]

    state = tree_merge([aggregate_partition(lines[i::3], key) for i in range(3)], merge_states)
    assert report_of_state(state) == whole

    try:
        instrument.validate({"instrument": "x", "respondent": {"id": "a"}, "answers": {}})
    except collaboration.InvalidResponse as err:
        where: str | None = err.respondent
        item: str | None = err.item
        at: int | None = err.line
        assert where == "a" and item is None and at is None
    with tempfile.TemporaryDirectory() as tmp:
        try:
            collaboration.score_file(Path(tmp) / "empty.jsonl")
        except (collaboration.InvalidBatch, OSError):
            pass
    respondents = whole["respondents"]
    assert isinstance(respondents, int)
    assert isinstance(change, dict) and "<svg" in svg and "</html>" in html
    assert len(cards) == len(frame) == respondents and isinstance(names, list)
    return respondents


if __name__ == "__main__":
    import sys

    print(main(Path(sys.argv[1])))
