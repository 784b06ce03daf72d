"""A team-cell save on the journey map grid: server time, on the three samples and a 1M-event workspace.

    python -m bench map [--saves 30] [--sizes 1M] [--no-app]

For each workspace one table, every row a median with its ratio to the baseline measured in the same run:

- baseline: computing the map's analyses again (``journey_map``, its kept results dropped first) — what every save
  would cost if a team note invalidated the analyses, as a data write does;
- the save itself (``set_lane`` over the version the grid had), reading the team's notes fresh
  (``with_team_lanes``), building what the grid draws (``map_grid.payload``);
- **the save as the map fragment runs it**: the save, the notes, the payload and the gap sentences, with the
  analyses taken from the cache — the server time of a team-cell save (target: < 100 ms);
- with ``--no-app`` left out: the whole page run again after a save sent as the browser sends it (Streamlit
  AppTest: the full script with the sidebar, an upper bound; in the browser only the map fragment reruns).

Printed, not asserted. Lives outside cjm/ because it imports streamlit.
"""

from __future__ import annotations

import argparse
import contextlib
import pathlib
import statistics
import tempfile
import time
from collections.abc import Callable

from bench.pages import open_app, quiet  # (bench.pages also puts the repository on sys.path: ``ui``)

TEXT = "Bize güvenilir, hızlı cevap veren ve işimizi anlayan bir çözüm ortağı lazım"


def _median(fn: Callable[[int], object], n: int) -> float:
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _rows(path: pathlib.Path, saves: int, app: bool) -> tuple[str, list[tuple[str, float]]]:
    from bench.analytics import drop_kept
    from cjm.analyses.journey_map import journey_map, with_team_lanes
    from cjm.analyses.workspace_info import summary
    from cjm.core.filters import Filters
    from cjm.present.workshop import gap_sentences
    from cjm.store import close_workspace, open_workspace
    from cjm.store.notes import lane_versions, set_lane
    from ui import map_grid

    ws = open_workspace(path)
    try:
        con = ws.cursor()
        model = ws.stage_model()
        assert model is not None
        info = summary(con)
        stage = model.keys[0]

        def recompute(_: int) -> object:
            drop_kept(con)
            return journey_map(con, model=model, filters=Filters())

        jm = journey_map(con, model=model, filters=Filters())  # the cached analyses the page has
        version = {"v": lane_versions(con).get((stage, "goals"), 0)}

        def save(i: int) -> None:
            version["v"] = set_lane(ws, stage, "goals", f"{TEXT} ({i})", expected=version["v"])

        def fragment(i: int) -> None:
            save(i)
            full = with_team_lanes(jm, ws.cursor())
            map_grid.payload(full, "tr")
            gap_sentences(full, "tr")

        full = with_team_lanes(jm, con)
        rows = [("recompute the map's analyses (baseline)", _median(recompute, 3)),
                ("set_lane (the save)", _median(save, saves)),
                ("with_team_lanes (notes read fresh)", _median(lambda i: with_team_lanes(jm, ws.cursor()), saves)),
                ("map_grid.payload (what the grid draws)", _median(lambda i: map_grid.payload(full, "tr"), saves)),
                ("a team-cell save as the map fragment runs it", _median(fragment, saves))]
        title = f"{path.stem}: {info['events']:,} events, {len(model.stages)} stages ({model.name})"
    finally:
        close_workspace(ws)
    if app:
        from tests.ui.apptest import component_data, map_edit

        at = open_app(path, "journey_map")
        at.run()  # the page once, analyses computed and cached

        def page_save(i: int) -> None:
            rows_ = component_data(at, "cjm.map_grid")["rows"]
            cell = next(r for r in rows_ if r.get("id") == "goals")["cells"][0]
            map_edit(at, "save", {"lane": "goals", "stage": cell["stage"], "text": f"{TEXT} [{i}]",
                                                 "version": cell["version"], "at": i})
            if at.exception or at.warning:
                raise RuntimeError("the save from the page failed or was refused")

        rows.append(("whole page rerun after a save (AppTest, upper bound)", _median(page_save, max(3, saves // 5))))
    return title, rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench map", description=__doc__.splitlines()[0])
    ap.add_argument("--saves", type=int, default=30, help="saves timed per row (median shown)")
    ap.add_argument("--sizes", default="1M", help="synthetic workspaces beside the samples (default 1M; '' for none)")
    ap.add_argument("--no-app", action="store_true", help="skip the AppTest page-rerun row")
    args = ap.parse_args(argv)
    quiet()

    from bench.analytics import _size, generate
    from cjm.ingest import samples as sample
    from cjm.store import close_workspace, open_workspace

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for s in sample.SAMPLES:
            p = pathlib.Path(tmp) / f"sample-{s['key']}.duckdb"
            ws = open_workspace(p)
            sample.load_all(ws, keys=[s["key"]])
            close_workspace(ws)
            paths.append(p)
        for size in [_size(x) for x in args.sizes.split(",") if x.strip()]:
            p = pathlib.Path(tmp) / f"synthetic-{size}.duckdb"
            ws = open_workspace(p)
            con = ws.cursor()
            generate(con, size)
            con.close()
            close_workspace(ws)
            paths.append(p)
        target_met = True
        for p in paths:
            title, rows = _rows(p, args.saves, not args.no_app)
            base = rows[0][1]
            print(f"\n{title}")
            print(f"{'':<56}{'median ms':>11}{'x baseline':>12}")
            for label, seconds in rows:
                print(f"{label:<56}{1000 * seconds:>11,.1f}{seconds / base:>12.3f}")
            target_met &= rows[4][1] < 0.1
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        print(f"\ntarget: a team-cell save < 100 ms of server time on every workspace: "
              f"{'met' if target_met else 'not met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
