"""Score assessments of Collaborate CIC's framework for effective collaboration.

The Rust crate ``collaboration``, from Python: one response gives a
scorecard, many give a group report, and an aggregate's state can be saved,
sent to another process and merged. Every dict returned is the JSON the crate
(and the ``collaboration`` command) writes. See docs/python.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from collaboration._errors import (
    CollaborationError,
    CompareError,
    DuplicateRespondent,
    InvalidBatch,
    InvalidInstrument,
    InvalidReport,
    InvalidResponse,
    InvalidState,
    MergeError,
)
from collaboration._native import (
    Aggregator,
    Instrument,
    builtin_instrument,
    catalogue,
    compare,
    html_report,
    new_key,
    radar_svg,
    partners_svg,
    partners_graphml,
    partners_csv,
    score_file,
    scorecards,
)

if TYPE_CHECKING:
    import os

    import pandas

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


def _row(card: dict[str, Any]) -> dict[str, Any]:
    """One scorecard as a flat row: who, then every score."""
    respondent = card["respondent"]
    row: dict[str, Any] = {
        "respondent": respondent["id"],
        "organisation": respondent.get("organisation"),
        "roles": ",".join(respondent.get("roles") or []) or None,
    }
    for foundation in card["foundations"]:
        row[foundation["foundation"]] = foundation["score"]
    row["overall"] = card["overall"]["score"]
    power = card.get("power")
    row["power"] = power["score"] if power else None
    spectrum = card.get("spectrum")
    row["spectrum_current"] = spectrum.get("current") if spectrum else None
    row["spectrum_needed"] = spectrum.get("needed") if spectrum else None
    return row


def scorecards_frame(
    path: str | os.PathLike[str],
    *,
    skip_invalid: bool = False,
    instrument: Instrument | None = None,
) -> pandas.DataFrame:
    """Every respondent's scores in a file, as a pandas DataFrame.

    One row per respondent, in the file's order: ``respondent``,
    ``organisation``, ``roles`` (comma-separated), one column per foundation
    (its 0-100 score, NaN when not scored), ``overall``, ``power``,
    ``spectrum_current`` and ``spectrum_needed``. Needs pandas
    (``pip install pandas``); raises ImportError naming it otherwise.
    """
    try:
        import pandas
    except ImportError as err:  # pragma: no cover - exercised by a test that hides pandas
        raise ImportError(
            "collaboration.scorecards_frame needs pandas: pip install pandas "
            "(or collaboration.scorecards(path) gives the same as dicts)"
        ) from err
    cards = scorecards(path, skip_invalid=skip_invalid, instrument=instrument)
    return pandas.DataFrame([_row(card) for card in cards])
