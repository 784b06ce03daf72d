"""The import orchestrator: read → map → convert → load, all in one workspace transaction.

>>> from cjm.store import open_workspace
>>> ws = open_workspace(":memory:")
>>> rep = import_file(ws, b"Customer ID,Stage,Date\\n007,Awareness,2026-01-02\\n,Research,2026-01-03\\n",
...                   file_name="a.csv")
>>> rep.rows_read, rep.rows_loaded, rep.rows_rejected
(2, 1, 1)
>>> rejected_rows(ws)["reason"].tolist()
['Row 3: the customer ID is empty (column "Customer ID")']
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from cjm.core.sql import ident
from cjm.core.stage_model import StageModel
from cjm.errors import CJMError, InputError, Message
from cjm.ingest.detect import detect_kind
from cjm.ingest.mapping import guess_mapping, lifecycle_column, resolve_mapping
from cjm.ingest.raw import RawTable
from cjm.ingest.values import TypedRows, date_stats, raw_expr
from cjm.store import Workspace, insert_events, outcome_lookup_rows, stage_lookup_rows, write_stage_model
from cjm.store.kept import VALUE_READINGS, VALUE_USER_KEY
from cjm.store.order import TIE_ORDERS

if TYPE_CHECKING:  # pandas is imported only when a DataFrame is made (it costs ~1 s at start-up)
    import pandas as pd

PREVIEW_ROWS = 20
_RAW = "_cjm_raw"


@dataclass
class Inspection:
    """What a file looks like, before anything is written."""
    kind: str
    encoding: str | None
    delimiter: str | None
    sheets: list[str]
    sheet: str | None
    header_row: int
    headers: list[str]
    preview: pd.DataFrame
    mapping: dict[str, str | None]
    records: int
    ambiguous_dates: list[str]
    warnings: list[str]


@dataclass
class ImportReport:
    import_id: int | None
    file_name: str
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    mapping: dict[str, str | None]
    warnings: list[str] = field(default_factory=list)
    duplicate: bool = False
    unknown_stages: dict[str, int] = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    rows_skipped: int = 0  # left out on purpose, not rejected: the other lifecycle events of an event log

    def to_dict(self) -> dict:
        return asdict(self)


def _load_bytes(data: bytes | str | os.PathLike, file_name: str | None) -> tuple[bytes, str]:
    if isinstance(data, bytes):
        return data, file_name or "upload"
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data), file_name or "upload"
    path = Path(data)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise InputError("ingest.no_file", file=str(path)) from None
    except IsADirectoryError:
        raise InputError("ingest.is_folder", file=str(path)) from None
    except OSError as exc:
        raise InputError("ingest.unreadable_file", file=str(path), detail=exc.strerror or str(exc)) from None
    return content, file_name or path.name


def read_raw(cur: duckdb.DuckDBPyConnection, data: bytes, *, file_name: str, sheet: str | None = None,
             table: str = _RAW, source_path: str | os.PathLike | None = None) -> RawTable:
    """Detect the kind of *data* and parse it into TEMP table *table* on *cur* (*source_path*: the file *data*
    was read from, which the CSV reader may read directly)."""
    kind = detect_kind(data, file_name=file_name)
    if kind.kind == "xlsx":
        try:
            from cjm.ingest.excel import read_xlsx
        except ImportError:  # pragma: no cover - excel.py is part of the product
            raise InputError("ingest.no_excel_reader") from None
        raw = read_xlsx(cur, data, file_name=file_name, table=table, sheet=sheet)
    else:
        from cjm.ingest.text import read_text

        raw = read_text(cur, data, file_name=file_name, table=table, source_path=source_path)
        if sheet:
            raw.warnings.append(Message("ingest.note.csv_no_sheets", file=file_name, sheet=sheet))
    raw.warnings[:0] = kind.warnings
    return raw


def inspect(data: bytes, *, file_name: str, sheet: str | None = None) -> Inspection:
    """Look at a file without writing anything: kind, encoding, header, preview, guessed mapping.

    >>> ins = inspect("Tarih;Müşteri No;Aşama\\n03/04/2026;1;Kabul\\n".encode(), file_name="t.csv")
    >>> ins.delimiter, ins.mapping["Aşama"], ins.ambiguous_dates, ins.records
    (';', 'stage', ['Tarih'], 1)
    """
    import tempfile

    scratch = tempfile.mkdtemp(prefix="cjm_inspect_")
    # a bounded buffer pool that spills to a temp dir: inspecting a big file must not hold it all in memory
    cur = duckdb.connect(config={"memory_limit": INSPECT_POOL, "temp_directory": scratch,
                                 "autoinstall_known_extensions": "false", "autoload_known_extensions": "false"})
    try:
        raw = read_raw(cur, data, file_name=file_name, sheet=sheet)
        cols = ", ".join(f"{ident(f'c{i}')} AS {ident(h)}" for i, h in enumerate(raw.headers))
        preview = cur.execute(f"SELECT {cols} FROM {ident(raw.table)} ORDER BY _row LIMIT {PREVIEW_ROWS}").df()
        mapping = guess_mapping(raw.headers)
        ambiguous = [h for h, f in mapping.items()
                     if f == "timestamp" and date_stats(cur, raw.table, raw_expr(f"c{raw.headers.index(h)}")).ambiguous]
        return Inspection(kind=raw.kind, encoding=raw.meta.get("encoding"), delimiter=raw.meta.get("delimiter"),
                          sheets=[x[0] if isinstance(x, (tuple, list)) else x for x in raw.meta.get("sheets") or []], sheet=raw.meta.get("sheet"),
                          header_row=raw.header_row, headers=raw.headers, preview=preview, mapping=mapping,
                          records=raw.records_in_file, ambiguous_dates=ambiguous, warnings=list(raw.warnings))
    finally:
        cur.close()
        import shutil

        shutil.rmtree(scratch, ignore_errors=True)


_UNITS = {"B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12,
          "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}
#: what an import needs beside DuckDB's buffer pool and what the process already holds (numpy arrays of record
#: numbers, DuckDB's memory outside its pool, the pages' own work meanwhile), measured at a 150 MB CSV
#: (``python -m bench import --app``)
IMPORT_RESERVE = 384 << 20
#: the least buffer pool an import is given, whatever the process holds
IMPORT_POOL_MIN = 256 << 20
#: the buffer pool of the scratch database that :func:`inspect` parses a file into (it spills beyond, to a temp dir)
INSPECT_POOL = "256MB"


def _resident_bytes(fallback: int) -> int:
    """What this process holds in memory now (Linux: ``/proc/self/statm``); *fallback* where that is unknown."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return fallback


