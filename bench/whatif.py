"""Benchmark of the what-if model: ``baseline()`` once, ``project()`` per slider change.

Builds synthetic event logs (1M and 10M events by default) in an on-disk DuckDB
workspace with SQL only, then prints a table. Run: ``python -m bench.whatif``
(``--sizes 100000`` for a quick run, ``--dir`` to choose where the files go).

The synthetic log uses the Hinge B2B model: 8 events per customer, entry days spread over
three years, emotion −2..+2 at each stage and progress drawn from a logistic model of it
(so the pain-point lever is available), values on about half the events, and a "Referral"
touchpoint for some prospects.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from cjm.analyses.what_if import ConversionChange, PainFix, Scenario, baseline, project
from cjm.core.stage_model import preset
from cjm.store import close_workspace, insert_events, open_workspace

_STAGES = ("Pre-purchase", "Client experience", "Between engagements", "Former client")


def build(path: str | Path, n_events: int) -> None:
    """Write *n_events* synthetic events into a fresh workspace at *path* (SQL only)."""
    ws = open_workspace(path)
    model = preset("hinge-b2b-4")
    ws.set_stage_model(model)
    n_cust = max(n_events // 8, 1)
    with ws.data_write() as cur:
        cur.execute("DELETE FROM events")
        cur.execute("""
            CREATE OR REPLACE TEMP TABLE _bench_c AS
            WITH u AS (
                SELECT c,
                       CAST(hash(c, 1) % 5 AS INTEGER) - 2 AS e0, CAST(hash(c, 2) % 5 AS INTEGER) - 2 AS e1,
                       CAST(hash(c, 3) % 5 AS INTEGER) - 2 AS e2,
                       (hash(c, 11) % 1000000) / 1e6 AS u0, (hash(c, 12) % 1000000) / 1e6 AS u1,
                       (hash(c, 13) % 1000000) / 1e6 AS u2
                FROM range(?) t(c))
            SELECT c, e0, e1, e2,
                   CASE WHEN u0 >= 1 / (1 + exp(-(-0.8 + 0.7 * e0))) THEN 0
                        WHEN u1 >= 1 / (1 + exp(-(0.2 + 0.5 * e1))) THEN 1
                        WHEN u2 >= 1 / (1 + exp(-(0.0 + 0.4 * e2))) THEN 2 ELSE 3 END AS furthest
            FROM u""", [n_cust])
        # written the way an import writes events (cjm.store.insert_events: customer keys, storage order)
        insert_events(cur, ["seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage", "stage_idx",
                            "touchpoint", "channel", "emotion", "outcome", "outcome_key", "segment", "value"], """
            SELECT i, 1, 'bench.csv', i + 2, 'C' || c.c,
                   TIMESTAMP '2023-01-01' + to_days(CAST(c.c % 1095 AS INTEGER)) + to_hours(CAST(j * 50 AS INTEGER)),
                   list_extract(?, s + 1), s,
                   CASE WHEN s = 0 AND c.c % 7 = 0 THEN 'Referral' ELSE list_extract(['Call', 'Email', 'Meeting', 'Proposal'], j % 4 + 1) END,
                   list_extract(['phone', 'email', 'in person', 'video'], (c.c + j) % 4 + 1),
                   CASE WHEN j % 2 = 0 THEN CASE s WHEN 0 THEN c.e0 WHEN 1 THEN c.e1 WHEN 2 THEN c.e2 ELSE 1 END END,
                   CASE WHEN s = 3 AND j = 7 THEN CASE WHEN c.c % 3 = 0 THEN 'advocate' ELSE 'lost' END END,
                   CASE WHEN s = 3 AND j = 7 THEN CASE WHEN c.c % 3 = 0 THEN 'advocate' ELSE 'lost' END END,
                   list_extract(['SMB', 'Enterprise', 'Public'], c.c % 3 + 1),
                   CASE WHEN s = 1 AND j % 2 = 1 THEN 1000 + (c.c % 50) * 100 END
            FROM (SELECT i, i // 8 AS c, i % 8 AS j FROM range(?) t(i)) e
            JOIN _bench_c c ON c.c = e.c,
            LATERAL (SELECT least(e.j // 2, c.furthest) AS s)""", [list(_STAGES), n_cust * 8],
                      customers_from=("SELECT 'C' || c AS customer_id FROM range(?) t(c)", [n_cust]))
        cur.execute("DROP TABLE _bench_c")
    close_workspace(ws)


def _scenarios(n: int) -> list[Scenario]:
    """*n* slider positions: conversion, inflow, value, referral rate and a pain-point fix moving."""
    out = []
    for i in range(n):
        out.append(Scenario(conversion=(ConversionChange("pre-purchase", (i % 21) - 10),),
                            inflow_pct=float(i % 30), value_pct=float(i % 11), referral_rate=0.05 * (i % 5),
                            fixes=(PainFix("client-experience", (i % 9) / 4 - 1),)))
    return out


def run_one(path: str | Path, n_events: int, changes: int) -> dict:
    t0 = time.perf_counter()
    build(path, n_events)
    t_build = time.perf_counter() - t0
    ws = open_workspace(path)
    model = ws.stage_model()
    assert model is not None  # build() wrote it
    t0 = time.perf_counter()
    b = baseline(ws.cursor(), model=model)
    t_base = time.perf_counter() - t0
    times = []
    for s in _scenarios(changes):
        t0 = time.perf_counter()
        project(b, s, horizon_months=12)
        times.append(time.perf_counter() - t0)
    close_workspace(ws)
    return {"events": n_events, "customers": b.customers, "build_s": t_build, "baseline_s": t_base,
            "project_median_ms": 1000 * statistics.median(times), "project_max_ms": 1000 * max(times)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.whatif", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000000,10000000", help="comma-separated event counts")
    ap.add_argument("--changes", type=int, default=200, help="slider changes timed per size")
    ap.add_argument("--dir", default=None, help="directory for the workspace files (default: a temp dir)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        rows = [run_one(Path(tmp) / f"bench_{n}.duckdb", n, args.changes) for n in sizes]
    print(f"{'events':>12} {'customers':>10} {'build s':>8} {'baseline() s':>13} "
          f"{'project() median ms':>20} {'max ms':>8}")
    for r in rows:
        print(f"{r['events']:>12,} {r['customers']:>10,} {r['build_s']:>8.2f} {r['baseline_s']:>13.2f} "
              f"{r['project_median_ms']:>20.3f} {r['project_max_ms']:>8.3f}")
    print(f"project(): median over {args.changes} slider changes, 12-month horizon, "
          "baseline + 200 bootstrap draws + waterfall.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
