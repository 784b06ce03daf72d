"""Benchmark of the analyses over events in place: ``python -m bench inplace [--sizes 10M,100M] [--engines duckdb,spark]``.

For each size, events are generated as Parquet by DuckDB itself (``bench_data/inplace/events_<size>.parquet``, kept
for the next run; about 10 events per customer, stages mostly forward with backward moves, touchpoints, channels,
emotions, NPS answers, values, segments) and every chosen analysis of :mod:`cjm.engines.portable` runs once on each
engine over the same file, each engine in a process of its own: DuckDB in place, and Spark with ``--master``
(default ``local[2]``). Both get the same memory (``--memory``, DuckDB's ``memory_limit`` and Spark's driver
memory). Peak memory is the largest resident set of the worker process and its children (Spark's JVM), sampled
every 0.2 s. The table gives seconds per analysis, their sum, the peak, and the ratio Spark / DuckDB measured in
the same run. No time is asserted.

>>> _size("10M"), _label(100_000_000)
(10000000, '100M')
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from cjm.core.stage_model import preset

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench_data" / "inplace"
MODEL = preset("five-stage")
ANALYSES = ("funnel", "funnel_visited", "transitions", "time_to_convert", "time_in_stage", "stuck_summary",
            "backwards_summary", "channels", "gaps", "emotion_curve", "nps", "pain_points")


def _size(text: str) -> int:
    text = text.strip().upper()
    mult = {"K": 1_000, "M": 1_000_000, "G": 1_000_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if text[-1:] in "KMG" else text) * mult)


def _label(n: int) -> str:
    for div, suffix in ((1_000_000_000, "G"), (1_000_000, "M"), (1_000, "K")):
        if n >= div and n % div == 0:
            return f"{n // div}{suffix}"
    return str(n)


def generate(path: Path, n_events: int) -> float:
    """Write about *n_events* events to *path* with DuckDB (row groups of 1M rows); the seconds it took."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    t = time.perf_counter()
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    con.sql("""
        WITH c AS (SELECT c, 1 + (hash(c) % 19)::INTEGER AS n FROM range(?) t(c)),
        e AS (SELECT c, unnest(range(n)) AS j FROM c),
        r AS (SELECT c, j, hash(c * 31 + j) AS h,
                     least(4, greatest(0, (j // 3)::INTEGER - CASE WHEN hash(c * 31 + j) % 10 = 0 THEN 1 ELSE 0 END))
                         AS idx FROM e)
        SELECT 'C' || lpad(c::VARCHAR, 9, '0') AS customer,
               TIMESTAMP '2023-01-01' + to_seconds((hash(c) % 63072000)::BIGINT)
                   + to_seconds((j * 86400 * (1 + h % 5))::BIGINT) AS date,
               ['Awareness', 'Research', 'Purchase', 'Retention', 'Advocacy'][idx + 1] AS stage,
               'tp' || (h % 40)::VARCHAR AS touchpoint,
               ['email', 'phone', 'web', 'in person', 'video', 'mail'][1 + (h // 7 % 6)::INTEGER] AS channel,
               CASE WHEN h % 3 = 0 THEN ((h // 11) % 5)::DOUBLE - 2 END AS emotion,
               CASE WHEN h % 13 = 0 THEN (h // 13 % 11)::SMALLINT END AS nps,
               ['SMB', 'Enterprise', 'Public'][1 + (hash(c) // 3 % 3)::INTEGER] AS segment,
               (hash(c) % 1000)::DOUBLE AS amount
        FROM r""", params=[max(1, n_events // 10)]).write_parquet(str(tmp), row_group_size=1_000_000)
    con.close()
    os.replace(tmp, path)
    return time.perf_counter() - t


def _tree_rss(pid: int) -> int:
    """Resident bytes of process *pid* and all its descendants (Linux ``/proc``)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(x) for x in f.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


class PeakMemory:
    """The largest :func:`_tree_rss` of this process seen while the ``with`` block runs."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(os.getpid()))
            self._stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _tree_rss(os.getpid()))


def _calls(src: Any, names: list[str]) -> list[tuple[str, Callable[[], object]]]:
    from cjm.engines import portable as P

    fns: dict[str, Callable[[], object]] = {
        "funnel": lambda: P.funnel(src, model=MODEL), "funnel_visited": lambda: P.funnel(src, model=MODEL, mode="visited"),
        "transitions": lambda: P.transitions(src, model=MODEL), "time_to_convert": lambda: P.time_to_convert(src, model=MODEL),
        "time_in_stage": lambda: P.time_in_stage(src, model=MODEL), "stuck_summary": lambda: P.stuck_summary(src, model=MODEL),
        "backwards_summary": lambda: P.backwards_summary(src, model=MODEL), "channels": lambda: P.matrix(src, model=MODEL),
        "gaps": lambda: P.gaps(src, model=MODEL), "emotion_curve": lambda: P.curve(src, model=MODEL),
        "nps": lambda: P.nps(src, model=MODEL), "pain_points": lambda: P.pain_points(src, model=MODEL),
    }
    return [(n, fns[n]) for n in names]


def worker(engine: str, path: str, names: list[str], master: str, memory: str) -> dict[str, Any]:
    """Run the analyses *names* once on *engine* over *path*: seconds per analysis, open time, peak bytes."""
    from cjm.engines import open_events
    from cjm.engines.inplace import spark_session
    from cjm.errors import CJMError

    out: dict[str, Any] = {"engine": engine, "seconds": {}}
    with PeakMemory() as mem:
        t = time.perf_counter()
        session = spark_session(master, {"spark.driver.memory": memory}) if engine == "spark" else None
        out["start_s"] = time.perf_counter() - t
        t = time.perf_counter()
        src = open_events(path, model=MODEL, mapping={"customer": "customer_id"}, engine=engine,
                          spark_session=session, memory_limit=memory if engine == "duckdb" else None)
        out["open_s"] = time.perf_counter() - t
        out["errors"] = {}
        for name, call in _calls(src, names):
            t = time.perf_counter()
            try:
                call()
            except CJMError as exc:  # e.g. out of memory: said in the table, the other analyses still run
                out["errors"][name] = str(exc).split(": ", 1)[-1][:80]
                continue
            out["seconds"][name] = time.perf_counter() - t
            print(json.dumps({"progress": name, "engine": engine, "s": out["seconds"][name]}), file=sys.stderr, flush=True)
        src.close()
        if session is not None:
            session.stop()
    out["peak_bytes"] = mem.peak
    return out


def _run_worker(engine: str, path: Path, names: list[str], master: str, memory: str,
                timeout: float) -> dict[str, Any] | None:
    cmd = [sys.executable, "-m", "bench.inplace", "--worker", engine, "--file", str(path), "--analyses",
           ",".join(names), "--master", master, "--memory", memory]
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode or not lines:
        print(f"{engine} failed: {done.stderr.strip().splitlines()[-1:] if done.stderr else done.returncode}")
        return None
    return dict(json.loads(lines[-1]))


def table(size: int, names: list[str], runs: dict[str, dict[str, Any] | None]) -> str:
    """The printed table of one size: seconds per analysis per engine, ratio Spark / DuckDB."""
    duck, spark = runs.get("duckdb"), runs.get("spark")

    def cell(r: dict[str, Any] | None, key: str) -> float | None:
        return None if r is None else r["seconds"].get(key)

    def fmt(v: float | None) -> str:
        return "—" if v is None else f"{v:,.2f}"

    def failed(r: dict[str, Any] | None, key: str) -> str | None:
        err = None if r is None else r.get("errors", {}).get(key)
        return None if err is None else ("out of memory" if "Out of Memory" in err or "memory" in err.lower()
                                         else "failed")

    rows = [(n, cell(duck, n), cell(spark, n)) for n in names]
    d_all = [v for _, v, _ in rows if v is not None]
    s_all = [v for _, _, v in rows if v is not None]
    tot = [("total", sum(d_all) if duck and len(d_all) == len(rows) else None,
            sum(s_all) if spark and len(s_all) == len(rows) else None)]
    lines = [f"{_label(size)} events — seconds (ratio = Spark / DuckDB, same run)",
             f"  {'analysis':<20}{'duckdb':>14}{'spark':>14}{'ratio':>9}"]
    for n, d, s in rows + tot:
        ratio = f"{s / d:,.1f}x" if d and s else "—"
        dt_, st_ = failed(duck, n) or fmt(d), failed(spark, n) or fmt(s)
        lines.append(f"  {n:<20}{dt_:>14}{st_:>14}{ratio:>9}")
    for what, key in (("engine start (s)", "start_s"), ("open source (s)", "open_s")):
        d, s = (None if duck is None else duck[key]), (None if spark is None else spark[key])
        lines.append(f"  {what:<20}{fmt(d):>14}{fmt(s):>14}")
    pd_, ps = (None if duck is None else duck["peak_bytes"] / 2**20), (None if spark is None else spark["peak_bytes"] / 2**20)
    ratio = f"{ps / pd_:,.1f}x" if pd_ and ps else "—"
    lines.append(f"  {'peak memory (MB)':<20}{fmt(pd_):>14}{fmt(ps):>14}{ratio:>9}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench inplace", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10M,100M", help="numbers of events (e.g. 1M,10M,100M)")
    ap.add_argument("--engines", default="duckdb,spark")
    ap.add_argument("--analyses", default=",".join(ANALYSES), help="comma-separated, among: " + ", ".join(ANALYSES))
    ap.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    ap.add_argument("--memory", default="4g", help="memory for each engine (DuckDB memory_limit, Spark driver memory)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per engine and size before giving up")
    ap.add_argument("--worker", choices=["duckdb", "spark"], help=argparse.SUPPRESS)
    ap.add_argument("--file", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    names = [n.strip() for n in args.analyses.split(",") if n.strip()]
    unknown = [n for n in names if n not in ANALYSES]
    if unknown:
        ap.error(f"unknown analyses: {', '.join(unknown)}")
    if args.worker:
        print(json.dumps(worker(args.worker, args.file, names, args.master, args.memory)))
        return 0
    for size in (_size(s) for s in args.sizes.split(",")):
        path = DATA / f"events_{_label(size)}.parquet"
        if not path.exists():
            print(f"generating {path} ...", flush=True)
            print(f"  {generate(path, size):,.1f} s, {path.stat().st_size / 2**20:,.0f} MB", flush=True)
        runs = {e: _run_worker(e, path, names, args.master, args.memory, args.timeout)
                for e in args.engines.split(",")}
        print(table(size, names, runs), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