def size_bytes(text: str) -> int:
    """DuckDB's way of writing a size (``current_setting('memory_limit')``) in bytes.

    >>> size_bytes("953.6 MiB"), size_bytes("1GB"), size_bytes("512 KiB")
    (999922073, 1000000000, 524288)
    """
    import re

    found = re.fullmatch(r"\s*([0-9.]+)\s*([KMGT]?I?B)?\s*", text.upper())
    if found is None:
        raise ValueError(f"not a size: {text!r}")
    number, unit = found[1], found[2] or "B"
    return int(float(number) * _UNITS[unit])


@contextlib.contextmanager
def _memory_budget(ws: Workspace, held: int) -> Iterator[None]:
    """DuckDB's buffer pool during an import: the workspace's limit (``CJM_MEMORY_LIMIT``) less what the process
    holds already (the file's *held* bytes among it; in the app also Streamlit and the upload) and
    :data:`IMPORT_RESERVE`, so the whole process stays about within the limit; the limit is set back afterwards.
    (Other sessions' queries meanwhile spill to disk sooner.)"""
    cur: duckdb.DuckDBPyConnection | None = None
    lowered = 0
    try:  # best effort: a connection that fails here fails again where the import reports it plainly
        cur = ws.cursor()
        total = size_bytes(cur.execute("SELECT current_setting('memory_limit')").fetchall()[0][0])
        budget = max(IMPORT_POOL_MIN, total - _resident_bytes(held + (128 << 20)) - IMPORT_RESERVE)
        if budget < total:
            cur.execute(f"SET memory_limit = '{int(budget)}B'")
            lowered = total
    except (duckdb.Error, ValueError):
        pass
    try:
        yield
    finally:
        if cur is not None:
            with contextlib.suppress(duckdb.Error):
                if lowered:
                    cur.execute(f"SET memory_limit = '{int(lowered)}B'")
                cur.close()


