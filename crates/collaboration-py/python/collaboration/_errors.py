"""The exceptions of the collaboration package.

Every one carries ``item``, ``respondent`` and ``line``: the item, the
respondent and the line (of a response's JSON text, or of a file: its line,
row, element or resource number) the problem is at, each ``None`` when it is
not known.
"""

from __future__ import annotations


class CollaborationError(Exception):
    """The base of every error the collaboration package raises."""

    item: str | None
    respondent: str | None
    line: int | None

    def __init__(
        self,
        message: str,
        *,
        item: str | None = None,
        respondent: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.item = item
        self.respondent = respondent
        self.line = line


class InvalidResponse(CollaborationError, ValueError):
    """A response that cannot be scored: not a response's shape, an unknown
    item, an answer outside its scale, another instrument…"""


class DuplicateRespondent(CollaborationError, ValueError):
    """A respondent an aggregator has counted already."""


class InvalidInstrument(CollaborationError, ValueError):
    """An instrument definition that is not valid."""


class InvalidState(CollaborationError, ValueError):
    """A saved aggregate state that cannot be read or used: corrupt, of
    another instrument, the wrong key, or restored without its key when a
    response is added."""


class InvalidReport(CollaborationError, ValueError):
    """A dict (or JSON text) that is not a group report."""


class MergeError(CollaborationError):
    """Two aggregates that cannot be merged: other instruments or options, or
    respondents in common."""


class CompareError(CollaborationError):
    """Two reports that cannot be compared: of different instruments."""


class InvalidBatch(CollaborationError):
    """A file of responses that cannot be scored: invalid responses (without
    ``skip_invalid``), none scorable, a broken array or table, no responses.
    ``item``, ``respondent`` and ``line`` are the first rejected response's."""


__all__ = [
    "CollaborationError",
    "CompareError",
    "DuplicateRespondent",
    "InvalidBatch",
    "InvalidInstrument",
    "InvalidReport",
    "InvalidResponse",
    "InvalidState",
    "MergeError",
]
