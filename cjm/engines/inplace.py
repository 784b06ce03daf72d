"""Events read in place by DuckDB or Spark: the files, the column mapping, the stage model, one ``events`` view.

:func:`open_events` opens a Parquet file, folder or glob (or CSV) on an engine and defines the view
``events`` over it: one row per event with the canonical columns the portable analyses read
(:data:`EVENT_COLUMNS`): the mapped fields, ``stage_idx`` / ``outcome_key`` from the stage model (the same lookup
as an import, :func:`cjm.store.events.stage_lookup_rows`), ``tie`` (the stage index of a timed event: events with
equal timestamps go in stage order, as the workspace orders them by default) and ``fseq`` (file order). Rows
without a customer or a stage are left out, as an import rejects them. Nothing is copied: each query reads the
files again, out of core (DuckDB spills to a temporary folder; Spark to its local dirs).

>>> import duckdb, tempfile, os
>>> from cjm.core.stage_model import preset
>>> d = tempfile.mkdtemp(); path = os.path.join(d, "ev.parquet")
>>> duckdb.sql("SELECT * FROM (VALUES ('c1', TIMESTAMP '2026-01-02', 'Awareness'), ('c1', TIMESTAMP '2026-01-05', "
...            "'Purchase'), ('c2', NULL, 'nope')) t(\\"Kod\\", \\"Tarih\\", \\"Aşama\\")").write_parquet(path)
>>> src = open_events(path, model=preset("five-stage"), mapping={"Kod": "customer_id"})
>>> src.mapping
{'Kod': 'customer_id', 'Tarih': 'timestamp', 'Aşama': 'stage'}
>>> src.query("SELECT customer_id, coalesce(stage_idx, -1) AS k, fseq FROM events ORDER BY fseq", []).values.tolist()
[['c1', 0, 0], ['c1', 2, 1], ['c2', -1, 2]]
>>> src.close()
"""

from __future__ import annotations

import contextlib
import glob as globmod
import os
import shutil
import tempfile
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, cast

import duckdb
import pandas as pd

from cjm.core.sql import ident
from cjm.core.stage_model import StageModel
from cjm.errors import CJMError
from cjm.ingest.mapping import resolve_mapping
from cjm.store.events import outcome_lookup_rows, stage_lookup_rows

ENGINES = ("duckdb", "spark")
#: Columns of the ``events`` view (the portable analyses read these names only).
EVENT_COLUMNS = ("customer_id", "ts", "stage", "stage_idx", "outcome_key", "touchpoint", "channel", "emotion",
                 "satisfaction", "nps", "outcome", "segment", "persona", "role", "value", "cost", "comment", "tie",
                 "fseq", "seq", "ckey")
TEXT_FIELDS = ("customer_id", "stage", "touchpoint", "channel", "outcome", "segment", "persona", "role", "comment")
NUMBER_FIELDS = ("satisfaction", "value", "cost")
#: rows per file at most (fseq = file rank * 2^40 + row number in the file)
FILE_STRIDE = 1 << 40
#: the spill folder of DuckDB (out of core); a fresh folder below it per source
SPILL_ENV = "CJM_SPILL_DIR"


class Engine(Protocol):
    """What the portable analyses need of an engine: run one query of :mod:`cjm.engines.portable` (DuckDB
    dialect, ``?`` parameters) and return its rows as a DataFrame with the query's column names."""

    name: str

    def query(self, sql: str, params: Sequence[Any]) -> pd.DataFrame: ...

    def close(self) -> None: ...


