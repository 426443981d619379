"""Type stub of the collaboration package (the Rust extension and its wrapper)."""

import os
from typing import TypedDict, final

import pandas

from collaboration._errors import (
    CollaborationError as CollaborationError,
    CompareError as CompareError,
    DuplicateRespondent as DuplicateRespondent,
    InvalidBatch as InvalidBatch,
    InvalidInstrument as InvalidInstrument,
    InvalidReport as InvalidReport,
    InvalidResponse as InvalidResponse,
    InvalidState as InvalidState,
    MergeError as MergeError,
)

# A value as JSON reads: what every dict of the package holds.
JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]
# A JSON object.
JsonObject = dict[str, JsonValue]

# A response: the dict of its JSON (docs/wire.md), or its JSON text.
Response = dict[str, JsonValue] | str
# A scorecard, a group report and a comparison: the dicts of the JSON the
# crate writes (docs/wire.md; `collaboration schema scorecard`, `report`,
# `comparison` give their JSON Schemas).
Scorecard = JsonObject
Report = JsonObject
Comparison = JsonObject
# A fingerprint key: 32 bytes, or 64 hexadecimal digits.
Key = bytes | str

class Bands(TypedDict):
    """Band thresholds: `developing` ≤ `strength`, both 0-100."""

    developing: float
    strength: float

@final
class Instrument:
    """An instrument: the items asked, their scales and what each counts towards."""

    @staticmethod
    def from_json(text: str) -> Instrument:
        """Reads and checks a definition; raises InvalidInstrument."""
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def digest(self) -> str: ...
    def item_ids(self) -> list[str]: ...
    def definition(self) -> JsonObject: ...
    def validate(self, response: Response) -> None:
        """Raises InvalidResponse naming the item, respondent and value."""
    def score(self, response: Response, *, bands: Bands | None = None) -> Scorecard: ...

@final
class Aggregator:
    """Counts a group's responses; merges; gives the group report."""

    def __init__(
        self,
        instrument: Instrument,
        *,
        min_segment: int = 3,
        bands: Bands | None = None,
        key: Key | None = None,
        min_partner_raters: int = 1,
    ) -> None: ...
    @staticmethod
    def restore(instrument: Instrument, data: bytes | str, *, key: Key | None = None) -> Aggregator:
        """From a saved state (binary, or JSON); raises InvalidState."""
    def add(self, response: Response) -> None:
        """Raises InvalidResponse, DuplicateRespondent, or InvalidState when restored without its key."""
    def merge(self, other: Aggregator) -> None:
        """Raises MergeError."""
    @property
    def respondents(self) -> int: ...
    def report(self) -> Report: ...
    def state(self) -> bytes:
        """The binary state, as `collaboration score --state` writes it."""
    def state_json(self) -> str: ...

def catalogue() -> JsonObject: ...
def builtin_instrument() -> Instrument: ...
def new_key() -> bytes: ...
def compare(earlier: Report | str, later: Report | str) -> Comparison:
    """Raises InvalidReport or CompareError."""
def html_report(
    report: Report | str,
    *,
    instrument: Instrument | None = None,
    title: str | None = None,
    earlier: Report | str | None = None,
) -> str: ...
def radar_svg(report: Report | str, *, title: str | None = None, earlier: Report | str | None = None) -> str: ...
def partners_svg(report: Report | str) -> str:
    """The partner map's network diagram; raises InvalidReport without a map."""
def partners_graphml(report: Report | str) -> str:
    """The partner map's network as GraphML; raises InvalidReport without a map."""
def partners_csv(report: Report | str) -> str:
    """The partner map's shown ties as CSV; raises InvalidReport without a map."""
def score_file(
    path: str | os.PathLike[str],
    *,
    threads: int | None = None,
    skip_invalid: bool = False,
    instrument: Instrument | None = None,
    min_segment: int = 3,
    bands: Bands | None = None,
    min_partner_raters: int = 1,
) -> Report:
    """Raises InvalidBatch, or OSError for a file that cannot be read."""
def scorecards(
    path: str | os.PathLike[str],
    *,
    skip_invalid: bool = False,
    instrument: Instrument | None = None,
) -> list[Scorecard]: ...
def scorecards_frame(
    path: str | os.PathLike[str],
    *,
    skip_invalid: bool = False,
    instrument: Instrument | None = None,
) -> pandas.DataFrame: ...

__all__ = [
    "Aggregator",
    "CollaborationError",
    "CompareError",
    "DuplicateRespondent",
    "Instrument",
    "InvalidBatch",
    "InvalidInstrument",
    "InvalidReport",
    "InvalidResponse",
    "InvalidState",
    "MergeError",
    "builtin_instrument",
    "catalogue",
    "compare",
    "html_report",
    "new_key",
    "radar_svg",
    "partners_svg",
    "partners_graphml",
    "partners_csv",
    "score_file",
    "scorecards",
    "scorecards_frame",
]
