"""score_file against the `collaboration` command and the polars peer, in
one run, on one file (the 200 000-response benchmark file):

    cargo run --release -p collaboration-tools --bin gen-batch 200000 > target/big.jsonl
    cargo build --release -p collaboration-cli
    pip install ./crates/collaboration-py        # a release build, as pip builds it
    python crates/collaboration-py/bench/bench.py target/big.jsonl target/release/collaboration

Each is run ROUNDS times, interleaved, and the median wall time is kept.
The command is timed as a process (its start-up included, writing its
report to /dev/null); score_file and the peer in this process, the report
converted to a dict included. The peer's figures are checked against the
report to 1e-9 first, so that the two compute the same numbers.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import collaboration

sys.path.insert(0, str(Path(__file__).resolve().parent))
import polars_peer  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "5"))


def main(path: str, cli: str) -> None:
    report = collaboration.score_file(path)
    rust = json.loads(subprocess.run([cli, "score", path], capture_output=True, check=True, text=True).stdout)
    assert report == rust, "score_file and the command disagree"
    found = polars_peer.figures(path)
    for stats in report["foundations"]:
        for field in ("mean", "sd", "rwg"):
            a, b = found[stats["foundation"]][field], stats[field]
            assert a is not None and b is not None and abs(a - b) <= 1e-9, (stats["foundation"], field, a, b)

    times: dict[str, list[float]] = {"score_file": [], "cli": [], "polars": []}
    for _ in range(ROUNDS):
        start = time.perf_counter()
        collaboration.score_file(path)
        times["score_file"].append(time.perf_counter() - start)
        start = time.perf_counter()
        with open(os.devnull, "wb") as null:
            subprocess.run([cli, "score", path], stdout=null, check=True)
        times["cli"].append(time.perf_counter() - start)
        start = time.perf_counter()
        polars_peer.figures(path)
        times["polars"].append(time.perf_counter() - start)
    median = {name: statistics.median(t) for name, t in times.items()}
    n = report["respondents"]
    print(f"{n} responses, {ROUNDS} rounds, {os.cpu_count()} CPUs; median wall time:")
    for name, t in median.items():
        print(f"  {name:<10} {t * 1000:8.1f} ms   (all: {', '.join(f'{x * 1000:.0f}' for x in times[name])})")
    vs_cli = median["score_file"] / median["cli"]
    vs_polars = median["polars"] / median["score_file"]
    print(f"score_file / cli    = {vs_cli:.3f}  (target ≤ 1.2)   {'ok' if vs_cli <= 1.2 else 'MISSED'}")
    print(f"polars / score_file = {vs_polars:.2f}   (target ≥ 4)     {'ok' if vs_polars >= 4 else 'MISSED'}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
