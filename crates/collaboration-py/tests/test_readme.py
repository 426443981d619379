"""The README's Python example runs, and prints what it says.

The example is the first ```python block after the heading "## Python" of
the repository's README.md (COLLABORATION_README names another file, e.g.
the fragment before it is merged); the package's own README.md carries
the same example and is run too."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

import collaboration

ROOT = Path(__file__).resolve().parents[3]


def example(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    heading = re.search(r"^## Python$", text, re.MULTILINE)
    assert heading, f"{path} has no '## Python' section"
    section = text[heading.end():]
    following = re.search(r"^## ", section, re.MULTILINE)
    section = section[: following.start()] if following else section
    block = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert block, f"{path}: no ```python block under '## Python'"
    return block.group(1)


@pytest.mark.parametrize(
    "readme",
    [
        Path(os.environ.get("COLLABORATION_README", ROOT / "README.md")),
        ROOT / "crates" / "collaboration-py" / "README.md",
    ],
    ids=["root", "package"],
)
def test_readme_example_runs(readme: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = example(readme)
    assert len(code.strip().splitlines()) <= 5
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(readme), "exec"), {})
    lines = out.getvalue().splitlines()
    report = collaboration.score_file(ROOT / "examples" / "data" / "team.jsonl")
    # One line per foundation, its mean to one decimal place.
    assert lines == [f"{f['foundation']} {round(f['mean'], 1)}" for f in report["foundations"]]
    assert lines[0] == "collaborative-mindset 76.7"
