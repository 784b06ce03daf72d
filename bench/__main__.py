"""``python -m bench NAME [options]`` — NAME is one of :data:`BENCHES`; ``python -m bench NAME --help`` lists its
options. Every benchmark prints a table; none asserts a time."""

from __future__ import annotations

import importlib
import sys

#: name -> (module with main(argv), what it measures)
BENCHES = {
    "import": ("bench.imports", "CSV / XLSX import against DuckDB's bare read_csv and pandas+openpyxl"),
    "analytics": ("bench.analytics", "every journey analysis at 1M / 10M events against pandas"),
    "whatif": ("bench.whatif", "what-if slider recompute time"),
    "pages": ("bench.pages", "page render times on the sample data (Streamlit AppTest)"),
    "notes": ("bench.notes", "team-note saves (lane, pain-point note) and the next page render from cache"),
    "map": ("bench.map", "a team-cell save on the journey map grid, server time (samples and 1M events)"),
    "soak": ("bench.soak_kill", "kill -9 during imports, 100+ times: the workspace opens, no partial import"),
    "present": ("bench.present", "presentation mode in Chromium: entering, each step, leaving (ms)"),
    "inplace": ("bench.inplace", "analyses over Parquet in place: DuckDB against Spark local, 10M / 100M events"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in BENCHES:
        print("usage: python -m bench NAME [options]\n\n" + "\n".join(f"  {k:<10} {v[1]}" for k, v in BENCHES.items()))
        return 2
    module = importlib.import_module(BENCHES[argv[0]][0])
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
