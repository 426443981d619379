"""Aggregate states crossing between Python and the Rust command, both
ways, in both forms (binary and JSON)."""

from __future__ import annotations

import json
from pathlib import Path

import collaboration
from conftest import run


def halves(team: Path, tmp_path: Path) -> tuple[Path, Path]:
    lines = team.read_text(encoding="utf-8").splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[:7]) + "\n", encoding="utf-8")
    second.write_text("\n".join(lines[7:]) + "\n", encoding="utf-8")
    return first, second


def test_python_states_merge_in_rust(cli: Path, team: Path, tmp_path: Path) -> None:
    instrument = collaboration.builtin_instrument()
    key = collaboration.new_key()
    paths = []
    for n, part in enumerate(halves(team, tmp_path)):
        aggregator = collaboration.Aggregator(instrument, key=key)
        for line in part.read_text(encoding="utf-8").splitlines():
            aggregator.add(line)
        binary = tmp_path / f"part{n}.state"
        binary.write_bytes(aggregator.state())
        as_json = tmp_path / f"part{n}.json"
        as_json.write_text(aggregator.state_json(), encoding="utf-8")
        paths.append((binary, as_json))
    whole = json.loads(run(cli, "score", team))
    # Rust reads the binary states Python wrote, and their JSON.
    assert json.loads(run(cli, "merge", paths[0][0], paths[1][0])) == whole
    assert json.loads(run(cli, "merge", paths[0][1], paths[1][1])) == whole


def test_rust_states_restore_in_python(cli: Path, team: Path, tmp_path: Path) -> None:
    instrument = collaboration.builtin_instrument()
    key_file = tmp_path / "partnership.key"
    run(cli, "key", "-o", key_file)
    restored = []
    for n, part in enumerate(halves(team, tmp_path)):
        state = tmp_path / f"rust{n}.state"
        json_state = tmp_path / f"rust{n}.json"
        run(cli, "score", "--key-file", key_file, "--state", state, part)
        run(cli, "score", "--key-file", key_file, "--state", json_state, part)
        restored.append(collaboration.Aggregator.restore(instrument, state.read_bytes()))
        from_json = collaboration.Aggregator.restore(instrument, json_state.read_text(encoding="utf-8"))
        assert from_json.report() == restored[-1].report()
    whole = json.loads(run(cli, "score", team))
    merged = restored[0]
    merged.merge(restored[1])
    assert merged.report() == whole
    # With the key, a restored Rust state takes more responses, and refuses
    # a respondent it already counts.
    key = key_file.read_text(encoding="utf-8").strip()
    first, second = halves(team, tmp_path)
    keyed = collaboration.Aggregator.restore(instrument, (tmp_path / "rust0.state").read_bytes(), key=key)
    for line in second.read_text(encoding="utf-8").splitlines():
        keyed.add(line)
    assert keyed.report() == whole
    try:
        keyed.add(first.read_text(encoding="utf-8").splitlines()[0])
    except collaboration.DuplicateRespondent as err:
        assert err.respondent == json.loads(first.read_text(encoding="utf-8").splitlines()[0])["respondent"]["id"]
    else:
        raise AssertionError("a repeated respondent was counted")


def test_states_round_trip_in_python(team: Path) -> None:
    instrument = collaboration.builtin_instrument()
    aggregator = collaboration.Aggregator(instrument, min_segment=2, bands={"developing": 40.0, "strength": 70.0})
    for line in team.read_text(encoding="utf-8").splitlines():
        aggregator.add(line)
    report = aggregator.report()
    assert report["options"] == {
        "bands": {"strength": 70.0, "developing": 40.0},
        "min_segment": 2,
        "fold_case": False,
        "min_partner_raters": 1,
    }
    assert collaboration.Aggregator.restore(instrument, aggregator.state()).report() == report
    assert collaboration.Aggregator.restore(instrument, aggregator.state_json()).report() == report
    assert aggregator.respondents == 15


def test_instrument_pickles_and_reads_back_its_definition() -> None:
    import pickle

    instrument = collaboration.builtin_instrument()
    again = pickle.loads(pickle.dumps(instrument))
    assert again == instrument and again.digest == instrument.digest
    assert collaboration.Instrument.from_json(json.dumps(instrument.definition())) == instrument
