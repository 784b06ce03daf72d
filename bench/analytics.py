"""Benchmark of the journey analyses on synthetic events: ``python -m bench.analytics [--sizes 1M,10M]``.

For each size: generate events with DuckDB SQL into an on-disk workspace (file order deliberately not customer
order, as in a real export sorted by date), written as an import writes them (:func:`cjm.store.insert_events`:
customer keys, each customer's events together in journey order), time every analysis
twice: ``seconds_cold`` with no kept intermediate results (:func:`cjm.store.kept.cached` TEMP tables dropped first:
the first analysis after an import or a filter change pays for them; what the import itself keeps in the
workspace — the journey order check and each customer's stages, see :func:`cjm.ingest.load._after_import` — is
timed on its own rows; every calculation has run once before on a tiny workspace, so that one-time costs of
the process such as lazy imports are not counted) and ``seconds`` (best of two further runs,
as when a page shows several analyses of the same data). Then time a straightforward pandas implementation of the
funnel and the stage transitions on the same data (loaded into pandas beforehand, load not timed); ``ratio`` =
pandas / SQL warm, ``ratio_cold`` = pandas / SQL cold. Prints one table, and the process's peak resident memory
before and after the pandas part.

Targets from the issue: each calculation < 0.3 s at 1M events and < 3 s at 10M, >= 5x faster than pandas,
peak memory < 2 GB at 10M.

>>> _size("1.5M"), _size("10k")
(1500000, 10000)
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import inspect
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from cjm.core.stage_model import preset
from cjm.store import close_workspace, insert_events, open_workspace

MODEL = preset("five-stage")


def _size(text: str) -> int:
    text = text.strip().upper()
    mult = {"K": 1_000, "M": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if text[-1:] in "KM" else text) * mult)


def generate(con, n_events: int) -> None:
    """About *n_events* synthetic events (10 per customer on average) with stages, touchpoints, channels,
    emotions, segments, values and a few comments; mostly forward journeys with loops and backward moves."""
    n_cust = max(1, n_events // 10)
    con.execute("DELETE FROM events")
    con.execute("DELETE FROM customers")
    con.execute("DELETE FROM stage_model")
    con.execute("INSERT INTO stage_model VALUES (?, ?, now())", [MODEL.name, MODEL.to_json()])
    columns = ["seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage", "stage_idx",
               "touchpoint", "channel", "emotion", "nps", "segment", "persona", "role", "value", "comment"]
    # written the way an import writes events (cjm.store.insert_events: customer keys, storage order)
    insert_events(con, columns, """
        WITH c AS (SELECT c, 1 + (hash(c) % 19)::INTEGER AS n FROM range(?) t(c)),
        e AS (SELECT c, unnest(range(n)) AS j FROM c),
        r AS (SELECT c, j, hash(c * 31 + j) AS h,
                     least(4, greatest(0, (j // 3)::INTEGER - CASE WHEN hash(c * 31 + j) % 10 = 0 THEN 1 ELSE 0 END))
                         AS idx
              FROM e)
        SELECT j * ? + c AS seq, 1, 'bench.csv', j * ? + c + 2,
               'C' || lpad(c::VARCHAR, 8, '0'),
               TIMESTAMP '2023-01-01' + to_seconds((hash(c) % 63072000)::BIGINT)
                   + to_seconds((j * 86400 * (1 + h % 5))::BIGINT),
               ['Awareness', 'Research', 'Purchase', 'Retention', 'Advocacy'][idx + 1], idx::SMALLINT,
               'tp' || (h % 40)::VARCHAR,
               ['email', 'phone', 'web', 'in person', 'video', 'mail'][1 + (h // 7 % 6)::INTEGER],
               ((h // 11) % 5)::DOUBLE - 2, CASE WHEN h % 13 = 0 THEN (h // 13 % 11)::SMALLINT END,
               ['SMB', 'Enterprise', 'Public'][1 + (hash(c) // 3 % 3)::INTEGER],
               ['Ana', 'Mehmet', 'John'][1 + (hash(c) // 5 % 3)::INTEGER],
               ['main client', 'user', 'influencer'][1 + (h // 17 % 3)::INTEGER],
               (h % 1000)::DOUBLE, CASE WHEN h % 50 = 0 THEN 'comment ' || (h % 97)::VARCHAR END
        FROM r""", [n_cust, n_cust, n_cust])
    con.execute("CHECKPOINT")


def drop_kept(con) -> None:
    """Forget every result kept by :func:`cjm.store.kept.cached` on this connection (for cold timings)."""
    from cjm.store.kept import CACHE_PREFIX
    for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, ?)",
                               [CACHE_PREFIX]).fetchall():
        con.execute(f'DROP TABLE temp."{name}"')


def _best(fn: Callable[[], object], runs: int = 2) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def calculations(con) -> list[tuple[str, Callable[[], object]]]:
    """(name, zero-argument call) for every analysis present in this checkout."""
    from cjm.analyses import flows, funnel
    m = MODEL
    calls: list[tuple[str, Callable[[], object]]] = [
        ("funnel", lambda: funnel.funnel(con, model=m)),
        ("funnel visited", lambda: funnel.funnel(con, model=m, mode="visited")),
        ("funnel window 30d", lambda: funnel.funnel(con, model=m, window_days=30)),
        ("breakdown segment", lambda: funnel.breakdown(con, model=m, by="segment")),
        ("time_to_convert", lambda: funnel.time_to_convert(con, model=m)),
        ("time_in_stage", lambda: funnel.time_in_stage(con, model=m)),
        ("dropped_after", lambda: funnel.dropped_after(con, model=m, stage="research")),
        ("stuck", lambda: funnel.stuck(con, model=m)),
        ("stuck_summary", lambda: funnel.stuck_summary(con, model=m)),
        ("backwards", lambda: funnel.backwards(con, model=m)),
        ("backwards_summary", lambda: funnel.backwards_summary(con, model=m)),
        ("transitions stage", lambda: flows.transitions(con, model=m)),
        ("transitions touchpoint", lambda: flows.transitions(con, model=m, by="touchpoint", top=10)),
    ]
    # analyses written by other engineers: timed when present, with their defaults
    for module, names in (("cjm.analyses.channels", ("matrix", "gaps", "touchpoints")),
                          ("cjm.analyses.emotion", ("curve", "touchpoint_curve", "nps", "comments")),
                          ("cjm.analyses.pain_points", ("pain_points",))):
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        for name in names:
            f = getattr(mod, name, None)
            if f is None:
                continue
            required = [p for p in inspect.signature(f).parameters.values()
                        if p.default is inspect.Parameter.empty and p.name not in ("con", "model")]
            if required:
                continue
            calls.append((f"{module.split('.')[-1]}.{name}", functools.partial(f, con, model=m)))
    return calls


def _warm_up() -> None:
    """Run every calculation once on a tiny in-memory workspace, so that the first cold timing does not include
    what any first call in a process pays once (lazy imports in pandas and pyarrow, first DataFrames); the big
    workspace's data is not read and nothing is kept for it."""
    ws = open_workspace(":memory:")
    con = ws.cursor()
    try:
        generate(con, 1_000)
        for _, call in calculations(con):
            with contextlib.suppress(Exception):
                call()
    finally:
        con.close()
        close_workspace(ws)


def pandas_funnel(df: pd.DataFrame) -> pd.Series:
    """Furthest-stage funnel the straightforward pandas way."""
    furthest = df.dropna(subset=["stage_idx"]).groupby("customer_id")["stage_idx"].max()
    hist = furthest.value_counts().reindex(range(len(MODEL.stages)), fill_value=0)
    return hist[::-1].cumsum()[::-1]


def pandas_transitions(df: pd.DataFrame) -> pd.Series:
    """Stage directly-follows counts (with start/end) the straightforward pandas way."""
    d = df.dropna(subset=["stage_idx"]).sort_values(["customer_id", "ts", "seq"], na_position="last")
    g = d.groupby("customer_id", sort=False)["stage_idx"]
    src = g.shift(1).fillna(-1)
    nxt = g.shift(-1)
    pairs = pd.DataFrame({"s": src.to_numpy(), "t": d["stage_idx"].to_numpy()})
    ends = pd.DataFrame({"s": d.loc[nxt.isna(), "stage_idx"].to_numpy(), "t": len(MODEL.stages)})
    return pd.concat([pairs, ends]).value_counts()


def run(size: int, directory: Path, *, with_pandas: bool, out=print, memory_limit: str | None = None) -> list[dict]:
    path = directory / f"bench_{size}.duckdb"
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    ws = open_workspace(path)
    con = ws.cursor()
    if memory_limit:  # DuckDB's own limit (default 80% of RAM); kept TEMP tables beyond it go to disk
        con.execute("SET memory_limit = ?", [memory_limit])
    rows: list[dict] = []
    try:
        t = time.perf_counter()
        generate(con, size)
        n = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        out(f"  {n:,} events generated in {time.perf_counter() - t:.1f} s")
        # once per data version (remembered in the workspace): is the storage in journey order? Paid by the first
        # analysis after an import, so timed on its own here and not inside the first analysis's cold time.
        from cjm.store.order import storage_in_journey_order
        t = time.perf_counter()
        ordered = storage_in_journey_order(con)
        check = time.perf_counter() - t
        rows.append({"size": n, "calculation": "journey order check (once per import)", "seconds_cold": check,
                     "seconds": float("nan")})
        out(f"  storage in journey order: {ordered} (checked in {check:.3f} s)")
        # also once per import (cjm.ingest.load._after_import): each customer's furthest stage and stage set,
        # kept in the workspace; the unfiltered funnel reads it, so its cold time below does not include this
        from cjm.store.kept import kept_customer_reach
        t = time.perf_counter()
        kept_customer_reach(con)
        rows.append({"size": n, "calculation": "per-customer stages (once per import)",
                     "seconds_cold": time.perf_counter() - t, "seconds": float("nan")})
        _warm_up()
        for name, call in calculations(con):
            try:
                drop_kept(con)
                cold = _best(call, 1)
                secs = _best(call)
            except Exception as exc:  # a failing analysis is reported, the benchmark goes on
                out(f"  {name}: failed ({type(exc).__name__}: {str(exc).splitlines()[0]})")
                continue
            rows.append({"size": n, "calculation": name, "seconds_cold": cold, "seconds": secs})
            out(f"  {name}: {cold:.3f} s cold, {secs:.3f} s warm")
        duck_peak = _peak_mb()
        if with_pandas:
            df = con.execute("SELECT customer_id, ts, seq, stage_idx FROM events").df()
            for name, f in (("funnel", pandas_funnel), ("transitions stage", pandas_transitions)):
                secs = _best(functools.partial(f, df))
                for row in rows:
                    if row["calculation"] == name:
                        row["pandas_seconds"] = secs
                        row["ratio"] = secs / row["seconds"]
                        row["ratio_cold"] = secs / row["seconds_cold"]
            del df
        rows.append({"size": n, "calculation": "peak RSS MB (DuckDB part / with pandas)",
                     "seconds": float("nan"), "peak_mb": duck_peak, "peak_mb_pandas": _peak_mb()})
    finally:
        con.close()
        close_workspace(ws)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            Path(str(path) + ".wal").unlink()
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m cjm bench analytics", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1M,10M", help="comma-separated event counts (default 1M,10M)")
    p.add_argument("--no-10m", action="store_true", help="skip sizes of 10M events and more")
    p.add_argument("--no-pandas", action="store_true", help="skip the pandas reference")
    p.add_argument("--dir", help="directory for the temporary workspaces (default: a temp dir)")
    p.add_argument("--quiet", action="store_true", help="print nothing (for tests)")
    p.add_argument("--memory-limit", help="DuckDB memory_limit for the run, e.g. 1GB (default: DuckDB's 80%% of RAM)")
    args = p.parse_args(argv)
    out = (lambda *a, **k: None) if args.quiet else print
    sizes = [_size(s) for s in args.sizes.split(",") if s.strip()]
    if args.no_10m:
        sizes = [s for s in sizes if s < 10_000_000]
    all_rows: list[dict] = []
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for size in sizes:
            out(f"{size:,} events")
            all_rows += run(size, Path(tmp), with_pandas=not args.no_pandas, out=out, memory_limit=args.memory_limit)
    table = pd.DataFrame(all_rows)
    if not args.quiet:
        with pd.option_context("display.max_rows", 200, "display.width", 200, "display.float_format",
                               "{:.3f}".format):
            print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
