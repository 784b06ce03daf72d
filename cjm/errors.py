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


class StorageError(WorkspaceError):
    """The disk refused the workspace: full, read-only, no permission, locked, or the file is damaged.

    *kind* is one of ``full``, ``read_only``, ``damaged``, ``broken`` (the connection failed after an earlier
    disk error and is reopened on the next try), ``io``; *committed* is true when the change the user asked for
    was saved before the fault (the message then says so)."""

    def __init__(self, message: str, *, kind: str, committed: bool = False):
        super().__init__(message)
        self.kind = kind
        self.committed = committed


class DamagedWorkspaceError(StorageError):
    """The workspace file is damaged; *backup* is the id of the latest good snapshot, if any (to restore)."""

    def __init__(self, message: str, *, path: str, backup: str | None = None):
        super().__init__(message, kind="damaged")
        self.path = path
        self.backup = backup


class WorkspaceBusyError(StorageError):
    """Another process holds the workspace open."""

    def __init__(self, message: str, *, kind: str = "busy", committed: bool = False):
        super().__init__(message, kind=kind, committed=committed)