def _drop(cur: duckdb.DuckDBPyConnection, names: list[str]) -> None:
    """Drop the temp tables and views of the import among *names*, whichever they are."""
    kinds = cur.execute("SELECT 'VIEW', view_name FROM duckdb_views() WHERE temporary AND list_contains(?, view_name) "
                        "UNION ALL SELECT 'TABLE', table_name FROM duckdb_tables() "
                        "WHERE temporary AND list_contains(?, table_name)", [names, names]).fetchall()
    for name in names:  # in the order given: a view before the tables it reads
        for kind, found in kinds:
            if found == name:
                cur.execute(f"DROP {kind} IF EXISTS {ident(name)}")


def _lookups(cur: duckdb.DuckDBPyConnection, model: StageModel | None, rows: TypedRows) -> None:
    """TEMP tables mapping this import's distinct stage / outcome values to the model (as
    :func:`cjm.store.apply_stage_model` does), so the indexes are set while inserting."""
    stages = [r[0] for r in cur.execute(f"SELECT DISTINCT v FROM ({rows.text_sql('stage')}) WHERE v IS NOT NULL")
              .fetchall()]
    outcomes = [r[0] for r in cur.execute(f"SELECT DISTINCT v FROM ({rows.text_sql('outcome')}) WHERE v IS NOT NULL")
                .fetchall()]
    cur.execute("CREATE OR REPLACE TEMP TABLE _cjm_stage_lookup (value VARCHAR, idx SMALLINT, outcome_key VARCHAR)")
    cur.execute("CREATE OR REPLACE TEMP TABLE _cjm_outcome_lookup (value VARCHAR, outcome_key VARCHAR)")
    if model is None:
        return
    srows = stage_lookup_rows(stages, model)
    if srows:
        cur.executemany("INSERT INTO _cjm_stage_lookup VALUES (?, ?, ?)", srows)
    orows = [r for r in outcome_lookup_rows(outcomes, model) if r[1] is not None]
    if orows:
        cur.executemany("INSERT INTO _cjm_outcome_lookup VALUES (?, ?)", orows)


_EVENT_COLUMNS = ["seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage", "stage_idx",
                  "outcome_key", "touchpoint", "channel", "emotion", "emotion_raw", "satisfaction", "nps", "outcome",
                  "segment", "persona", "role", "value", "cost", "comment"]


def _insert_events(cur: duckdb.DuckDBPyConnection, source: str, *, base: int, import_id: int, name: str,
                   rows: TypedRows) -> int:
    """Insert the converted rows of *source* (the columns of ``_cjm_typed``) into ``events``; how many.

    Through :func:`cjm.store.insert_events`: new customers get their keys (ids read straight from
    the raw table, without converting the other columns) and the rows are written in journey order, which
    the journey analyses read without sorting (see :mod:`cjm.analyses.relations`)."""
    return insert_events(
        cur, _EVENT_COLUMNS,
        f"""SELECT ? + t._row, ?, ?, t._row, t.customer_id, t.ts, t.stage, sl.idx,
                coalesce(ol.outcome_key, sl.outcome_key), t.touchpoint, t.channel, t.emotion, t.emotion_raw,
                t.satisfaction, t.nps, t.outcome, t.segment, t.persona, t.role, t.value, t.cost, t.comment
            FROM {source} t LEFT JOIN _cjm_stage_lookup sl ON sl.value = t.stage
                LEFT JOIN _cjm_outcome_lookup ol ON ol.value = t.outcome""",
        [base, import_id, name],
        customers_from=(f"SELECT v AS customer_id FROM ({rows.text_sql('customer_id')})", []))


def _current_model(cur: duckdb.DuckDBPyConnection) -> StageModel | None:
    rows = cur.execute("SELECT spec FROM stage_model LIMIT 1").fetchall()
    return StageModel.from_json(rows[0][0]) if rows else None


