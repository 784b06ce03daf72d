"""Team-note saves on the sample data, and the page render that follows one (Streamlit AppTest, no browser).

    python -m bench notes [--saves 30] [--renders 5]

Two tables, each with a baseline row measured in the same run and every other row as a ratio of it:

1. Save, server time (median): a journey-map lane, a pain-point note and a what-if scenario — team notes, which
   bump only the notes version — against a data write of the same kind of size, re-applying the current stage
   model (``Workspace.set_stage_model``: re-indexes every event, bumps the data version, CHECKPOINT).
2. The funnel page rendered again right after a save: after the data write (every analysis computed again) against
   after a lane save, with how many analyses ``ui.compute`` had to compute (0 = served from cache) and the data
   version. A plain rerun with nothing saved is shown for reference.

The issue's target: a lane save under 100 ms of server time, and the next funnel render served from cache.
Printed, not asserted. Lives outside cjm/ because it imports streamlit.
"""

from __future__ import annotations

import argparse
import collections
import functools
import pathlib
import statistics
import tempfile
import time

from bench.pages import open_app, quiet, timed_run  # (bench.pages also puts the repository on sys.path: ``ui``)


def _ms(seconds: float) -> str:
    return f"{1000 * seconds:,.1f}"


def _median_time(fn, n: int) -> float:
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _counting_compute(counter: collections.Counter):
    """``ui.compute`` that counts the analyses it had to run (cache misses); the cache key is unchanged, since the
    wrapper keeps the analysis function's module and name, which stand for it in the key."""
    import ui

    real = ui.compute

    def compute(fn, /, **kwargs):
        @functools.wraps(fn)
        def run(*args, **kw):
            counter[fn.__qualname__] += 1
            return fn(*args, **kw)

        return real(run, **kwargs)

    return real, compute


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench notes", description=__doc__.splitlines()[0])
    ap.add_argument("--saves", type=int, default=30, help="note saves timed per kind (median shown)")
    ap.add_argument("--data-writes", type=int, default=5, help="data writes timed for the baseline (median shown)")
    ap.add_argument("--renders", type=int, default=5, help="funnel renders timed per case (median shown)")
    args = ap.parse_args(argv)
    quiet()

    import streamlit as st

    import ui
    from cjm.analyses import pain_points
    from cjm.analyses.what_if import Scenario, save_scenario
    from cjm.analyses.workspace_info import summary
    from cjm.core.filters import Filters
    from cjm.ingest import samples as sample
    from cjm.store import close_workspace, default_model, open_workspace
    from cjm.store.notes import set_lane, set_pain_status

    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "notes.duckdb"
        ws = open_workspace(path)
        sample.load_all(ws)  # the three samples; the Hinge B2B model is the active one
        model = default_model(ws)  # the Hinge B2B model, set by load_all
        events = summary(ws.cursor())["events"]
        stage = model.keys[0]
        pain = pain_points.pain_points(ws.cursor(), model=model, filters=Filters(), top=1).iloc[0]
        text = "Find a partner who understands our business and answers within a day."  # one lane cell

        # -- 1. saves ---------------------------------------------------------------------------------------
        versions = {"lane": 0, "pain": 0, "scenario": 0}

        def lane(i: int) -> None:
            versions["lane"] = set_lane(ws, stage, "goals", f"{text} ({i})", expected=versions["lane"])

        def pain_note(i: int) -> None:
            versions["pain"] = set_pain_status(ws, pain["stage"], str(pain["touchpoint"]), "in progress",
                                               f"{text} ({i})", expected=versions["pain"])

        def scenario(i: int) -> None:
            versions["scenario"] = save_scenario(ws, "Bench", Scenario(inflow_pct=float(i % 50)),
                                                 expected=versions["scenario"])

        data_write = _median_time(lambda i: ws.set_stage_model(model), args.data_writes)
        saves = [("data write: re-apply the stage model (baseline)", data_write, "data"),
                 ("lane save (set_lane)", _median_time(lane, args.saves), "notes"),
                 ("pain-point note (set_pain_status)", _median_time(pain_note, args.saves), "notes"),
                 ("scenario save (save_scenario)", _median_time(scenario, args.saves), "notes")]

        # -- 2. the funnel page after a save ---------------------------------------------------------------
        computed: collections.Counter = collections.Counter()
        real, counting = _counting_compute(computed)
        ui.compute = counting
        try:
            at = open_app(path, "funnel_page")
            st.cache_data.clear()  # cold: the first run on the default page filled some caches
            first = timed_run(at)
            computed.clear()
            cases = []

            def after(label: str, save) -> None:
                times, misses, before, after_v = [], 0, ws.data_version(), None
                for i in range(args.renders):
                    save(i)
                    computed.clear()
                    times.append(timed_run(at))
                    misses += sum(computed.values())
                    after_v = ws.data_version()
                cases.append((label, statistics.median(times), misses / args.renders, before, after_v,
                              bool(at.exception)))

            after("after a data write (baseline)", lambda i: ws.set_stage_model(model))
            after("after a lane save", lambda i: lane(1000 + i))
            after("rerun, nothing saved", lambda i: None)
        finally:
            ui.compute = real
        close_workspace(ws)

    print(f"Sample data: {events:,} events, stage model {model.name}; median of {args.saves} note saves and "
          f"{args.data_writes} data writes, on a workspace file.\n")
    base = saves[0][1]
    print(f"{'save (server time)':<50}{'median ms':>11}{'x baseline':>12}  bumps")
    for label, seconds, bumps in saves:
        print(f"{label:<50}{_ms(seconds):>11}{seconds / base:>12.3f}  {bumps} version")
    print()
    base = cases[0][1]
    print(f"funnel page: first render {_ms(first)} ms (cold caches); median of {args.renders} renders per row")
    print(f"{'next funnel render':<34}{'median ms':>11}{'x baseline':>12}{'analyses computed':>19}"
          f"{'data version':>14}  from cache")
    for label, seconds, misses, before, after_v, failed in cases:
        cached = "error" if failed else "yes" if misses == 0 else "no"
        print(f"{label:<34}{_ms(seconds):>11}{seconds / base:>12.3f}{misses:>19.1f}{f'{before} -> {after_v}':>14}"
              f"  {cached}")
    lane_ms = 1000 * saves[1][1]
    lane_cached = cases[1][2] == 0
    print(f"\ntarget: lane save < 100 ms ({lane_ms:,.1f} ms: {'met' if lane_ms < 100 else 'not met'}); next funnel "
          f"render from cache ({'met' if lane_cached else 'not met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
