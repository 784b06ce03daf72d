"""Options for events read in place, shared by ``report``, ``what-if`` and ``map``: where the events are, how to read
them, on which engine.

    python -m cjm report --events "lake/events/*.parquet" --stage-model five-stage --map "Kod=customer_id"
    python -m cjm report --events s3a://lake/events/ --stage-model five-stage --engine spark --master spark://head:7077

API (for a command module):

- :func:`add_arguments` ``(parser)`` adds the group "events in place": ``--events PATH`` (a Parquet file, folder or
  glob; CSV too), ``--stages A,B,C`` / ``--stage-model NAME`` (the stage model; one of the two is required with
  ``--events``), ``--map HEADER=FIELD`` (repeatable; the column mapping on top of an import's guesses),
  ``--engine duckdb|spark`` (default duckdb) and ``--master URL`` (Spark's master, default ``local[2]``; needs
  ``--engine spark``). Their ``dest`` names start with ``source_`` (``events``, ``engine``, ``master`` excepted),
  so they never clash with a command's own ``--stage`` filter.
- :func:`open_source` ``(args)`` -> :class:`cjm.engines.InPlace` or ``None`` when ``--events`` is not given (the
  command then reads its workspace as before). The source has ``.model`` (the stage model to pass the analyses),
  ``.engine_name``, ``.path``, ``.kind``, ``.mapping`` (as resolved) and ``.close()``; the analyses are the
  functions of :mod:`cjm.engines.portable` (``portable.funnel(src, model=src.model, filters=...)`` and so on,
  ``portable.tables(...)`` for all at once), and on DuckDB ``src.duckdb_connection()`` gives a cursor with
  ``events`` as a workspace has it, for code written against a workspace connection that only reads ``events``
  (the what-if estimate). Use it as a context manager: ``with opened(args) as src: ...``.
- User errors are :class:`cjm.errors.CJMError` with keys in :mod:`cjm.i18n.engines` (one ``error:`` line, exit 2,
  from ``cjm.cli.main``), e.g. ``--engine spark`` without pyspark or Java says what to install.

>>> import argparse
>>> p = argparse.ArgumentParser(); add_arguments(p)
>>> a = p.parse_args(["--events", "ev.parquet", "--stage-model", "five-stage", "--map", "Kod=customer_id"])
>>> (a.events, a.source_stage_model, parse_map(a.source_map), a.engine)
('ev.parquet', 'five-stage', {'Kod': 'customer_id'}, 'duckdb')
>>> open_source(p.parse_args([])) is None
True
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Sequence

from cjm.core.stage_model import StageModel, custom, preset
from cjm.engines import ENGINES, InPlace, open_events
from cjm.errors import CJMError

DEFAULT_MASTER = "local[2]"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of events read in place (see the module docstring)."""
    g = parser.add_argument_group("events in place (no import: Parquet or CSV read where they are)")
    g.add_argument("--events", metavar="PATH",
                   help='a Parquet file, a folder of them or a glob such as "lake/events/*.parquet" (CSV too)')
    m = g.add_mutually_exclusive_group()
    m.add_argument("--stages", dest="source_stages", metavar="A,B,C", help="with --events: your stages, in journey order")
    m.add_argument("--stage-model", dest="source_stage_model", metavar="NAME",
                   help="with --events: a preset: hinge-b2b-4, five-stage, coleman-8, questionpro-4")
    g.add_argument("--map", dest="source_map", action="append", default=[], metavar="HEADER=FIELD",
                   help='with --events: map a column to a field, e.g. --map "Kod=customer_id"; "HEADER=" leaves it out')
    g.add_argument("--engine", choices=ENGINES, default="duckdb",
                   help="with --events: duckdb (this machine, out of core; the default) or spark")
    g.add_argument("--master", metavar="URL", default=None,
                   help=f"with --engine spark: the Spark master, e.g. spark://host:7077 or yarn (default {DEFAULT_MASTER})")


def parse_map(items: Sequence[str]) -> dict[str, str | None]:
    """``HEADER=FIELD`` items as a mapping (an empty FIELD leaves the column out).

    >>> parse_map(["Kod=customer_id", "Notes="])
    {'Kod': 'customer_id', 'Notes': None}
    """
    out: dict[str, str | None] = {}
    for item in items:
        header, sep, field = item.rpartition("=")
        if not sep or not header.strip():
            raise CJMError("engines.bad_map", item=item)
        out[header.strip()] = field.strip() or None
    return out


def _model(args: argparse.Namespace) -> StageModel:
    stages, name = getattr(args, "source_stages", None), getattr(args, "source_stage_model", None)
    if stages:
        return custom([s.strip() for s in stages.split(",") if s.strip()])
    if name:
        return preset(name.strip())
    raise CJMError("engines.needs_model")


def open_source(args: argparse.Namespace) -> InPlace | None:
    """The events of ``--events`` opened on ``--engine`` (None without ``--events``); a ``CJMError`` for options
    that need ``--events`` or ``--engine spark`` given without them."""
    if not getattr(args, "events", None):
        for option, dest in (("--stages", "source_stages"), ("--stage-model", "source_stage_model"),
                             ("--map", "source_map"), ("--master", "master")):
            if getattr(args, dest, None):
                raise CJMError("engines.needs_events", option=option)
        if getattr(args, "engine", "duckdb") != "duckdb":
            raise CJMError("engines.needs_events", option="--engine")
        return None
    if args.master and args.engine != "spark":
        raise CJMError("engines.master_needs_spark")
    return open_events(args.events, model=_model(args), mapping=parse_map(args.source_map) or None,
                       engine=args.engine, master=args.master or DEFAULT_MASTER)


@contextlib.contextmanager
def opened(args: argparse.Namespace) -> Iterator[InPlace | None]:
    """:func:`open_source` as a context manager: the source (or None) is closed on the way out."""
    src = open_source(args)
    try:
        yield src
    finally:
        if src is not None:
            src.close()
