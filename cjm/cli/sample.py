"""``python -m cjm sample [--only KEY] [--replace]``: import the shipped sample data (see
:mod:`cjm.ingest.samples`; ``tools/make_samples.py`` regenerates the files)."""

from __future__ import annotations

import argparse

from cjm.ingest.samples import SAMPLES, load_all
from cjm.store import Workspace


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``sample`` command."""
    parser.add_argument("--only", action="append", choices=[s["key"] for s in SAMPLES], default=None,
                        help="import only this sample (repeatable; default: all three)")
    parser.add_argument("--replace", action="store_true",
                        help="load the samples again in place of an earlier import of the same files")


def run(args: argparse.Namespace, ws: Workspace) -> int:
    """Run the ``sample`` command; returns the exit code."""
    reports = load_all(ws, keys=args.only, replace=args.replace)
    for sample, report in zip([s for s in SAMPLES if not args.only or s["key"] in args.only], reports):
        if report.duplicate:
            print(f"{sample['file']}: already in the workspace, nothing loaded (--replace loads it again)")
        else:
            print(f"{sample['file']}: {report.rows_loaded} rows loaded, {report.rows_rejected} rejected "
                  f"(stage model {sample['model']})")
    model = ws.stage_model()
    print(f"active stage model: {model.name if model else '-'}")
    return 0