# -- kinds of files --------------------------------------------------------------------------------------------
def _kind_and_files(path: str) -> tuple[str, str, list[str]]:
    """``(kind, pattern, local files)`` of *path*: a file, a folder (its ``*.parquet``, else ``*.csv`` /
    ``*.csv.gz``, recursively) or a glob. Remote paths (``s3://``, ``hdfs://``, ...) are passed to the engine as
    they are (no local file list)."""
    if "://" in path and not path.startswith("file://"):
        kind = "csv" if ".csv" in path.lower() else "parquet"
        return kind, path, []
    local = path[len("file://"):] if path.startswith("file://") else path
    p = Path(local).expanduser()
    if p.is_dir():
        for kind, pats in (("parquet", ("*.parquet", "*.parq")), ("csv", ("*.csv", "*.csv.gz", "*.tsv"))):
            files = sorted(str(f) for pat in pats for f in p.rglob(pat) if f.is_file())
            if files:
                return kind, str(p), files
        raise CJMError("engines.no_files", path=path)
    files = sorted(f for f in globmod.glob(str(p), recursive=True) if os.path.isfile(f))
    if not files:
        raise CJMError("engines.no_files", path=path)
    csv = [f for f in files if f.lower().endswith((".csv", ".csv.gz", ".tsv", ".txt"))]
    kind = "csv" if len(csv) == len(files) else "parquet"
    if csv and kind == "parquet":
        raise CJMError("engines.mixed_files", path=path)
    return kind, str(p), files