def import_file(ws: Workspace, data: bytes | str | os.PathLike, *, file_name: str | None = None,
                sheet: str | None = None, mapping: dict[str, str | None] | None = None,
                model: StageModel | None = None, date_order: str | None = None, replace: bool = False,
                progress: Callable[[float, str], None] | None = None, lifecycle: str = "complete",
                value_reading: str | None = None, ties: str | None = None) -> ImportReport:
    """Import a CSV/TXT/XLSX file into the workspace, whole or not at all.

    Every record of the file is either loaded into ``events`` or kept in ``rejected`` with its reason
    (``rows_read == rows_loaded + rows_rejected + rows_skipped``). The same file (sha256) again is reported as a
    duplicate and not loaded, unless *replace* (then the earlier import's rows are replaced).

    *lifecycle*: in an event log with a lifecycle column (``lifecycle:transition``), which events are loaded:
    ``complete`` (default: each activity once, when it was done), ``start`` or ``all``; the others are
    counted in ``rows_skipped``. *value_reading*: how the workspace reads ``value`` (``customer``: an attribute
    repeated on a customer's rows, taken once; ``event``: amounts per event, summed; None: from the data, see
    :func:`cjm.store.kept.value_reading`); the report says which reading is used. *ties*: how events of one
    customer with the same timestamp are ordered, ``stage`` (stage order) or ``file`` (file order); None keeps
    the workspace's choice (``stage`` unless set; see :data:`cjm.store.order.TIE_KEY` for why); the report says
    how many backward moves that choice removes or keeps.
    """
    if date_order not in (None, "dayfirst", "monthfirst"):
        raise CJMError("ingest.bad_option", option="date_order", choices=["dayfirst", "monthfirst"], value=date_order)
    if lifecycle not in LIFECYCLE_CHOICES:
        raise CJMError("ingest.bad_option", option="lifecycle", choices=LIFECYCLE_CHOICES, value=lifecycle)
    if ties not in (None, *TIE_ORDERS):
        raise CJMError("ingest.bad_option", option="ties", choices=TIE_ORDERS, value=ties)
    if value_reading not in (None, *VALUE_READINGS):
        raise CJMError("ingest.bad_option", option="value_reading", choices=VALUE_READINGS, value=value_reading)
    say = progress or (lambda f, m: None)
    content, name = _load_bytes(data, file_name)
    sha = hashlib.sha256(content).hexdigest()
    say(0.05, "checking the file")
    cur0 = ws.cursor()
    try:
        earlier = cur0.execute("SELECT import_id, file_name, imported_at FROM imports WHERE sha256 = ? "
                               "ORDER BY import_id", [sha]).fetchall()
    finally:
        cur0.close()
    if earlier and not replace:
        iid, fname, when = earlier[-1]
        return ImportReport(None, name, 0, 0, 0, {}, duplicate=True, warnings=[
            Message("ingest.note.duplicate", id=str(iid), file=fname, when=f"{when:%Y-%m-%d %H:%M}")])
    options: dict[str, Any] = {"sheet": sheet, "date_order": date_order, "replace": replace, "user_mapping": mapping or {},
                               "lifecycle": lifecycle, "value_reading": value_reading, "ties": ties}
    # DuckDB's buffer pool is cut to what leaves the process within CJM_MEMORY_LIMIT, while the import runs
    with _memory_budget(ws, len(content)), \
            ws.data_write(backup=f'{"replace" if earlier else "import"} of "{name}"') as cur:
        say(0.1, "reading")
        raw = read_raw(cur, content, file_name=name, sheet=sheet,
                       source_path=None if isinstance(data, (bytes, bytearray, memoryview)) else data)
        resolved = resolve_mapping(raw.headers, mapping, file_name=name)
        raw_table = raw.table
        raw, skipped, lc_note = _keep_lifecycle(cur, raw, resolved, lifecycle)
        if value_reading is not None:
            cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [VALUE_USER_KEY, value_reading])
        say(0.5, "converting values")
        rows = TypedRows(cur, raw, resolved, date_order=date_order)
        say(0.7, "loading")
        for (old,) in [(e[0],) for e in earlier]:
            for t in ("events", "rejected", "imports"):
                cur.execute(f"DELETE FROM {ident(t)} WHERE import_id = ?", [old])
        import_id = cur.execute("SELECT coalesce(max(import_id), 0) + 1 FROM imports").fetchall()[0][0]
        # seq = base + source row: file order within the import, after every earlier import
        base = cur.execute("SELECT coalesce(max(seq), 0) FROM events").fetchall()[0][0]
        active: StageModel | None = model
        if model is not None:
            write_stage_model(cur, model)  # the earlier imports; this one gets its indexes as it is inserted
        else:
            active = _current_model(cur)
        _lookups(cur, active, rows)
        # every row that can be loaded at once (one conversion per row; random() keeps DuckDB from computing the
        # converted columns a second time inside the filter); only if some were skipped, find out why
        at = {"base": base, "import_id": import_id, "name": name, "rows": rows}
        loaded = _insert_events(cur, f"(SELECT * FROM (SELECT *, {rows.skip} AND random() >= 0 AS _skip "
                                     f"FROM _cjm_typed) WHERE NOT _skip)", **at)
        bad_rows = 0
        if loaded < rows.rows:
            outcome = rows.find_problems()
            if outcome == "redo":  # a column was decided again on the whole file and reads other rows differently
                cur.execute("DELETE FROM events WHERE import_id = ?", [import_id])
                loaded = _insert_events(
                    cur, "(SELECT * FROM _cjm_typed t ANTI JOIN _cjm_problems p ON p._row = t._row)", **at)
            elif outcome == "add":  # skipped rows that read well once their column was decided on the whole file
                loaded += _insert_events(cur, "_cjm_typed_kept", **at)
            cur.execute("INSERT INTO rejected SELECT ?, ?, _row, column_name, raw, reason FROM _cjm_problems "
                        "ORDER BY _row, column_name", [import_id, name])
            bad_rows = cur.execute("SELECT count(DISTINCT _row) FROM _cjm_problems").fetchall()[0][0]
        conv = rows.finish()
        if len(raw.pre_rejected) > 500:  # many: in bulk through Arrow (pa.array imports pandas, ~0.6 s)
            import pyarrow as pa

            pre = pa.table({"row": pa.array([r[0] for r in raw.pre_rejected], pa.int64()),
                            "raw": pa.array([r[1] for r in raw.pre_rejected], pa.string()),
                            "reason": pa.array([r[2] for r in raw.pre_rejected], pa.string())})
            cur.register("_cjm_pre", pre)
            cur.execute("INSERT INTO rejected SELECT ?, ?, row, NULL, raw, reason FROM _cjm_pre", [import_id, name])
            cur.unregister("_cjm_pre")
        elif raw.pre_rejected:
            cur.executemany("INSERT INTO rejected VALUES (?, ?, ?, NULL, ?, ?)",
                            [[import_id, name, row, text, reason] for row, text, reason in raw.pre_rejected])
        rejected = bad_rows + len(raw.pre_rejected)
        if loaded + rejected + skipped != raw.records_in_file:  # pragma: no cover - a bug, never the user's fault
            raise RuntimeError(f"row count mismatch: {loaded} loaded + {rejected} rejected + {skipped} skipped != "
                               f"{raw.records_in_file} records in {name}")
        warnings = list(raw.warnings) + conv.warnings + ([lc_note] if lc_note else [])
        unknown: dict[str, int] = {}
        if active is not None:
            if cur.execute("SELECT count(*) FROM _cjm_stage_lookup WHERE idx IS NULL").fetchall()[0][0]:
                unknown = dict(cur.execute("SELECT stage, count(*) FROM events WHERE import_id = ? AND stage_idx IS "
                                           "NULL GROUP BY stage ORDER BY count(*) DESC, stage", [import_id]).fetchall())
            if unknown:
                warnings.append(Message("ingest.note.unknown_stages", n=sum(unknown.values()), model=active.name,
                                        values=[Message("ingest.value_count", value=k, n=v)
                                                for k, v in list(unknown.items())[:8]]))
        else:
            warnings.append(Message("ingest.note.no_model"))
        if rejected:
            warnings.append(Message("ingest.rows_rejected", rejected=rejected, read=raw.records_in_file))
        options.update({"kind": raw.kind, "encoding": raw.meta.get("encoding"),
                        "delimiter": raw.meta.get("delimiter"), "sheet": raw.meta.get("sheet", sheet),
                        "header_row": raw.header_row, "date_order_used": conv.date_order,
                        "decimal_separators": conv.decimals, "emotion_scale": conv.emotion_scale})
        cur.execute("INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [import_id, name, sha, raw.meta.get("sheet"), raw.records_in_file, loaded, rejected,
                     json.dumps(resolved, ensure_ascii=False), json.dumps(options, ensure_ascii=False),
                     json.dumps(warnings, ensure_ascii=False), dt.datetime.now()])
        _drop(cur, ["_cjm_typed_kept", "_cjm_typed", "_cjm_bad_typed", "_cjm_bad", "_cjm_sample",
                    "_cjm_stage_lookup", "_cjm_outcome_lookup", "_cjm_problems", "_cjm_emo_words", "_cjm_clean",
                    raw.table, raw_table, f"{raw_table}_data"])
        say(0.95, "saving")
    with _memory_budget(ws, len(content)):
        if active is not None:
            warnings.extend(_ties_note(ws, ties, options))
        warnings.extend(_after_import(ws, say))
    if "value" in resolved.values():
        note, options["value_reading_used"] = _value_note(ws, resolved)
        warnings.append(note)
    if ws.last_backup:
        warnings.append(ws.last_backup)
    say(1.0, "done")
    if earlier:
        warnings.insert(0, Message("ingest.note.replaced", id=str(earlier[-1][0])))
    return ImportReport(import_id, name, raw.records_in_file, loaded, rejected, resolved, warnings=warnings,
                        unknown_stages=unknown, options=options, rows_skipped=skipped)


