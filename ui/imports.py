"""Imports that survive the user: each runs in a thread of the server process, not in the page's script run.

Leaving the page or closing the tab stops the script run, never the import. The registry here (one job per
workspace path, shared by every session of this process) holds what the pages show: the status, the progress
(fraction and message), then the :class:`~cjm.ingest.load.ImportReport` or a plain error message. Nothing here
touches a Streamlit element: the thread writes only to its :class:`ImportJob`; the Import page and the sidebar
read it.

- A second import into a workspace while one runs there is refused (:class:`ImportRunningError`).
- :func:`cancel` asks the import to stop at its next step; it is then rolled back (the import runs in one
  transaction) and reported as cancelled. Once the data is being saved it can no longer be cancelled.
- A :class:`~cjm.errors.CJMError` in the thread is stored as its message; any other exception is a bug: it is
  logged, stored in :data:`UNEXPECTED` (tests fail on it) and shown as a plain "failed unexpectedly" message.

>>> from cjm.store import open_workspace
>>> ws = open_workspace(":memory:")
>>> job = start(ws, b"Customer ID,Stage,Date\\n1,Awareness,2026-01-02\\n", file_name="a.csv")
>>> job.wait(30).status, job.report.rows_loaded
('done', 1)
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjm.errors import AmbiguousDatesError, CJMError
from cjm.ingest import import_file
from cjm.ingest.load import ImportReport
from cjm.store import Workspace

log = logging.getLogger(__name__)

#: the import's own progress message from which it commits: a cancel asked for after this is too late
SAVING = "saving"
RUNNING, CANCELLING, DONE, FAILED, CANCELLED = "running", "cancelling", "done", "failed", "cancelled"

#: exceptions that were bugs (not a CJMError), newest last: the tests fail when one is left here
UNEXPECTED: list[BaseException] = []


class ImportRunningError(CJMError):
    """An import into this workspace is running already."""


class _Cancelled(Exception):
    """Raised by the progress callback inside the import's transaction, which is then rolled back."""


@dataclass
class ImportJob:
    """One import in the background; its fields are written by its thread and read by the pages."""
    key: str
    file_name: str
    started: float = field(default_factory=time.time)
    status: str = RUNNING
    fraction: float = 0.0
    message: str = ""
    report: ImportReport | None = None
    #: the plain message of a failed import (a CJMError's text), None otherwise
    error: str | None = None
    #: the CJMError itself: the page shows it in the session's language (``ui.msg``)
    exception: CJMError | None = None
    #: the failure is a date column that reads both ways: the user chooses the order and imports again
    ambiguous_dates: bool = False
    #: a bug, not the user's: the page shows a plain "failed unexpectedly" message
    unexpected: bool = False
    #: the result has been shown on the Import page (the sidebar then stops pointing to it)
    seen: bool = False
    #: the import has reached the point where it commits (cancelling is no longer possible)
    saving: bool = False
    _cancel: threading.Event = field(default_factory=threading.Event, repr=False)
    _finished: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def running(self) -> bool:
        return self.status in (RUNNING, CANCELLING)

    @property
    def percent(self) -> int:
        return int(round(100 * min(max(self.fraction, 0.0), 1.0)))

    def wait(self, timeout: float | None = None) -> ImportJob:
        """Block until the import has ended (or *timeout* seconds have passed); the job."""
        self._finished.wait(timeout)
        return self


_LOCK = threading.Lock()
_JOBS: dict[str, ImportJob] = {}


def _key(ws: Workspace) -> str:
    return ws.path if ws.path == ":memory:" else str(Path(ws.path).resolve())


def job(ws_or_path: Workspace | str) -> ImportJob | None:
    """The latest import into the workspace (running or ended, until :func:`dismiss`), or None."""
    key = _key(ws_or_path) if isinstance(ws_or_path, Workspace) else str(Path(ws_or_path).resolve())
    with _LOCK:
        return _JOBS.get(key)


def jobs() -> list[ImportJob]:
    """Every workspace's latest import in this process, oldest first."""
    with _LOCK:
        return sorted(_JOBS.values(), key=lambda j: j.started)


def start(ws: Workspace, data: bytes | str | os.PathLike, *, file_name: str, remove_after: bool = False,
          **options: Any) -> ImportJob:
    """Start ``import_file(ws, data, file_name=file_name, **options)`` in a thread of its own; the job.

    *remove_after*: *data* is a temporary file (the upload, written once) that is deleted when the import ends.
    Raises :class:`ImportRunningError` when an import into *ws* is running (the temporary file is then removed)."""
    key = _key(ws)
    with _LOCK:
        current = _JOBS.get(key)
        if current is not None and current.running:
            if remove_after:
                with contextlib.suppress(OSError):
                    os.unlink(data)
            raise ImportRunningError(
                f'An import of "{current.file_name}" into this workspace is running ({current.percent}%). Wait until '
                f"it has finished, or cancel it on the Import page, then import again.")
        new = ImportJob(key=key, file_name=file_name)
        _JOBS[key] = new
    thread = threading.Thread(target=_run, args=(new, ws, data, file_name, remove_after, options),
                              name=f"cjm-import-{file_name}", daemon=True)
    thread.start()
    return new


def cancel(ws_or_path: Workspace | str) -> bool:
    """Ask the running import into the workspace to stop; False when there is none or it is already saving."""
    current = job(ws_or_path)
    with _LOCK:  # either the cancel is seen before the import starts saving, or it is refused
        if current is None or not current.running or current.saving:
            return False
        current._cancel.set()
        current.status = CANCELLING
    return True


def dismiss(ws_or_path: Workspace | str) -> None:
    """Forget the ended import into the workspace (a running one stays)."""
    current = job(ws_or_path)
    if current is not None and not current.running:
        with _LOCK:
            if _JOBS.get(current.key) is current:
                del _JOBS[current.key]


def _run(j: ImportJob, ws: Workspace, data: bytes | str | os.PathLike, file_name: str, remove_after: bool,
         options: dict[str, Any]) -> None:
    def progress(fraction: float, message: str) -> None:
        with _LOCK:
            if j._cancel.is_set() and not j.saving:
                raise _Cancelled
            if message == SAVING:  # the last step inside the transaction: after it, the import commits
                j.saving = True
            j.fraction, j.message = fraction, message

    status = FAILED
    try:
        j.report = import_file(ws, data, file_name=file_name, progress=progress, **options)
        j.fraction, status = 1.0, DONE
    except _Cancelled:
        status = CANCELLED
    except AmbiguousDatesError as exc:
        j.error, j.exception, j.ambiguous_dates = str(exc), exc, True
    except CJMError as exc:
        j.error, j.exception = str(exc), exc
    except Exception as exc:  # a bug: logged with its traceback, kept for the tests, never shown on screen
        log.exception("the import of %r failed unexpectedly", file_name)
        UNEXPECTED.append(exc)
        j.unexpected = True
    finally:
        with _LOCK:
            j.status = status
        if remove_after:
            with contextlib.suppress(OSError):
                os.unlink(data)
        j._finished.set()
