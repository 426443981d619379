"""The partner map (docs/scoring.md#the-partner-map) from Python: the
sample team's map equals the `collaboration` command's, and
`min_partner_raters` hides ties with fewer raters."""

from __future__ import annotations

import json
from pathlib import Path

import collaboration

from conftest import run


def test_the_partner_map_equals_the_commands(cli: Path, team: Path) -> None:
    ours = collaboration.score_file(team)["partners"]
    theirs = json.loads(run(cli, "score", team))["partners"]
    assert ours == theirs
    # By hand from team.jsonl: City Council rates Community Voice 6 and 6,
    # Community Voice rates City Council 3 and 2: 3.5 levels apart.
    pair = next(p for p in ours["pairs"] if (p["first"], p["second"]) == ("City Council", "Community Voice"))
    assert pair["mismatched"] and pair["reciprocity_gap"] == 3.5


def test_min_partner_raters_hides_ties_rated_by_fewer(team: Path) -> None:
    aggregator = collaboration.Aggregator(collaboration.builtin_instrument(), min_partner_raters=2)
    for line in team.read_text(encoding="utf-8").splitlines():
        if line.strip():
            aggregator.add(json.loads(line))
    partners = aggregator.report()["partners"]
    # team.jsonl has ten ties: six rated by two people, four by one.
    assert len(partners["ties"]) == 6
    assert partners["suppressed_ties"] == 4
    assert all(t["raters"] >= 2 for t in partners["ties"])


def test_a_bad_partner_rating_is_an_invalid_response() -> None:
    hc = collaboration.builtin_instrument()
    response = {
        "instrument": "collaboration-health-check",
        "respondent": {"id": "r-1", "organisation": "A"},
        "answers": {},
        "partners": {"A": {"current": 3, "needed": 4}},
    }
    try:
        hc.validate(response)
    except collaboration.InvalidResponse as err:
        assert err.respondent == "r-1"
        assert "own organisation" in str(err)
    else:
        raise AssertionError("a self-rating was accepted")


def test_the_pictures_and_exports_are_the_commands(cli: Path, team: Path, tmp_path: Path) -> None:
    report = collaboration.score_file(team)
    run(cli, "partners", team, "--svg", tmp_path / "p.svg", "--graphml", tmp_path / "p.graphml", "--csv", tmp_path / "t.csv")
    assert collaboration.partners_svg(report) == (tmp_path / "p.svg").read_text(encoding="utf-8")
    assert collaboration.partners_graphml(report) == (tmp_path / "p.graphml").read_text(encoding="utf-8")
    assert collaboration.partners_csv(report) == (tmp_path / "t.csv").read_text(encoding="utf-8")


def test_a_report_without_partner_ratings_has_no_map_to_draw() -> None:
    aggregator = collaboration.Aggregator(collaboration.builtin_instrument())
    aggregator.add({"instrument": "collaboration-health-check", "respondent": {"id": "x"}, "answers": {}})
    try:
        collaboration.partners_svg(aggregator.report())
    except collaboration.InvalidReport as err:
        assert "no partner map" in str(err)
    else:
        raise AssertionError("a map was drawn from no ratings")
