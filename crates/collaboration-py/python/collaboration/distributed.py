"""Helpers for running an aggregate on a distributed engine (Dask, Spark).

The work splits as the crate's state allows: each partition of responses is
counted into an aggregate state on a worker (:func:`aggregate_partition`),
the states travel as bytes and are merged pairwise (:func:`merge_states`,
:func:`tree_merge`), and the last state gives the report
(:func:`report_of_state`). The report is exactly the one a single pass over
every response gives, however the responses were split. The functions live
in an importable module so that workers unpickle them by name. See
docs/python.md for the recipes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from collaboration._native import Aggregator, Instrument, builtin_instrument

__all__ = ["aggregate_partition", "merge_states", "report_of_state", "tree_merge"]

T = TypeVar("T")


def aggregate_partition(
    responses: Iterable[Any],
    key: bytes | None = None,
    *,
    min_segment: int = 3,
    instrument: Instrument | None = None,
) -> bytes:
    """Counts one partition's responses (dicts or JSON text, one response
    each) and returns the aggregate's state. ``key`` is positional too, as
    Dask's ``client.submit`` keeps the keyword ``key`` for itself. Give
    every partition the same
    ``key`` (:func:`collaboration.new_key`) so that a respondent counted in
    two partitions is refused when their states merge."""
    aggregator = Aggregator(instrument or builtin_instrument(), min_segment=min_segment, key=key)
    for response in responses:
        if isinstance(response, str) and not response.strip():
            continue
        aggregator.add(response)
    return aggregator.state()


def merge_states(first: bytes, second: bytes, *, instrument: Instrument | None = None) -> bytes:
    """The state of two states merged."""
    instrument = instrument or builtin_instrument()
    merged = Aggregator.restore(instrument, first)
    merged.merge(Aggregator.restore(instrument, second))
    return merged.state()


def report_of_state(state: bytes, *, instrument: Instrument | None = None) -> dict[str, Any]:
    """The group report of a state."""
    return Aggregator.restore(instrument or builtin_instrument(), state).report()


def tree_merge(states: Sequence[T], merge: Callable[[T, T], T]) -> T:
    """Merges ``states`` pairwise, level by level, in a balanced tree: with
    Dask futures and ``merge`` submitting :func:`merge_states`, each level's
    merges run side by side on the workers."""
    level = list(states)
    if not level:
        raise ValueError("tree_merge needs at least one state")
    while len(level) > 1:
        paired = [merge(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]