#: Which events of an event log's lifecycle column an import keeps (see :func:`import_file`).
LIFECYCLE_CHOICES = ("complete", "start", "all")


def _keep_lifecycle(cur: duckdb.DuckDBPyConnection, raw: RawTable, mapping: dict[str, str | None],
                    lifecycle: str) -> tuple[RawTable, int, str | None]:
    """*raw* with only the events of the lifecycle kind chosen (rows with no lifecycle value stay), how many rows
    were left out, and a sentence for the report; *raw* itself when the file has no lifecycle column (or it is
    mapped to a field, or *lifecycle* is ``all``)."""
    header = lifecycle_column(raw.headers)
    if header is None or mapping.get(header) is not None:
        return raw, 0, None
    col = f"trim(CAST({ident(f'c{raw.headers.index(header)}')} AS VARCHAR))"
    kinds = dict(cur.execute(f"SELECT lower({col}), count(*) FROM {ident(raw.table)} WHERE {col} <> '' "
                             f"GROUP BY ALL ORDER BY 2 DESC").fetchall())
    if lifecycle == "all" or set(kinds) <= {lifecycle}:
        return raw, 0, None
    if lifecycle not in kinds:
        found = [Message("ingest.value_count", value=k, n=v) for k, v in kinds.items()]
        raise InputError("ingest.no_lifecycle_events", column=header, lifecycle=lifecycle, found=found)
    cur.execute(f"CREATE OR REPLACE TEMP TABLE _cjm_lifecycle AS SELECT * FROM {ident(raw.table)} "
                f"WHERE {col} IS NULL OR {col} = '' OR lower({col}) = ?", [lifecycle])
    total = cur.execute(f"SELECT count(*) FROM {ident(raw.table)}").fetchall()[0][0]
    kept = cur.execute("SELECT count(*) FROM _cjm_lifecycle").fetchall()[0][0]
    others = [Message("msg.quoted", text=k) for k in kinds if k != lifecycle]
    note = Message("ingest.note.lifecycle", n=int(total - kept), column=header, others=others, lifecycle=lifecycle,
                   kept=int(kept))
    return dataclasses.replace(raw, table="_cjm_lifecycle"), int(total - kept), note


