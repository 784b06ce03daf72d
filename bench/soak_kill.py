"""``python -m bench soak [--kills N] [--rows N] [--seed N]`` — kill -9 a ``python -m cjm import`` at random
moments, again and again on one workspace, and check after each kill that the workspace opens, the earlier data is
intact and no import is partial (the ``imports`` table and ``events`` agree). Prints a table; exit 1 if any check
failed.

The same functions drive the fault suite in CI (``tests/store/test_faults.py``, 10 kills).

>>> sorted(check.__annotations__)
['path', 'return']
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ["Awareness", "Consideration", "Purchase", "Retention", "Advocacy"]


def make_csv(path: Path, rows: int, *, tag: str = "c", seed: int = 1) -> Path:
    """A CSV of *rows* events (5 per customer) with channel and emotion columns."""
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        f.write("Customer ID,Stage,Date,Channel,Emotion\n")
        for i in range(rows):
            f.write(f"{tag}{i // 5},{STAGES[i % 5]},2026-01-{1 + i % 28:02d},{rnd.choice(['web', 'email', 'phone'])},"
                    f"{rnd.randint(-2, 2)}\n")
    return path


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def cli(*args: str, workspace: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cjm", "--workspace", str(workspace), *args], capture_output=True,
                          text=True, env=_env(), timeout=timeout, cwd=ROOT)


def prepare(workspace: Path, first: Path) -> int:
    """The earlier data: *first* imported with the five-stage model; its number of events."""
    out = cli("import", str(first), "--stage-model", "five-stage", workspace=workspace)
    if out.returncode:
        raise RuntimeError(out.stderr)
    return check(workspace)["events_first"]


def timed_import(workspace: Path, csv: Path) -> float:
    """Seconds a whole ``import --replace`` of *csv* takes (the range the kills are spread over)."""
    t = time.perf_counter()
    out = cli("import", str(csv), "--replace", workspace=workspace)
    if out.returncode:
        raise RuntimeError(out.stderr)
    return time.perf_counter() - t


def kill_import(workspace: Path, csv: Path, delay: float) -> bool:
    """Start ``import --replace`` of *csv* and kill -9 it after *delay* seconds; whether it had already ended."""
    proc = subprocess.Popen([sys.executable, "-m", "cjm", "--workspace", str(workspace), "import", str(csv),
                             "--replace"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(), cwd=ROOT)
    try:
        proc.wait(timeout=delay)
        return True
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return False


_CHECK = """
import json, sys
from cjm.store import open_workspace
ws = open_workspace(sys.argv[1])
cur = ws.cursor()
q = lambda sql: cur.execute(sql).fetchall()
out = {
    "events_first": q("SELECT count(*) FROM events WHERE import_id = (SELECT min(import_id) FROM imports)")[0][0],
    "imports": q("SELECT count(*) FROM imports")[0][0],
    "events": q("SELECT count(*) FROM events")[0][0],
    "partial": q("SELECT count(*) FROM imports i WHERE rows_loaded <> "
                 "(SELECT count(*) FROM events e WHERE e.import_id = i.import_id)")[0][0],
    "orphans": q("SELECT count(*) FROM events WHERE import_id NOT IN (SELECT import_id FROM imports)")[0][0],
    "rejected_orphans": q("SELECT count(*) FROM rejected WHERE import_id NOT IN (SELECT import_id FROM imports)")[0][0],
    "backups_listed": 0,
}
from cjm.store.backups import list_snapshots
out["backups_listed"] = len(list_snapshots(ws.path))
print(json.dumps(out))
"""


def check(path: Path) -> dict:
    """Open the workspace in a fresh process (as the next command would) and count what must agree."""
    import json

    out = subprocess.run([sys.executable, "-c", _CHECK, str(path)], capture_output=True, text=True, env=_env(),
                         timeout=300, cwd=ROOT)
    if out.returncode:
        return {"error": (out.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(out.stdout)


def soak(kills: int, rows: int, seed: int, folder: Path, *, say=print) -> list[dict]:
    rnd = random.Random(seed)
    workspace = folder / "soak.duckdb"
    first = make_csv(folder / "first.csv", 1000, tag="f", seed=seed)
    big = make_csv(folder / "big.csv", rows, tag="b", seed=seed + 1)
    n_first = prepare(workspace, first)
    full = timed_import(workspace, big)
    say(f"earlier data: {n_first} events; a whole import of {rows} rows takes {full:.2f} s; killing at random "
        f"moments in 0..{1.2 * full:.2f} s\n")
    say(f"{'kill':>4} {'delay s':>8} {'ended':>6} {'opens':>6} {'earlier':>8} {'imports':>8} {'events':>8} "
        f"{'partial':>8} {'backups':>8}  ok")
    rows_out = []
    for k in range(1, kills + 1):
        delay = rnd.uniform(0.05, 1.2 * full)
        ended = kill_import(workspace, big, delay)
        c = check(workspace)
        ok = ("error" not in c and c["events_first"] == n_first and c["partial"] == 0 and c["orphans"] == 0
              and c["rejected_orphans"] == 0 and c["events"] in (n_first, n_first + rows))
        row = {"kill": k, "delay": delay, "ended": ended, "ok": ok, **c}
        rows_out.append(row)
        if "error" in c:
            say(f"{k:>4} {delay:>8.2f} {ended!s:>6} {'no':>6}  {c['error']}")
        else:
            say(f"{k:>4} {delay:>8.2f} {ended!s:>6} {'yes':>6} {c['events_first']:>8} {c['imports']:>8} "
                f"{c['events']:>8} {c['partial']:>8} {c['backups_listed']:>8}  {'ok' if ok else 'FAIL'}")
    good = sum(r["ok"] for r in rows_out)
    say(f"\n{good} / {kills} kills survived (workspace opens, earlier data intact, no partial import); "
        f"{sum(not r['ended'] for r in rows_out)} killed mid-import, {sum(r['ended'] for r in rows_out)} had ended")
    return rows_out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--dir", type=Path, default=None, help="folder for the workspace (default: a temp folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cjm-soak-") as tmp:
        folder = args.dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        rows = soak(args.kills, args.rows, args.seed, folder)
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
