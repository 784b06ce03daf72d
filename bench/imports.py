"""Import benchmark that prints a table: ``python -m bench import [--rows 1000000] [--xlsx-rows 100000]``.

``python -m bench import --app [--app-mb 150] [--before HEAD]``: peak memory of a CSV imported the way the app
does (the upload's bytes inspected, then imported; and through the Import page in AppTest), now and at a git
revision, side by side.

Each case runs in its own Python subprocess, so its peak memory (``ru_maxrss``) is its own. The data
is generated into ``--dir`` (default ``bench_data/``, git-ignored; never committed).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from cjm.errors import CJMError

DEFAULT_DIR = Path("bench_data")

# --------------------------------------------------------------------------- data generation


def make_csv(path: Path, rows: int, *, turkish: bool = False) -> Path:
    """A UTF-8 event CSV like a CRM export: ids with leading zeros, ISO timestamps, decimals, quoted comments.
    *turkish*: stage names and comments in Turkish (not ASCII, so the import decodes the file as text)."""
    import duckdb

    stages = (["Farkındalık", "Araştırma", "Satın alma", "Elde tutma", "Savunuculuk"] if turkish
              else ["Awareness", "Research", "Purchase", "Retention", "Advocacy"])
    comments = (["Fiyat sordu, sonra sessizleşti", 'Şimdilik "memnun"'] if turkish
                else ["Asked for pricing, then went quiet", 'Happy "so far"'])
    if path.exists() and path.stat().st_size > 0 and path.with_suffix(".rows").exists() \
            and path.with_suffix(".rows").read_text() == str(rows):
        return path
    con = duckdb.connect()
    con.execute(f"""COPY (
        SELECT lpad(CAST(i // 7 AS VARCHAR), 7, '0') AS "Customer ID",
               strftime(TIMESTAMP '2024-01-01' + to_seconds(i * 37 % 63000000), '%Y-%m-%d %H:%M:%S') AS "Date",
               {stages!r}[1 + i % 5] AS "Stage",
               ['Webinar', 'Demo call', 'Proposal', 'Onboarding', 'Support ticket', 'Referral'][1 + i % 6]
                   AS "Touchpoint",
               ['email', 'phone', 'in person', 'video', 'mail', 'gift'][1 + (i // 3) % 6] AS "Channel",
               CAST((i * 7) % 5 - 2 AS VARCHAR) AS "Emotion",
               CAST(round((i * 13) % 100000 / 100.0, 2) AS VARCHAR) AS "Amount",
               CASE WHEN i % 10 = 0 THEN '{comments[0]}' WHEN i % 10 = 1 THEN '{comments[1]}'
                    ELSE '' END AS "Comment"
        FROM range({int(rows)}) t(i)) TO '{path.as_posix()}' (HEADER, DELIMITER ',')""")
    con.close()
    path.with_suffix(".rows").write_text(str(rows))
    return path


def make_xlsx(path: Path, rows: int) -> Path:
    """A one-sheet workbook (xlsxwriter, constant memory) with the same columns as :func:`make_csv`."""
    if path.exists() and path.with_suffix(".rows").exists() and path.with_suffix(".rows").read_text() == str(rows):
        return path
    import datetime as dt

    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sh = wb.add_worksheet("Events")
    datefmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sh.write_row(0, 0, ["Customer ID", "Date", "Stage", "Touchpoint", "Channel", "Emotion", "Amount", "Comment"])
    stages = ["Awareness", "Research", "Purchase", "Retention", "Advocacy"]
    tps = ["Webinar", "Demo call", "Proposal", "Onboarding", "Support ticket", "Referral"]
    chans = ["email", "phone", "in person", "video", "mail", "gift"]
    start = dt.datetime(2024, 1, 1)
    for i in range(rows):
        r = i + 1
        sh.write_string(r, 0, f"{i // 7:07d}")
        sh.write_datetime(r, 1, start + dt.timedelta(seconds=i * 37 % 63000000), datefmt)
        sh.write_string(r, 2, stages[i % 5])
        sh.write_string(r, 3, tps[i % 6])
        sh.write_string(r, 4, chans[(i // 3) % 6])
        sh.write_number(r, 5, (i * 7) % 5 - 2)
        sh.write_number(r, 6, round((i * 13) % 100000 / 100.0, 2))
        if i % 10 == 0:
            sh.write_string(r, 7, "Asked for pricing, then went quiet")
    wb.close()
    path.with_suffix(".rows").write_text(str(rows))
    return path


# --------------------------------------------------------------------------- cases (run in a subprocess)


def _case_duckdb_csv(src: str, work: str) -> int:
    import duckdb

    con = duckdb.connect(work)
    con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [src])
    n = con.execute("SELECT count(*) FROM t").fetchall()[0][0]
    con.execute("CHECKPOINT")
    con.close()
    return n


#: the import's progress messages (see ``import_file(progress=...)``) -> the step that starts there
STEP_NAMES = {"start": "read file + sha256", "checking the file": "duplicate check", "reading": "parse + record count",
              "converting values": "decide formats on the first 50k rows",
              "loading": "convert + check every row + insert into events (+ bad rows)",
              "saving": "commit + CHECKPOINT + journey order check",
              "putting each customer's events in journey order": "rewrite events in journey order",
              "summing up each customer's stages": "per-customer stages for the funnel (+ CHECKPOINT)"}
_STEPS: dict[str, float] = {}


def _case_cjm(src: str, work: str) -> int:
    t0 = time.perf_counter()
    from cjm.core.stage_model import preset
    from cjm.ingest import import_file
    from cjm.store import close_workspace, open_workspace

    _STEPS["import cjm.ingest (+ duckdb)"] = time.perf_counter() - t0
    t = time.perf_counter()
    ws = open_workspace(work)
    _STEPS["open workspace"] = time.perf_counter() - t
    marks: list[tuple[str, float]] = [("start", time.perf_counter())]
    rep = import_file(ws, src, model=preset("five-stage"), progress=lambda f, m: marks.append((m, time.perf_counter())))
    for (m, a), (_, b) in zip(marks, marks[1:]):
        if m in STEP_NAMES:
            _STEPS[STEP_NAMES[m]] = _STEPS.get(STEP_NAMES[m], 0.0) + b - a
    t = time.perf_counter()
    close_workspace(ws)
    _STEPS["close"] = time.perf_counter() - t
    if rep.rows_loaded != rep.rows_read:
        raise SystemExit(f"{rep.rows_read - rep.rows_loaded} rows rejected: {rep.warnings}")
    return rep.rows_loaded


def _case_events_write(src: str, work: str) -> int:
    """The floor our schema sets: the CSV's rows already parsed and typed in memory (not timed), then only what
    the import does to store them — customer keys, journey order, the 23 columns of ``events`` written and
    checkpointed (:func:`cjm.store.insert_events`) — timed."""
    from cjm.store import close_workspace, insert_events, open_workspace

    ws = open_workspace(work)
    cur = ws.cursor()
    cur.execute("""CREATE TEMP TABLE typed AS SELECT row_number() OVER () + 1 AS source_row, "Customer ID"::VARCHAR AS
                   customer_id, "Date"::TIMESTAMP AS ts, "Stage" AS stage, ("Stage" = 'Awareness')::INTEGER AS stage_idx,
                   "Touchpoint" AS touchpoint, "Channel" AS channel, "Emotion"::DOUBLE AS emotion,
                   "Emotion"::VARCHAR AS emotion_raw, "Amount"::DOUBLE AS value, "Comment" AS comment
                   FROM read_csv(?, types = {'Customer ID': 'VARCHAR', 'Emotion': 'VARCHAR'})""", [src])
    t = time.perf_counter()
    cur.execute("BEGIN TRANSACTION")
    n = insert_events(cur, ["seq", "import_id", "source_file", "source_row", "customer_id", "ts", "stage", "stage_idx",
                            "touchpoint", "channel", "emotion", "emotion_raw", "value", "comment"],
                      "SELECT source_row, 1, ?, source_row, customer_id, ts, stage, stage_idx, touchpoint, channel, "
                      "emotion, emotion_raw, value, comment FROM typed", [Path(src).name])
    cur.execute("COMMIT")
    cur.execute("CHECKPOINT")
    _TIMED.append(time.perf_counter() - t)
    close_workspace(ws)
    return n


_TIMED: list[float] = []


def _case_pandas_openpyxl(src: str, work: str) -> int:
    import pandas as pd

    return len(pd.read_excel(src, engine="openpyxl"))


def _case_app_bytes(src: str, work: str) -> int:
    """What the Import page does with an upload, without Streamlit: the bytes in memory, inspected (mapping,
    preview), then imported from those bytes."""
    import pandas  # noqa: F401  (loaded in the app; counted in the peak as it is there)

    from cjm.core.stage_model import preset
    from cjm.ingest import import_file, inspect
    from cjm.store import close_workspace, open_workspace

    data = Path(src).read_bytes()  # the upload
    inspect(data, file_name=Path(src).name)
    ws = open_workspace(work)
    rep = import_file(ws, data, file_name=Path(src).name, model=preset("five-stage"))
    close_workspace(ws)
    return rep.rows_loaded


def _case_app_page(src: str, work: str) -> int:
    """The Import page itself (Streamlit's AppTest): the file put in the uploader, inspected, the Import button
    clicked, the import waited for (in the background where it runs there)."""
    import contextlib
    import logging

    from streamlit.testing.v1 import AppTest

    logging.disable(logging.WARNING)  # AppTest's "no runtime" warnings
    root = Path(os.environ["CJM_BENCH_ROOT"])
    at = AppTest.from_file(str(root / "app.py"), default_timeout=600)
    at.session_state["workspace_path"] = work
    at.run()
    at.switch_page("app_pages/import_page.py").run()
    at.selectbox(key="import_model").set_value("five-stage").run()
    at.file_uploader[0].set_value((Path(src).name, Path(src).read_bytes(), "text/csv")).run()
    at.button(key="import_0").click().run()
    with contextlib.suppress(ImportError):  # the background import (issue 14); before it, the click imported
        from ui import imports as bg

        job = bg.job(work)
        if job is not None:
            job.wait(600)
            if job.error or job.unexpected:
                raise SystemExit(f"the import failed: {job.error}")
    at.run()
    if at.exception:
        raise SystemExit(str(at.exception[0].value))
    from cjm.store import open_workspace

    return open_workspace(work).cursor().execute("SELECT count(*) FROM events").fetchall()[0][0]


CASES: dict[str, Callable[[str, str], int]] = {
    "app-bytes": _case_app_bytes,
    "app-page": _case_app_page,
    "duckdb-csv": _case_duckdb_csv,
    "cjm-csv": _case_cjm,
    "cjm-xlsx": _case_cjm,
    "pandas-openpyxl": _case_pandas_openpyxl,
    "events-write": _case_events_write,
}


def _child(case: str, src: str, work: str) -> None:
    import resource

    t0 = time.perf_counter()
    n = CASES[case](src, work)
    secs = _TIMED[0] if _TIMED else time.perf_counter() - t0  # a case that times only its own part says so
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"rows": n, "seconds": secs, "peak_mb": peak_kb / 1024, "steps": _STEPS}))


def run_case(case: str, src: Path, work: Path, *, repeat: int = 1, root: Path | None = None) -> dict:
    """Run *case* in fresh subprocesses (best of *repeat*); the workspace/database file is removed first.
    *root*: the code to run it against (another revision's tree, see ``--before``); this one by default."""
    here = Path(__file__).resolve().parent.parent
    best: dict | None = None
    for _ in range(repeat):
        for p in (work, Path(str(work) + ".wal")):
            if p.exists():
                p.unlink()
        # the case itself always comes from this bench module; the product code from *root*
        code = ("import sys; sys.path.insert(0, sys.argv[1]); import runpy; "
                "m = runpy.run_path(sys.argv[2]); m['_child'](*sys.argv[3:])")
        out = subprocess.run([sys.executable, "-c", code, str(root or here), __file__, case, str(src.resolve()),
                              str(work.resolve())],
                             capture_output=True, text=True, cwd=str(root or here),
                             env={**os.environ, "PYTHONPATH": str(root or here), "CJM_BENCH_ROOT": str(root or here)})
        if out.returncode != 0:
            raise CJMError(f"benchmark case {case} failed: {out.stderr.strip().splitlines()[-1:]}")
        res = json.loads(out.stdout.strip().splitlines()[-1])
        if best is None or res["seconds"] < best["seconds"]:
            best = res
    return best  # type: ignore[return-value]


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for k, r in enumerate(rows):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
        if k == 0:
            print("  ".join("-" * w for w in widths))


def bench_import(args: argparse.Namespace) -> int:
    out_dir = Path(args.dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / ".gitignore").write_text("*\n")
    print(f"generating data in {out_dir}/ ...", flush=True)
    csv_path = make_csv(out_dir / f"events_{args.rows}.csv", args.rows)
    xlsx_path = make_xlsx(out_dir / f"events_{args.xlsx_rows}.xlsx", args.xlsx_rows)
    rows = [["case", "file", "rows", "seconds", "peak MB", "vs baseline"]]
    base = run_case("duckdb-csv", csv_path, out_dir / "bare.duckdb", repeat=args.repeat)
    ours = run_case("cjm-csv", csv_path, out_dir / "ws_csv.duckdb", repeat=args.repeat)
    rows.append(["duckdb read_csv -> table (bare)", csv_path.name, f"{base['rows']:,}", f"{base['seconds']:.2f}",
                 f"{base['peak_mb']:.0f}", "1.00x"])
    rows.append(["cjm import_file CSV (validated)", csv_path.name, f"{ours['rows']:,}", f"{ours['seconds']:.2f}",
                 f"{ours['peak_mb']:.0f}", f"{ours['seconds'] / base['seconds']:.2f}x slower"])
    floor = run_case("events-write", csv_path, out_dir / "ws_floor.duckdb", repeat=args.repeat)
    rows.append(["  of which the floor: store typed rows", csv_path.name, f"{floor['rows']:,}",
                 f"{floor['seconds']:.2f}", f"{floor['peak_mb']:.0f}", f"{floor['seconds'] / base['seconds']:.2f}x"])
    if not args.skip_xlsx:
        pd_res = run_case("pandas-openpyxl", xlsx_path, out_dir / "unused.duckdb", repeat=args.repeat)
        ox = run_case("cjm-xlsx", xlsx_path, out_dir / "ws_xlsx.duckdb", repeat=args.repeat)
        rows.append(["pandas.read_excel(openpyxl)", xlsx_path.name, f"{pd_res['rows']:,}",
                     f"{pd_res['seconds']:.2f}", f"{pd_res['peak_mb']:.0f}", "1.00x"])
        rows.append(["cjm import_file XLSX (validated)", xlsx_path.name, f"{ox['rows']:,}", f"{ox['seconds']:.2f}",
                     f"{ox['peak_mb']:.0f}", f"{pd_res['seconds'] / ox['seconds']:.1f}x faster"])
    print_table(rows)
    print("\nEach case runs in a fresh Python process, timed from its first import (duckdb for the bare case, "
          "cjm.ingest + duckdb for ours)\nto the data committed and checkpointed in an on-disk database; best of "
          f"--repeat {args.repeat}. The bare case is CREATE TABLE AS read_csv with\nDuckDB's own type detection "
          "(no validation, no row numbers, no rejected rows).\nThe floor row times only the storing of the CSV's "
          "rows, already parsed and typed in memory, into the workspace's\nevents table (customer keys, journey order, "
          "23 columns, commit + CHECKPOINT): what any import into this schema pays.")
    for label, res in (("CSV", ours), ("XLSX", None if args.skip_xlsx else ox)):
        if res and res.get("steps"):
            print(f"\nSteps of the {label} import (the best run):")
            print_table([["step", "seconds"]] + [[k, f"{v:.2f}"] for k, v in res["steps"].items()]
                        + [["total", f"{res['seconds']:.2f}"]])
    return 0


def _tree_of(rev: str, into: Path) -> Path:
    """The product code of git revision *rev* (``cjm/``, ``ui/``, ``app_pages/``, ``app.py``...) under *into*."""
    root = Path(__file__).resolve().parent.parent
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(root), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def bench_app(args: argparse.Namespace) -> int:
    """Peak memory of a ~``--app-mb`` MB CSV imported the way the app does, now and at ``--before`` (a git
    revision: the same cases run against that revision's code, in the same run)."""
    import tempfile

    out_dir = Path(args.dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / ".gitignore").write_text("*\n")
    rows_n = int(args.app_mb * 1e6 / 71.3)  # make_csv writes about 71 bytes per row
    files = [make_csv(out_dir / f"app_{args.app_mb}mb.csv", rows_n)]
    if not args.skip_turkish:
        files.append(make_csv(out_dir / f"app_{args.app_mb}mb_tr.csv", int(rows_n / 1.05), turkish=True))
    header = ["case", "file", "MB", "rows", "code", "seconds", "peak RSS MB", "vs before"]
    table = [header]
    with tempfile.TemporaryDirectory(prefix="cjm_bench_before_") as tmp:
        before_root = _tree_of(args.before, Path(tmp)) if args.before else None
        for case, label in (("app-bytes", "upload bytes -> inspect -> import_file(bytes)"),
                            ("app-page", "Import page (AppTest): upload, Import, wait")):
            if case == "app-page" and args.skip_page:
                continue
            for src in files:
                old = run_case(case, src, out_dir / "app_before.duckdb", root=before_root) if before_root else None
                new = run_case(case, src, out_dir / "app_now.duckdb")
                size = f"{src.stat().st_size / 1e6:.0f}"
                if old:
                    table.append([label, src.name, size, f"{old['rows']:,}", args.before, f"{old['seconds']:.1f}",
                                  f"{old['peak_mb']:.0f}", "1.00x"])
                table.append([label, src.name, size, f"{new['rows']:,}", "now", f"{new['seconds']:.1f}",
                              f"{new['peak_mb']:.0f}",
                              f"{new['peak_mb'] / old['peak_mb']:.2f}x" if old else "-"])
    print_table(table)
    limit = os.environ.get("CJM_MEMORY_LIMIT", "1GB")
    print(f"\nPeak RSS (ru_maxrss) of a fresh Python process per case, from its start (interpreter, pandas, duckdb; "
          f"Streamlit for the page)\nto the import committed; CJM_MEMORY_LIMIT={limit}. The _tr file is the same data "
          f"with Turkish stage names and comments (not ASCII).")
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the CSV (default 1,000,000)")
    parser.add_argument("--xlsx-rows", type=int, default=100_000, help="rows of the XLSX (default 100,000)")
    parser.add_argument("--dir", default=str(DEFAULT_DIR), help="where to put the generated files (bench_data/)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; the best is shown (default 1)")
    parser.add_argument("--skip-xlsx", action="store_true", help="only the CSV cases")
    parser.add_argument("--app", action="store_true",
                        help="only the memory of the app's way: a --app-mb CSV uploaded, inspected and imported")
    parser.add_argument("--app-mb", type=int, default=150, help="size of the CSV for --app (default 150 MB)")
    parser.add_argument("--before", help="with --app: a git revision to measure too, in the same run (e.g. HEAD)")
    parser.add_argument("--skip-page", action="store_true", help="with --app: without the AppTest case")
    parser.add_argument("--skip-turkish", action="store_true", help="with --app: only the ASCII file")


def main(argv: list[str] | None = None) -> int:
    """``python -m bench import [--rows N] [--xlsx-rows N] [--repeat N] [--skip-xlsx]``."""
    parser = argparse.ArgumentParser(prog="python -m bench import", description=__doc__.split("\n")[0])
    add_arguments(parser)
    args = parser.parse_args(argv)
    return bench_app(args) if args.app else bench_import(args)


if __name__ == "__main__":
    sys.exit(main())