def _ties_note(ws: Workspace, ties: str | None, options: dict[str, Any]) -> list[str]:
    """Order the workspace's events with equal timestamps as chosen (:func:`cjm.store.order.order_ties`) and say
    what that choice does to the backward moves (nothing when no tie is out of stage order)."""
    from cjm.store.order import order_ties, tie_moves, tie_order

    cur = ws.cursor()
    try:
        moves, customers = tie_moves(cur)
        how = ties or tie_order(cur)
        order_ties(cur, how)
    except duckdb.Error:  # a storage fault: the import is saved; the order is set again with the next import
        return []
    finally:
        cur.close()
    options["ties_used"], options["tie_backward_moves"] = how, moves
    if not moves:
        return []
    if how == "stage":
        return [Message("ingest.note.ties_stage", customers=customers, moves=moves)]
    return [Message("ingest.note.ties_file", customers=customers, moves=moves)]


def _value_note(ws: Workspace, mapping: dict[str, str | None]) -> tuple[str, str]:
    """A sentence for the report on how values are read (:func:`cjm.store.kept.value_reading`), and the reading."""
    from cjm.store.kept import value_reading as reading_of
    from cjm.store.kept import value_reading_found

    header = next(h for h, f in mapping.items() if f == "value")
    cur = ws.cursor()
    try:
        used = reading_of(cur)
        found, varying, n = value_reading_found(cur)
    finally:
        cur.close()
    if used != found:
        key = {("customer", True): "ingest.note.values_chosen_once_vary",
               ("customer", False): "ingest.note.values_chosen_once_same",
               ("event", True): "ingest.note.values_chosen_sum_vary",
               ("event", False): "ingest.note.values_chosen_sum_same"}[(used, bool(varying))]
        return Message(key, column=header, varying=varying, n=n), used
    if used == "customer":
        return Message("ingest.note.values_once", column=header, n=n), used
    return Message("ingest.note.values_sum", column=header, varying=varying, n=n), used


