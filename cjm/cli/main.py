"""Command line: ``python -m cjm import|stages|info|report|what-if|sample`` (benchmarks: ``python -m bench``).

Exit codes: 0 success (also when some rows were rejected), 2 user error (one line ``error: ...`` on
stderr, never a traceback), 130 interrupted. The workspace is ``--workspace`` > ``$CJM_WORKSPACE`` >
``~/.cjm/workspace.duckdb``.

>>> build_parser("import").parse_args(["import", "a.csv", "--map", "Kod=customer_id", "--dayfirst"]).map
['Kod=customer_id']
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence

from cjm.errors import CJMError

#: subcommands implemented in other modules: name -> module with add_arguments(parser) and run(args, ws)
DELEGATES = {
    "report": ("cjm.cli.report", "write a report (JSON / XLSX) of the workspace"),
    "what-if": ("cjm.cli.what_if", "project customers, revenue and referrals under a scenario"),
    "sample": ("cjm.cli.sample", "import the sample data"),
}


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--workspace", "-w", default=argparse.SUPPRESS, metavar="PATH",
                   help="workspace file (default: $CJM_WORKSPACE or ~/.cjm/workspace.duckdb)")
    return p


def _delegate_module(name: str):
    module = DELEGATES[name][0]
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == module or module.startswith(exc.name + ".") or exc.name.startswith(module)):
            return None
        raise


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the delegate module for *command* is imported."""
    parser = argparse.ArgumentParser(prog="python -m cjm", description="CJM Dashboard from the command line.")
    parser.add_argument("--workspace", "-w", default=None, metavar="PATH",
                        help="workspace file (default: $CJM_WORKSPACE or ~/.cjm/workspace.duckdb)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _common()

    p = sub.add_parser("import", parents=[common], help="import a CSV / TXT / XLSX file",
                       description="Import a CSV / TXT / XLSX file into the workspace.")
    p.add_argument("file", help="the file to import")
    p.add_argument("--sheet", help="sheet of an Excel file (default: the first visible sheet with data)")
    p.add_argument("--map", action="append", default=[], metavar="HEADER=FIELD",
                   help='map a column to a field, e.g. --map "Kod=customer_id"; "HEADER=" ignores the column')
    g = p.add_mutually_exclusive_group()
    g.add_argument("--stages", metavar="A,B,C", help="your own stages, in journey order")
    g.add_argument("--stage-model", metavar="NAME", help="a preset: hinge-b2b-4, five-stage, coleman-8, questionpro-4")
    d = p.add_mutually_exclusive_group()
    d.add_argument("--dayfirst", action="store_const", const="dayfirst", dest="date_order",
                   help="read dates like 03/04/2026 as 3 April")
    d.add_argument("--monthfirst", action="store_const", const="monthfirst", dest="date_order",
                   help="read dates like 03/04/2026 as March 4")
    p.add_argument("--replace", action="store_true", help="load a file imported before again, in place of it")
    p.add_argument("--json", action="store_true", help="print the import report as JSON")

    p = sub.add_parser("stages", parents=[common], help="show or set the stage model",
                       description="Show the stage model and stage values not in it, or set the model.")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--set", metavar="NAME|A,B,C", help='a preset name, or your own stages "a,b,c"')
    g.add_argument("--infer", action="store_true",
                   help="propose stages from the data, in their typical first-seen order (add --apply to set it)")
    p.add_argument("--apply", action="store_true", help="with --infer: set the proposed stages as the model")
    p.add_argument("--rename", action="append", default=[], metavar="STAGE=NEW",
                   help='rename a stage (the old name still matches the data), e.g. --rename "Lead=Prospect"')
    p.add_argument("--final", metavar="A,B", help="the final stages (a customer resting there is not stuck)")
    p.add_argument("--map", action="append", default=[], metavar="VALUE=STAGE",
                   help='count a stage value of the data as a stage of the model, e.g. --map "Pricing=research"')

    sub.add_parser("info", parents=[common], help="workspace path, imports and event counts")

    for name, (_module, help_text) in DELEGATES.items():
        if name == command:
            mod = _delegate_module(name)
            p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
            if mod is not None:
                mod.add_arguments(p)
            else:
                p.add_argument("rest", nargs=argparse.REMAINDER)
            p.set_defaults(_module=mod)
        else:
            p = sub.add_parser(name, help=help_text, add_help=False)
            p.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def _model_from_args(stages: str | None, name: str | None):
    from cjm.core.stage_model import custom, preset

    if stages:
        return custom(stages.split(","))
    if name:
        return preset(name)
    return None


def _parse_map(items: Sequence[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for item in items:
        if "=" not in item:
            raise CJMError(f'--map needs HEADER=FIELD (e.g. --map "Kod=customer_id"), not "{item}".')
        header, field = item.rsplit("=", 1)
        out[header.strip()] = field.strip() or None
    return out


def _open(args: argparse.Namespace):
    from cjm.store import open_workspace

    return open_workspace(getattr(args, "workspace", None))


def cmd_import(args: argparse.Namespace) -> int:
    from cjm.ingest import import_file, rejected_rows

    model = _model_from_args(args.stages, args.stage_model)
    mapping = _parse_map(args.map)
    ws = _open(args)
    report = import_file(ws, args.file, mapping=mapping or None, sheet=args.sheet, model=model,
                         date_order=args.date_order, replace=args.replace)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str))
        return 0
    if report.duplicate:
        print(report.warnings[0])
        return 0
    print(f"{report.file_name}: {report.rows_read} rows read, {report.rows_loaded} loaded, "
          f"{report.rows_rejected} rejected (import {report.import_id})")
    print("mapping: " + ", ".join(f"{h} -> {f}" for h, f in report.mapping.items() if f))
    ignored = [h for h, f in report.mapping.items() if not f]
    if ignored:
        print("ignored columns: " + ", ".join(ignored))
    for w in report.warnings:
        print(f"warning: {w}")
    if report.rows_rejected:
        rej = rejected_rows(ws, report.import_id)
        for reason in rej["reason"].head(10):
            print(f"  {reason}")
        if len(rej) > 10:
            print(f"  ... and {len(rej) - 10} more")
    return 0


def _pairs(items: Sequence[str], option: str, example: str, *, need_right: bool = True) -> list[tuple[str, str]]:
    """``LEFT=RIGHT`` option values as pairs; a user error names the option and an example."""
    out = []
    for item in items:
        left, sep, right = item.rpartition("=")
        if not sep or not left.strip() or (need_right and not right.strip()):
            raise CJMError(f'{option} needs {example}, not "{item}".')
        out.append((left.strip(), right.strip()))
    return out


def _edit_model(model, args: argparse.Namespace):
    """*model* with --rename, --final and --map applied, by the same functions as the Settings page."""
    from cjm.core.stage_edit import edit_stages, map_values, stage_key, stage_rows

    renames = {stage_key(model, old): new
               for old, new in _pairs(args.rename, "--rename", 'STAGE=NEW (e.g. --rename "Lead=Prospect")')}
    finals = {stage_key(model, s) for s in (args.final or "").split(",") if s.strip()}
    if renames or finals:
        rows = [{**r, "label": renames.get(r["key"], r["label"]), "final": r["key"] in finals if finals else r["final"]}
                for r in stage_rows(model)]
        model = edit_stages(model, rows)
    if args.map:
        model = map_values(model, dict(_pairs(args.map, "--map", 'VALUE=STAGE (e.g. --map "Pricing=research")')))
    return model


def cmd_stages(args: argparse.Namespace) -> int:
    from cjm.analyses.workspace_info import suggest_model, unmatched_stages
    from cjm.core.stage_model import PRESETS, custom, preset

    ws = _open(args)
    if args.apply and not args.infer:
        raise CJMError("--apply goes with --infer (python -m cjm stages --infer --apply).")
    if args.infer:
        cur = ws.cursor()
        try:
            model = suggest_model(cur)
        finally:
            cur.close()
        print("stages proposed from the data (typical first-seen order):")
        for i, s in enumerate(model.stages):
            print(f"  {i + 1}. {s.label}")
        if not args.apply:
            print('to use them: python -m cjm stages --infer --apply (or --set "a,b,c" in the order you want)')
            return 0
        ws.set_stage_model(model)
        print(f"stage model set: {model.name}")
    if args.set:
        model = custom(args.set.split(",")) if "," in args.set else preset(args.set.strip())
        ws.set_stage_model(model)
        print(f"stage model set: {model.name}")
    if args.rename or args.final or args.map:
        model = ws.stage_model()
        if model is None:
            raise CJMError('Choose a stage model first (--set NAME or --set "a,b,c"), then edit it.')
        edited = _edit_model(model, args)
        if edited != model:
            ws.set_stage_model(edited)
            print(f"stage model set: {edited.name}")
    model = ws.stage_model()
    if model is None:
        print("no stage model chosen; presets: " + ", ".join(PRESETS) + ' (set one with --set NAME or --set "a,b,c")')
        return 0
    cur = ws.cursor()
    counts = dict(cur.execute("SELECT stage_idx, count(*) FROM events WHERE stage_idx IS NOT NULL "
                              "GROUP BY stage_idx").fetchall())
    print(f"stage model: {model.name}")
    for i, s in enumerate(model.stages):
        print(f"  {i + 1}. {s.label}  ({counts.get(i, 0)} events{', final' if s.final else ''})")
    unknown = unmatched_stages(cur)
    if len(unknown):
        print("stage values not in the model:")
        for value, n in zip(unknown["value"], unknown["events"]):
            print(f"  {value}: {n}")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    ws = _open(args)
    cur = ws.cursor()
    print(f"workspace: {ws.path}")
    model = ws.stage_model()
    print(f"stage model: {model.name if model else '(none)'}")
    n, customers = cur.execute("SELECT count(*), count(DISTINCT customer_id) FROM events").fetchall()[0]
    print(f"events: {n} ({customers} customers)")
    rows = cur.execute("SELECT import_id, file_name, rows_read, rows_loaded, rows_rejected, imported_at "
                       "FROM imports ORDER BY import_id").fetchall()
    print(f"imports: {len(rows)}")
    for iid, name, read, loaded, rejected, when in rows:
        print(f"  {iid}. {name}: {read} read, {loaded} loaded, {rejected} rejected ({when:%Y-%m-%d %H:%M})")
    return 0


def _command_of(argv: Sequence[str]) -> str | None:
    skip = False
    for a in argv:
        if skip:
            skip = False
            continue
        if a in ("--workspace", "-w"):
            skip = True
            continue
        if not a.startswith("-"):
            return a
    return None


def run(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _command_of(argv)
    if command in DELEGATES and _delegate_module(command) is None:
        raise CJMError(f'the "{command}" command is not available in this installation '
                       f"({DELEGATES[command][0]} is missing).")
    parser = build_parser(command)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "import":
        return cmd_import(args)
    if args.command == "stages":
        return cmd_stages(args)
    if args.command == "info":
        return cmd_info(args)
    mod = getattr(args, "_module", None)
    if mod is None:
        raise CJMError(f'the "{args.command}" command is not available in this installation '
                       f"({DELEGATES[args.command][0]} is missing).")
    return int(mod.run(args, _open(args)) or 0)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; user errors print ``error: ...`` and return 2, Ctrl-C returns 130."""
    try:
        return run(argv)
    except CJMError as exc:
        message = " ".join(str(exc).split())
        print(f"error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
