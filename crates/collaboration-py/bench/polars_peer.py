"""The polars peer: reads the JSON Lines of responses and computes, per
foundation, the mean and sd of the respondents' foundation scores and the
agreement rwg(j), as docs/scoring.md defines them. It is the baseline the
benchmark (bench.py) measures score_file against, and it is a fair one: it
computes a small part of what the report holds, with polars' multi-threaded
reader and expressions.

    python polars_peer.py big.jsonl                  # the figures, as JSON
    python polars_peer.py big.jsonl --check report.json
        # and checks them against a report of the same file to 1e-9

Definitions (docs/scoring.md):
- item score 100 × (keyed − 1) / (A − 1); the built-in foundation items are
  on the 5-point extent scale, positively keyed, "n/a" allowed;
- foundation score: the answered items' scores as one fraction,
  100 × Σ(v − 1) / (4 × answered), when at least ceil(items / 2) are
  answered, else none ("Coverage rule");
- mean and sd (divisor n − 1) over the respondents scored;
- rwg(j): per item with at least two answers, s²ᵢ (divisor nᵢ − 1) over
  σ²_EU = (A² − 1) / 12 = 2; r̄ the mean ratio over the J items;
  rwg(j) = J(1 − r̄) / (J(1 − r̄) + r̄) when r̄ < 1, else 0; none when J = 0.
"""

from __future__ import annotations

import json
import math
import sys

import polars as pl

FOUNDATIONS = [
    "collaborative-mindset",
    "healthy-trusting-relationships",
    "shared-vision-and-purpose",
    "collaborative-behaviours",
    "shared-learning",
    "collaborative-infrastructure",
]
ITEMS = {f: [f"{f}.{n}" for n in (1, 2, 3)] for f in FOUNDATIONS}
POINTS = 5
NULL_VARIANCE = (POINTS**2 - 1) / 12


def figures(path: str) -> dict[str, dict[str, float | None]]:
    every = [item for items in ITEMS.values() for item in items]
    # Answers as text ("n/a" is text); cast to integers, "n/a" to null.
    schema = {"answers": pl.Struct({item: pl.String for item in every})}
    answers = pl.read_ndjson(path, schema=schema).unnest("answers")
    values = answers.select(pl.col(item).cast(pl.Int64, strict=False) for item in every)
    per_foundation = []
    for foundation, items in ITEMS.items():
        keyed = [pl.col(item) - 1 for item in items]
        answered = pl.sum_horizontal(pl.col(item).is_not_null().cast(pl.Int64) for item in items)
        total = pl.sum_horizontal(keyed)
        need = math.ceil(len(items) / 2)
        score = pl.when(answered >= need).then((100 * total) / (4 * answered)).otherwise(None)
        per_foundation.append(score.alias(foundation))
    scores = values.select(per_foundation)
    variances = values.select(pl.col(item).var(ddof=1).alias(item) for item in every).row(0, named=True)
    summary = scores.select(
        [pl.col(f).mean().alias(f"mean {f}") for f in FOUNDATIONS]
        + [pl.col(f).std(ddof=1).alias(f"sd {f}") for f in FOUNDATIONS]
    ).row(0, named=True)
    out: dict[str, dict[str, float | None]] = {}
    for foundation, items in ITEMS.items():
        ratios = [variances[i] / NULL_VARIANCE for i in items if variances[i] is not None]
        rwg: float | None = None
        if ratios:
            j = len(ratios)
            r = sum(ratios) / j
            rwg = j * (1 - r) / (j * (1 - r) + r) if r < 1 else 0.0
        out[foundation] = {"mean": summary[f"mean {foundation}"], "sd": summary[f"sd {foundation}"], "rwg": rwg}
    return out


def check(found: dict[str, dict[str, float | None]], report_path: str) -> None:
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    for stats in report["foundations"]:
        mine = found[stats["foundation"]]
        for field in ("mean", "sd", "rwg"):
            a, b = mine[field], stats[field]
            assert (a is None) == (b is None) and (a is None or abs(a - b) <= 1e-9), (stats["foundation"], field, a, b)


def main(argv: list[str]) -> None:
    found = figures(argv[1])
    if len(argv) > 3 and argv[2] == "--check":
        check(found, argv[3])
    json.dump(found, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv)
