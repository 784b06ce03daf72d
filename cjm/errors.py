"""Errors a user can act on.

Every ``CJMError`` carries a message written for the person at the keyboard: what is
wrong, where (file, row, column) and what to do. Pages show it with ``st.error``;
the CLI prints ``error: <message>`` and exits 2. Anything that is *not* a
``CJMError`` is a bug.
"""

from __future__ import annotations


class CJMError(Exception):
    """A problem the user can fix; ``str(err)`` is the message to show."""


class InputError(CJMError):
    """The uploaded file cannot be used as it is."""


class MappingError(CJMError):
    """The columns cannot be mapped to the canonical fields."""


class AmbiguousDatesError(CJMError):
    """A date column reads both day-first and month-first; the user must choose."""

    def __init__(self, message: str, *, column: str, examples: list[str]):
        super().__init__(message)
        self.column = column
        self.examples = examples


class WorkspaceError(CJMError):
    """The workspace file cannot be opened or written."""


class WorkspaceBusyError(WorkspaceError):
    """Another process holds the workspace open."""
