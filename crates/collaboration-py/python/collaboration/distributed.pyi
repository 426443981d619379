from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from collaboration import Instrument, JsonObject, Response

T = TypeVar("T")

def aggregate_partition(
    responses: Iterable[Response],
    key: bytes | None = None,
    *,
    min_segment: int = 3,
    instrument: Instrument | None = None,
) -> bytes: ...
def merge_states(first: bytes, second: bytes, *, instrument: Instrument | None = None) -> bytes: ...
def report_of_state(state: bytes, *, instrument: Instrument | None = None) -> JsonObject: ...
def tree_merge(states: Sequence[T], merge: Callable[[T, T], T]) -> T: ...
