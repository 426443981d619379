"""The binding against the Rust command: the same report, scorecards and
renderings, parsed from the command's JSON (an independent path: the
command is the Rust crate's own reader and writer, not this binding)."""

from __future__ import annotations

import json
from pathlib import Path

import collaboration
from conftest import run


def test_sample_team_report_equals_the_rust_json_exactly(cli: Path, team: Path) -> None:
    rust = json.loads(run(cli, "score", team))
    python = collaboration.score_file(team)
    # Exact equality of every value, floats bit for bit (Rust writes the
    # shortest text that reads back as the same double, e.g. 50.0).
    assert python == rust
    assert python["respondents"] == 15


def test_threads_and_aggregator_give_the_same_report(cli: Path, team: Path) -> None:
    rust = json.loads(run(cli, "score", team))
    assert collaboration.score_file(team, threads=1) == rust
    aggregator = collaboration.Aggregator(collaboration.builtin_instrument())
    for line in team.read_text(encoding="utf-8").splitlines():
        aggregator.add(line)
    assert aggregator.report() == rust


def test_scorecards_equal_the_rust_each(cli: Path, team: Path) -> None:
    rust = [json.loads(line) for line in run(cli, "each", team).splitlines()]
    instrument = collaboration.builtin_instrument()
    responses = [json.loads(line) for line in team.read_text(encoding="utf-8").splitlines()]
    assert [instrument.score(r) for r in responses] == rust
    assert collaboration.scorecards(team) == rust


def test_csv_export_reads_as_the_jsonl(cli: Path, team: Path, root: Path, tmp_path: Path) -> None:
    # The same respondents as a form tool's CSV (.ci/jsonl-to-csv.py, as CI
    # makes it): the same report as the Rust command gives for the CSV.
    import subprocess
    import sys

    csv = tmp_path / "team.csv"
    with csv.open("w", encoding="utf-8") as out:
        subprocess.run(
            [sys.executable, str(root / ".ci" / "jsonl-to-csv.py"), str(team)], stdout=out, check=True, cwd=root
        )
    rust = json.loads(run(cli, "score", csv))
    assert collaboration.score_file(csv) == rust
    assert rust["respondents"] == 15


def test_html_and_radar_equal_the_rust_rendering(cli: Path, team: Path, tmp_path: Path) -> None:
    report_json = tmp_path / "report.json"
    report_json.write_text(run(cli, "score", team), encoding="utf-8")
    html, svg = tmp_path / "report.html", tmp_path / "radar.svg"
    run(cli, "report", report_json, "--html", html, "--svg", svg)
    report = collaboration.score_file(team)
    assert collaboration.html_report(report) == html.read_text(encoding="utf-8")
    assert collaboration.radar_svg(report) == svg.read_text(encoding="utf-8")


def test_compare_equals_the_rust_compare(cli: Path, team: Path, tmp_path: Path) -> None:
    lines = team.read_text(encoding="utf-8").splitlines()
    earlier_path, later_path = tmp_path / "earlier.jsonl", tmp_path / "later.jsonl"
    earlier_path.write_text("\n".join(lines[:9]) + "\n", encoding="utf-8")
    later_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    earlier_json, later_json = tmp_path / "earlier.json", tmp_path / "later.json"
    earlier_json.write_text(run(cli, "score", earlier_path), encoding="utf-8")
    later_json.write_text(run(cli, "score", later_path), encoding="utf-8")
    rust = json.loads(run(cli, "compare", earlier_json, later_json))
    python = collaboration.compare(collaboration.score_file(earlier_path), collaboration.score_file(later_path))
    assert python == rust


def test_catalogue_has_the_guides_six_foundations() -> None:
    # The Guide names six foundations, in this order (docs/scoring.md's
    # table of the built-in instrument; /work/shared/seeds).
    names = [entry["id"] for entry in collaboration.catalogue()["foundations"]]
    assert names == [
        "collaborative-mindset",
        "healthy-trusting-relationships",
        "shared-vision-and-purpose",
        "collaborative-behaviours",
        "shared-learning",
        "collaborative-infrastructure",
    ]


def test_fhir_files_read_as_the_command_reads_them(cli: Path, team: Path, tmp_path: Path) -> None:
    # FHIR QuestionnaireResponses as servers and the command write them: NDJSON
    # (one compact resource a line), and one pretty-printed Bundle, whose
    # `resourceType` is on a line of its own, first or after the entries. Each
    # file's report is the one the Rust command gives for the same file (its
    # own reader of the first object's fields, an independent path).
    ndjson = tmp_path / "team.ndjson"
    ndjson.write_text(run(cli, "export", "fhir-responses", team), encoding="utf-8")
    resources = [json.loads(line) for line in ndjson.read_text(encoding="utf-8").splitlines()]
    assert len(resources) == 15
    entries = [{"resource": r} for r in resources]
    first = tmp_path / "bundle.json"
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    first.write_text(json.dumps(bundle, indent=2), encoding="utf-8")
    last = tmp_path / "bundle-last"
    bundle = {"type": "collection", "entry": entries, "resourceType": "Bundle"}
    last.write_text(json.dumps(bundle, indent=2), encoding="utf-8")
    for path in (ndjson, first, last):
        rust = json.loads(run(cli, "score", path))
        assert rust["respondents"] == 15
        assert collaboration.score_file(path) == rust, path.name


def test_a_utf16_unicode_text_export_reads_as_the_command_reads_it(cli: Path, root: Path, tmp_path: Path) -> None:
    # Excel's "Unicode Text" (.txt): tab-separated UTF-16 with a byte order
    # mark, written here by Python's own csv and codecs from the CSV that
    # .ci/jsonl-to-csv.py makes of the team. Its report is the command's for
    # the same file, and that of the UTF-8 CSV.
    import csv
    import io
    import subprocess
    import sys

    made = subprocess.run(
        [sys.executable, str(root / ".ci" / "jsonl-to-csv.py"), str(root / "examples" / "data" / "team.jsonl")],
        capture_output=True, text=True, check=True, cwd=root,
    ).stdout
    rows = list(csv.reader(io.StringIO(made)))
    text = io.StringIO()
    csv.writer(text, delimiter="\t", lineterminator="\r\n").writerows(rows)
    unicode_text = tmp_path / "team.txt"
    unicode_text.write_bytes(text.getvalue().encode("utf-16"))
    utf8 = tmp_path / "team.csv"
    utf8.write_text(made, encoding="utf-8")
    rust = json.loads(run(cli, "score", unicode_text))
    assert rust["respondents"] == 15
    assert collaboration.score_file(unicode_text) == rust == json.loads(run(cli, "score", utf8))
