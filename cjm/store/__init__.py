"""The store owns the workspace file: schema and migrations, the two kinds of writes (data writes that bump the
data version; team notes that never invalidate analyses), the physical order of ``events``, and results kept for
the current data (TEMP caches and kept tables).

Modules: :mod:`~cjm.store.schema` (fields, migrations), :mod:`~cjm.store.workspace` (open, versions, writes),
:mod:`~cjm.store.events` (the one insert path, stage indexes), :mod:`~cjm.store.order` (journey order on disk),
:mod:`~cjm.store.kept` (fingerprints, caches, kept tables), :mod:`~cjm.store.notes` (what the team writes),
:mod:`~cjm.store.backups` (snapshots kept beside the workspace, restore).
"""

from cjm.store.events import (
                              add_customers,
                              apply_stage_model,
                              bump_data_version,
                              insert_events,
                              outcome_lookup_rows,
                              stage_lookup_rows,
)
from cjm.store.schema import EVENT_FIELDS, MIGRATIONS, REQUIRED_FIELDS, SCHEMA_VERSION, STORAGE_ORDER
from cjm.store.workspace import (
                              DEFAULT_PATH,
                              Workspace,
                              check_readable,
                              close_workspace,
                              connect,
                              damaged_error,
                              default_model,
                              default_path,
                              open_workspace,
                              storage_error,
                              write_stage_model,
)

__all__ = ["DEFAULT_PATH", "EVENT_FIELDS", "MIGRATIONS", "REQUIRED_FIELDS", "SCHEMA_VERSION", "STORAGE_ORDER",
           "Workspace", "add_customers", "apply_stage_model", "bump_data_version", "close_workspace", "connect",
           "damaged_error", "default_model", "default_path", "insert_events", "open_workspace", "outcome_lookup_rows",
           "check_readable", "stage_lookup_rows", "storage_error", "write_stage_model"]
