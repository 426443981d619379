"""The distributed run on Dask: a real scheduler and worker processes.

The responses are partitioned, each partition is counted into a state on
the workers, the states are merged in a tree on the workers, and the report
of the last state equals score_file over the whole file (itself checked
against the Rust command in test_rust_equal.py)."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

import collaboration
from collaboration.distributed import aggregate_partition, merge_states, report_of_state, tree_merge

distributed = pytest.importorskip("distributed")


def generated(path: Path, count: int) -> list[str]:
    """`count` valid responses, seeded: every foundation item, the
    misconceptions, power and spectrum, some n/a and missing answers."""
    rng = random.Random(18)
    items = collaboration.builtin_instrument().item_ids()
    lines = []
    orgs = ["City Council", "NHS Trust", "Voluntary Action", "Housing Association", "Police"]
    for n in range(count):
        answers: dict[str, object] = {}
        for item in items:
            roll = rng.random()
            if roll < 0.05:
                continue
            if item.startswith("spectrum."):
                answers[item] = rng.randint(1, 7)
            elif roll < 0.08 and "." in item and not item.startswith(("misconception.", "power.")):
                answers[item] = "n/a"
            else:
                answers[item] = rng.randint(1, 5)
        respondent = {"id": f"r-{n}", "organisation": rng.choice(orgs)}
        line = {"instrument": "collaboration-health-check", "respondent": respondent, "answers": answers}
        lines.append(json.dumps(line))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def pid_and_state(lines: list[str], key: bytes) -> tuple[int, bytes]:
    return os.getpid(), aggregate_partition(lines, key=key)


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=3, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.mark.parametrize("source", ["team", "generated"])
def test_dask_tree_merge_equals_score_file(client, source: str, team: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if source == "team":
        path, lines = team, team.read_text(encoding="utf-8").splitlines()
        parts = 4
    else:
        path = tmp_path / "generated.jsonl"
        lines = generated(path, 5000)
        parts = 7
    key = collaboration.new_key()
    partitions = [lines[i::parts] for i in range(parts)]
    counted = [client.submit(aggregate_partition, part, key, pure=False) for part in partitions]
    # The tree: each level's merges are tasks on the workers, on futures.
    root = tree_merge(counted, lambda a, b: client.submit(merge_states, a, b, pure=False))
    report = report_of_state(root.result())
    assert report == collaboration.score_file(path)
    assert report["respondents"] == len(lines)


def test_dask_work_runs_in_worker_processes(client, team: Path) -> None:  # type: ignore[no-untyped-def]
    key = collaboration.new_key()
    lines = team.read_text(encoding="utf-8").splitlines()
    futures = [client.submit(pid_and_state, lines[i::6], key, pure=False) for i in range(6)]
    results = client.gather(futures)
    pids = {pid for pid, _ in results}
    assert os.getpid() not in pids
    workers = client.scheduler_info()["workers"]
    assert len(workers) >= 2
    # Merged in any order, the report is the same.
    states = [state for _, state in results]
    forward = tree_merge(states, merge_states)
    backward = tree_merge(states[::-1], merge_states)
    assert report_of_state(forward) == report_of_state(backward) == collaboration.score_file(team)


def test_dask_repeat_across_partitions_is_refused(client, team: Path) -> None:  # type: ignore[no-untyped-def]
    key = collaboration.new_key()
    lines = team.read_text(encoding="utf-8").splitlines()
    first = client.submit(aggregate_partition, lines[:8], key, pure=False)
    second = client.submit(aggregate_partition, lines[5:], key, pure=False)
    with pytest.raises(collaboration.MergeError, match="share 3 respondent"):
        client.submit(merge_states, first, second, pure=False).result()