# -- DuckDB ------------------------------------------------------------------------------------------------------
class DuckDBEngine:
    """The portable SQL run as it is on an in-memory DuckDB connection that spills to a temporary folder."""

    name = "duckdb"

    def __init__(self, *, memory_limit: str | None = None):
        base = os.environ.get(SPILL_ENV) or None
        self._spill = tempfile.mkdtemp(prefix="cjm-spill-", dir=base)
        self.con = duckdb.connect(":memory:")
        self.con.execute("SET temp_directory = ?", [self._spill])
        self.con.execute("SET TimeZone = 'UTC'")
        if memory_limit:
            self.con.execute("SET memory_limit = ?", [memory_limit])

    def query(self, sql: str, params: Sequence[Any]) -> pd.DataFrame:
        try:
            return self.con.execute(sql, list(params)).df()
        except (duckdb.IOException, duckdb.OutOfMemoryException, duckdb.InvalidInputException,
                duckdb.InterruptException) as exc:  # the files or the machine, not the SQL
            raise CJMError("engines.query_failed", engine=self.name, error=str(exc).splitlines()[0][:300]) from None

    def register_rows(self, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]) -> None:
        """A small table *name* (``(column, DuckDB type)`` pairs) holding *rows* (values as parameters)."""
        cols = ", ".join(f"{ident(c)} {t}" for c, t in columns)
        self.con.execute(f"CREATE OR REPLACE TABLE {ident(name)} ({cols})")
        if rows:
            self.con.executemany(f"INSERT INTO {ident(name)} VALUES ({', '.join('?' for _ in columns)})",
                                 [list(r) for r in rows])

    def view(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE VIEW {ident(name)} AS {sql}")

    def read(self, kind: str, pattern: str, files: list[str]) -> tuple[list[str], dict[str, str]]:
        """View ``cjm_raw`` over the files with ``filename`` and ``file_row_number``; ``(columns, types)``."""
        source: str | list[str] = files or pattern
        try:
            if kind == "parquet":
                rel = self.con.read_parquet(source, filename=True, file_row_number=True, union_by_name=True)
            else:
                rel = self.con.read_csv(cast(Any, source), filename=True, union_by_name=True)
                # CSV has no row numbers of its own: the scan's order is the files' order (insertion order kept)
                rel = rel.select("*, (row_number() OVER () - 1) AS file_row_number")
        except duckdb.Error as exc:
            raise CJMError("engines.unreadable", path=pattern, error=str(exc).splitlines()[0]) from None
        rel.create_view("cjm_raw")
        cols = [c for c in rel.columns if c not in ("filename", "file_row_number")]
        return cols, {c: str(t) for c, t in zip(rel.columns, rel.types)}

    def files_read(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT DISTINCT filename FROM cjm_raw ORDER BY 1").fetchall()]

    def close(self) -> None:
        with contextlib.suppress(duckdb.Error):
            self.con.close()
        shutil.rmtree(self._spill, ignore_errors=True)


# -- Spark -------------------------------------------------------------------------------------------------------
def _spark_tree(sql: str):
    """The SQLGlot tree of *sql* (DuckDB dialect) rewritten where Spark differs."""
    import sqlglot
    from sqlglot import exp

    tree = sqlglot.parse_one(sql, read="duckdb")

    def fix(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Anonymous) and node.name.upper() == "EPOCH_US":
            # microseconds since 1970 of a TIMESTAMP without time zone (the session time zone is UTC)
            return exp.Anonymous(this="UNIX_MICROS", expressions=[exp.cast(node.expressions[0], "TIMESTAMP")])
        if isinstance(node, exp.PercentileCont) and node.expression is not None:
            # quantile_cont(x, q): linear interpolation between the closest ranks, as Spark's percentile(x, q)
            return exp.Anonymous(this="PERCENTILE", expressions=[node.this, node.expression])
        return node

    return tree.transform(fix)


@lru_cache(maxsize=512)
def to_spark(sql: str) -> str:
    """*sql* (DuckDB dialect, ``?`` parameters) as Spark SQL.

    >>> to_spark("SELECT median(epoch_us(ts) - epoch_us(prev_ts)), quantile_cont(d, 0.9) FROM t ORDER BY a")
    'SELECT MEDIAN(UNIX_MICROS(CAST(ts AS TIMESTAMP)) - UNIX_MICROS(CAST(prev_ts AS TIMESTAMP))), PERCENTILE(d, 0.9) FROM t ORDER BY a NULLS LAST'
    """
    import sqlglot  # noqa: F401  (a clear ImportError when missing)

    return _spark_tree(sql).sql(dialect="spark")


def _spark_class() -> Any:
    """``pyspark.sql.SparkSession``; a user error naming what to install when pyspark is missing."""
    try:
        with warnings.catch_warnings():  # pyspark warns about pandas versions it was not tested with
            warnings.simplefilter("ignore")
            from pyspark.sql import SparkSession
    except ImportError:
        raise CJMError("engines.no_pyspark") from None
    return SparkSession


def spark_session(master: str, conf: dict[str, str] | None = None):
    """A SparkSession on *master* (``local[2]``, ``spark://host:7077``, ``yarn``, ...) with settings *conf* on top
    of ours; a user error naming what to install when pyspark or Java is missing."""
    SparkSession = _spark_class()
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise CJMError("engines.no_java")
    builder = (SparkSession.builder.master(master).appName("cjm-dashboard")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.ansi.enabled", "false"))
    if master.startswith("local"):
        # one machine: nothing listens beyond it, and few shuffle partitions for a few cores
        builder = (builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.sql.shuffle.partitions", "8"))
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            spark = builder.getOrCreate()
    except Exception as exc:  # Java too old, a master that does not answer, ...
        raise CJMError("engines.spark_failed", master=master, error=str(exc).strip().splitlines()[0][:300]) from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


class SparkEngine:
    """The portable SQL transpiled to Spark SQL (:func:`to_spark`) and run on a SparkSession."""

    name = "spark"

    def __init__(self, *, master: str = "local[2]", session: Any = None):
        self.master = master
        # a session of its own (temporary views are per session), sharing the given session's SparkContext: several
        # sources can be open on one cluster connection at once
        if session is None:  # a session this process already runs (e.g. a notebook's) is used, never stopped here
            session = _spark_class().getActiveSession()
        self._own = session is None
        self.spark = session.newSession() if session is not None else spark_session(master)

    def query(self, sql: str, params: Sequence[Any]) -> pd.DataFrame:
        text = to_spark(sql)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                df = self.spark.sql(text, args=list(params))
                rows = df.collect()
        except Exception as exc:
            if type(exc).__name__ in ("AnalysisException", "ParseException"):
                raise  # the SQL itself: a bug, not the user's
            # the cluster, the files or the memory: say so in one line
            raise CJMError("engines.query_failed", engine=self.name,
                           error=(str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]) from None
        return pd.DataFrame.from_records([tuple(r) for r in rows], columns=list(df.columns))

    def register_rows(self, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]) -> None:
        from pyspark.sql.types import (
            BooleanType,
            DoubleType,
            IntegerType,
            LongType,
            StringType,
            StructField,
            StructType,
        )

        types = {"VARCHAR": StringType(), "INTEGER": IntegerType(), "BIGINT": LongType(), "DOUBLE": DoubleType(),
                 "BOOLEAN": BooleanType()}
        schema = StructType([StructField(c, types[t], True) for c, t in columns])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.spark.createDataFrame([tuple(r) for r in rows], schema).createOrReplaceTempView(name)

    def view(self, name: str, sql: str) -> None:
        quoted = "`" + name.replace("`", "``") + "`"
        self.spark.sql(f"CREATE OR REPLACE TEMPORARY VIEW {quoted} AS {to_spark(sql)}")

    def read(self, kind: str, pattern: str, files: list[str]) -> tuple[list[str], dict[str, str]]:
        from pyspark.errors import PySparkException
        from pyspark.sql import functions as F

        paths = files or [pattern]
        try:
            if kind == "parquet":
                df = self.spark.read.option("mergeSchema", "true").parquet(*paths)
                df = df.select("*", F.col("_metadata.file_path").alias("filename"),
                               F.col("_metadata.row_index").alias("file_row_number"))
            else:
                df = (self.spark.read.option("header", "true").option("inferSchema", "true")
                      .option("encoding", "UTF-8").csv(paths))
                # CSV: increasing in file order within each file (Spark keeps a file's splits in order)
                df = df.select("*", F.col("_metadata.file_path").alias("filename"),
                               F.monotonically_increasing_id().alias("file_row_number"))
        except PySparkException as exc:
            raise CJMError("engines.unreadable", path=pattern, error=str(exc).splitlines()[0][:300]) from None
        df.createOrReplaceTempView("cjm_raw")
        cols = [c for c in df.columns if c not in ("filename", "file_row_number")]
        return cols, {f.name: f.dataType.simpleString() for f in df.schema.fields}

    def files_read(self) -> list[str]:
        return [r[0] for r in self.spark.sql("SELECT DISTINCT filename FROM cjm_raw ORDER BY 1").collect()]

    def close(self) -> None:
        if self._own:
            self.spark.stop()


# -- the source --------------------------------------------------------------------------------------------------
@dataclass
class InPlace:
    """Events read in place on one engine: ``query(sql, params)`` runs portable SQL over ``events``."""

    engine: Any  # DuckDBEngine | SparkEngine
    model: StageModel
    path: str
    kind: str
    mapping: dict[str, str | None]
    ties: str = "stage"
    files: list[str] = field(default_factory=list)

    @property
    def engine_name(self) -> str:
        return str(self.engine.name)

    def query(self, sql: str, params: Sequence[Any]) -> pd.DataFrame:
        return self.engine.query(sql, params)

    def duckdb_connection(self) -> duckdb.DuckDBPyConnection:
        """(DuckDB only) a cursor with ``events`` and ``meta`` as a workspace has them, over the files: what the
        what-if estimate (:func:`cjm.analyses.what_if.baseline`) reads."""
        if not isinstance(self.engine, DuckDBEngine):
            raise CJMError("engines.duckdb_only")
        con = self.engine.con
        con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        return con.cursor()

    def close(self) -> None:
        self.engine.close()


def _expr(header: str | None, field_name: str, types: dict[str, str]) -> str:
    """SQL (DuckDB dialect) of one canonical column from its mapped column *header* (None: not mapped)."""
    sql_type = {"customer_id": "VARCHAR", "timestamp": "TIMESTAMP", "emotion": "DOUBLE", "nps": "INTEGER",
                **dict.fromkeys(TEXT_FIELDS, "VARCHAR"), **dict.fromkeys(NUMBER_FIELDS, "DOUBLE")}[field_name]
    if header is None:
        return f"CAST(NULL AS {sql_type})"
    col = f"r.{ident(header)}"
    if field_name in TEXT_FIELDS:
        return f"NULLIF(TRIM(CAST({col} AS VARCHAR)), '')"
    if field_name == "timestamp":
        t = types.get(header, "").upper()
        if "TIMESTAMP" in t or t == "DATE":
            return f"CAST({col} AS TIMESTAMP)"
        return f"TRY_CAST(NULLIF(TRIM(CAST({col} AS VARCHAR)), '') AS TIMESTAMP)"
    num = f"TRY_CAST({col} AS DOUBLE)"
    if field_name == "emotion":  # the canonical -2..+2 score (see the package docstring)
        return f"CASE WHEN {num} BETWEEN -2 AND 2 THEN {num} END"
    if field_name == "nps":
        return f"CASE WHEN {num} BETWEEN 0 AND 10 AND {num} = FLOOR({num}) THEN CAST({num} AS INTEGER) END"
    return num


def open_events(path: str, *, model: StageModel, mapping: dict[str, str | None] | None = None,
                engine: str = "duckdb", master: str = "local[2]", ties: str = "stage",
                spark_session: Any = None, memory_limit: str | None = None) -> InPlace:
    """Open the events at *path* in place on *engine* (``duckdb`` or ``spark``; *master* for Spark, or an
    existing *spark_session*). *mapping*: header -> field (None: leave the column out), on top of the guesses of
    an import (:func:`cjm.ingest.mapping.resolve_mapping`). *ties*: events of one customer with the same timestamp
    in ``stage`` order (the default, as a workspace) or ``file`` order. A user error (``CJMError``) when the path
    has no files, a column is missing, or the engine cannot start."""
    if engine not in ENGINES:
        raise CJMError("engines.unknown_engine", engine=engine, engines=", ".join(ENGINES))
    if ties not in ("stage", "file"):
        raise ValueError(f"ties must be 'stage' or 'file', not {ties!r}")
    kind, pattern, files = _kind_and_files(path)
    eng: Any = DuckDBEngine(memory_limit=memory_limit) if engine == "duckdb" else SparkEngine(
        master=master, session=spark_session)
    try:
        headers, types = eng.read(kind, pattern, files)
        resolved = resolve_mapping(headers, mapping, file_name=os.path.basename(pattern.rstrip("/")))
        by_field = {f: h for h, f in resolved.items() if f}
        exprs = {f: _expr(by_field.get(f), f, types) for f in
                 ("customer_id", "timestamp", "stage", *TEXT_FIELDS[2:], "emotion", "nps", *NUMBER_FIELDS)}
        # the stage and outcome values, matched to the model as an import matches them
        names = eng.query(f"SELECT DISTINCT {exprs['stage']} AS v FROM cjm_raw r", [])["v"].dropna().tolist()
        eng.register_rows("cjm_stage_lookup", [("value", "VARCHAR"), ("idx", "INTEGER"), ("outcome_key", "VARCHAR")],
                          stage_lookup_rows(sorted(str(v) for v in names), model))
        outcomes: list[str] = []
        if "outcome" in by_field:
            outcomes = eng.query(f"SELECT DISTINCT {exprs['outcome']} AS v FROM cjm_raw r", [])["v"].dropna().tolist()
        eng.register_rows("cjm_outcome_lookup", [("value", "VARCHAR"), ("outcome_key", "VARCHAR")],
                          [r for r in outcome_lookup_rows(sorted(str(v) for v in outcomes), model) if r[1] is not None])
        read = eng.files_read()
        eng.register_rows("cjm_files", [("filename", "VARCHAR"), ("fidx", "BIGINT")],
                          [(f, i) for i, f in enumerate(read)])
        tie = "CASE WHEN c.ts IS NOT NULL THEN sl.idx END" if ties == "stage" else "CAST(NULL AS INTEGER)"
        cols = ", ".join(f"{exprs[f]} AS {ident('ts' if f == 'timestamp' else f)}" for f in exprs)
        eng.view("events", f"""
            SELECT c.customer_id, c.ts, c.stage, sl.idx AS stage_idx,
                   COALESCE(ol.outcome_key, sl.outcome_key) AS outcome_key, c.touchpoint, c.channel, c.emotion,
                   c.satisfaction, c.nps, c.outcome, c.segment, c.persona, c.role, c.value, c.cost, c.comment,
                   {tie} AS tie, c.fseq, c.fseq AS seq, c.customer_id AS ckey
            FROM (SELECT {cols}, f.fidx * {FILE_STRIDE} + r.file_row_number AS fseq
                  FROM cjm_raw r JOIN cjm_files f ON f.filename = r.filename) c
                LEFT JOIN cjm_stage_lookup sl ON sl.value = c.stage
                LEFT JOIN cjm_outcome_lookup ol ON ol.value = c.outcome
            WHERE c.customer_id IS NOT NULL AND c.stage IS NOT NULL""")
    except BaseException:
        eng.close()
        raise
    return InPlace(engine=eng, model=model, path=path, kind=kind, mapping=resolved, ties=ties, files=read)
