"""Import: turn a user's CSV / TXT / XLSX file into rows of the workspace's ``events`` table.

Public API: :func:`inspect` (look, write nothing), :func:`import_file` (load, all or nothing),
:func:`rejected_rows` (what was not loaded, and why). See :mod:`cjm.ingest.load`.

>>> from cjm.store import open_workspace
>>> ws = open_workspace(":memory:")
>>> import_file(ws, b"id;stage\\n1;awareness\\n", file_name="a.csv").rows_loaded
1
"""

from cjm.ingest.load import ImportReport, Inspection, import_file, inspect, read_raw, rejected_rows

__all__ = ["ImportReport", "Inspection", "import_file", "inspect", "read_raw", "rejected_rows"]