def _after_import(ws: Workspace, say: Callable[[float, str], None]) -> list[str]:
    """What the journey analyses read, brought up to date once here rather than by the first page after the
    import (see :mod:`cjm.analyses.relations`):

    - ``events`` in journey order. A file of new customers keeps it as it is; a file that adds events to known
      customers (a survey after the CRM export) leaves those events after everyone else's, and then the whole
      table is rewritten in order once, here, instead of every journey analysis sorting all events.
    - each customer's furthest stage, set of stages, largest value and first segment
      (:func:`cjm.store.kept.kept_customer_reach`), which the funnel, touchpoint lift and pain points read.

    The import is committed before this runs: a storage fault here (a full disk) is returned as a warning that
    says so, never reported as a failed import (the steps run again on first use).
    """
    from cjm.store import storage_error

    try:
        _bring_up_to_date(ws, say)
    except (duckdb.Error, CJMError) as exc:
        err = exc if isinstance(exc, CJMError) else storage_error(exc, ws.path, committed=True)
        if err is None:
            raise
        if isinstance(exc, duckdb.FatalException) or "invalidated" in str(exc):
            ws.broken = True
        return [Message("ingest.note.after_import_failed", error=err)]
    return []


def _bring_up_to_date(ws: Workspace, say: Callable[[float, str], None]) -> None:
    """See :func:`_after_import`."""
    from cjm.store.kept import kept_customer_reach
    from cjm.store.order import ensure_ordered, storage_in_journey_order

    if ws.broken:  # DuckDB invalidated the connection after the commit (a CHECKPOINT on a full disk)
        raise ws.last_fault or duckdb.Error("database has been invalidated")
    cur = ws.cursor()
    try:
        if not storage_in_journey_order(cur):
            say(0.97, "putting each customer's events in journey order")
            ensure_ordered(cur, force=True)
        say(0.98, "summing up each customer's stages")
        kept_customer_reach(cur)
    finally:
        cur.close()
    # as after the import's transaction: the data is committed (in the WAL) whether or not this succeeds
    ws.checkpoint()


def rejected_rows(ws: Workspace, import_id: int | None = None) -> pd.DataFrame:
    """Rejected rows for download: columns file, row, column, raw, reason (one line per problem).

    >>> from cjm.store import open_workspace
    >>> list(rejected_rows(open_workspace(":memory:")).columns)
    ['file', 'row', 'column', 'raw', 'reason']
    """
    cur = ws.cursor()
    try:
        cond, params = ("WHERE import_id = ?", [import_id]) if import_id is not None else ("", [])
        return cur.execute(f"""SELECT file_name AS file, source_row AS "row", column_name AS "column", raw, reason
                               FROM rejected {cond} ORDER BY import_id, source_row, column_name""", params).df()
    finally:
        cur.close()
