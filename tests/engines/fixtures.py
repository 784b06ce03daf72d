"""The Parquet fixtures of ``tests/fixtures/parquet/``: the samples (and the BPIC 2012 excerpt) as an import reads them,
written as a lake would hold them, and the workspaces they are compared with.

Regenerate after the samples or the import change (the tests say so when they differ)::

    .venv/bin/python -m tests.engines.fixtures

Each fixture is the ``events`` of a workspace that imported the sample (values converted, emotion on the −2..+2
scale), in file order (``seq``), with lake-style column names: the customer column is called ``Kod`` (no guess maps
it: the tests pass ``--map Kod=customer_id``), the rest are names an import guesses. The Hinge sample is split into
two files in a folder (file order across files), the others are one file each.
"""

from __future__ import annotations

import gzip
import pathlib
import shutil
import tempfile
from dataclasses import replace

from cjm.core.stage_model import Outcome, StageModel, custom, preset
from cjm.ingest.load import import_file
from cjm.ingest.samples import SAMPLES, sample_path
from cjm.store import Workspace, open_workspace
from cjm.store.order import set_stage_model

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
PARQUET = FIXTURES / "parquet"
MAPPING = {"Kod": "customer_id"}
#: lake column name <- workspace column
COLUMNS = {"Kod": "customer_id", "Date": "ts", "Stage": "stage", "Touchpoint": "touchpoint", "Channel": "channel",
           "Emotion": "emotion", "NPS": "nps", "Outcome": "outcome", "Segment": "segment", "Persona": "persona",
           "Role": "role", "Amount": "value", "Cost": "cost", "Comment": "comment"}
#: BPIC 2012: the eight A_ states, A_DECLINED an outcome at A_PREACCEPTED, A_ACTIVATED final and won
A8 = ["A_SUBMITTED", "A_PARTLYSUBMITTED", "A_PREACCEPTED", "A_ACCEPTED", "A_FINALIZED", "A_APPROVED", "A_REGISTERED",
      "A_ACTIVATED"]
SPLIT = {"hinge": 2}


def sample_workspace(key: str) -> tuple[Workspace, StageModel]:
    """A fresh in-memory workspace with sample *key* imported as ``python -m cjm sample`` imports it."""
    s = next(s for s in SAMPLES if s["key"] == key)
    ws = open_workspace(":memory:")
    import_file(ws, sample_path(key), model=preset(s["model"]), mapping=s["mapping"] or None)
    model = ws.stage_model()
    assert model is not None
    return ws, model


def bpic_model() -> StageModel:
    """The model ``stages --infer --keep A8 --outcome A_DECLINED=A_PREACCEPTED --final A_ACTIVATED --won-stage
    A_ACTIVATED`` makes (tests/cli/test_cli_event_logs.py)."""
    base = custom(A8, name="bpic2012-a8")
    stages = tuple(replace(s, final=s.label == "A_ACTIVATED") for s in base.stages)
    declined = Outcome(key="a-declined", label="A_DECLINED", stage=base.keys[A8.index("A_PREACCEPTED")], positive=False)
    return replace(base, stages=stages, outcomes=(declined,)).with_won("A_ACTIVATED")


def log_workspace(csv_gz: pathlib.Path, model: StageModel) -> Workspace:
    """A workspace with an event log (CSV, gzipped) imported and *model* set as ``stages --apply`` sets it."""
    tmp = pathlib.Path(tempfile.mkdtemp())
    try:
        src = tmp / csv_gz.name.removesuffix(".gz")
        src.write_bytes(gzip.decompress(csv_gz.read_bytes()))
        ws = open_workspace(":memory:")
        import_file(ws, src)
        set_stage_model(ws, model)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return ws


def export(ws: Workspace, target: pathlib.Path, *, files: int = 1) -> pathlib.Path:
    """Write the workspace's events, in file order, as Parquet with the lake's column names: one file
    *target*.parquet, or a folder *target* of *files* files. Returns the path to give ``--events``."""
    cur = ws.cursor()
    cols = ", ".join(f'{w} AS "{lake}"' for lake, w in COLUMNS.items())
    total = cur.execute("SELECT count(*) FROM events").fetchall()[0][0]
    if files == 1:
        path = target.with_suffix(".parquet")
        path.unlink(missing_ok=True)
        cur.sql(f"SELECT {cols} FROM events ORDER BY seq").write_parquet(str(path))
        return path
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    per = -(-total // files)
    for i in range(files):
        part = target / f"part-{i:03d}.parquet"
        cur.sql(f"SELECT {cols} FROM events ORDER BY seq LIMIT $n OFFSET $skip",
                params={"n": per, "skip": i * per}).write_parquet(str(part))
    return target


def fixture_path(key: str) -> pathlib.Path:
    """Where the committed fixture of sample *key* (or ``bpic2012_excerpt``) is."""
    return PARQUET / key if SPLIT.get(key, 1) > 1 else PARQUET / f"{key}.parquet"


def main() -> None:
    PARQUET.mkdir(parents=True, exist_ok=True)
    for s in SAMPLES:
        ws, _ = sample_workspace(s["key"])
        print(export(ws, PARQUET / s["key"], files=SPLIT.get(s["key"], 1)))
    ws = log_workspace(FIXTURES / "bpic2012_excerpt.csv.gz", bpic_model())
    print(export(ws, PARQUET / "bpic2012_excerpt"))


if __name__ == "__main__":
    main()
