"""The layer rules of STYLE.md and README's "How it is built", checked on the real import graph."""

from __future__ import annotations

import ast
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]

#: Layers from the bottom up; a module may import its own layer and the ones below it, never one above.
#: (The README's picture draws the same order left to right.)
LAYERS = [
    ("base", ["cjm.errors", "cjm.core", "cjm.i18n"]),
    ("store", ["cjm.store"]),
    ("ingest", ["cjm.ingest"]),
    ("analyses", ["cjm.analyses", "cjm.engines"]),
    ("present", ["cjm.present"]),
    ("cli", ["cjm.cli", "cjm.__main__"]),
    ("ui", ["ui"]),
    ("pages", ["app_pages", "app"]),
]
UI_FILES = [*(ROOT / "app_pages").glob("*.py"), ROOT / "app.py", *(ROOT / "ui").glob("*.py")]


def _module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> int | None:
    if module == "cjm":  # the package's __init__: a docstring and the version
        return 0
    for rank, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None


def _imported(path: pathlib.Path) -> set[str]:
    """Every module *path* imports (at any depth of the file, absolute names; ``from cjm import x`` -> cjm.x)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def _product_files() -> list[pathlib.Path]:
    return [*(ROOT / "cjm").rglob("*.py"), *UI_FILES]


def test_every_product_module_has_a_layer():
    assert [str(p.relative_to(ROOT)) for p in _product_files() if _layer(_module_name(p)) is None] == []


def test_no_module_imports_a_layer_above_it():
    offenders = []
    for path in _product_files():
        me = _layer(_module_name(path))
        for name in _imported(path):
            other = _layer(name)
            if other is not None and me is not None and other > me:
                offenders.append(f"{_module_name(path)} ({LAYERS[me][0]}) imports {name} ({LAYERS[other][0]})")
    assert sorted(set(offenders)) == []


def test_the_checker_sees_an_upward_import(tmp_path):
    """The layer check above can fail: an analysis importing the CLI is caught."""
    bad = ROOT / "cjm" / "analyses" / "_probe_upward.py"
    bad.write_text("from cjm.cli.main import main\n", encoding="utf-8")
    try:
        me = _layer(_module_name(bad))
        assert sorted(n for n in _imported(bad) if (_layer(n) or 0) > me) == ["cjm.cli.main", "cjm.cli.main.main"]
    finally:
        bad.unlink()


def test_the_package_holds_the_product_only():
    """Benchmarks and generators live outside cjm/ (bench/, tools/); cjm/ top level holds only a few modules."""
    top = sorted(p.name for p in (ROOT / "cjm").glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "errors.py"]
    assert [p.name for p in (ROOT / "cjm").rglob("*bench*")] == []


def test_cjm_never_imports_streamlit():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "cjm").rglob("*.py")
                 if any(n.split(".")[0] == "streamlit" for n in _imported(p))]
    assert offenders == []


def test_pages_run_no_sql():
    sql_call = re.compile(r"\.(execute|sql|query)\(")
    offenders = [str(p.relative_to(ROOT)) for p in UI_FILES if sql_call.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_pages_render_no_html():
    offenders = [str(p.relative_to(ROOT)) for p in UI_FILES
                 if "unsafe_allow_html" in p.read_text(encoding="utf-8") or "st.html(" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_query_results_are_read_whole():
    """A DuckDB result read with fetchone() stays open, and its transaction with it: on the workspace's shared
    connection or a session's cursor that blocks every CHECKPOINT after another session changes the catalog
    (see test_import_into_a_reopened_workspace_is_checkpointed). Results are read with fetchall()."""
    offenders = [f"{p.relative_to(ROOT)}:{i}" for p in _product_files()
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
                 if ".fetchone()" in line and ">>>" not in line]
    assert offenders == []


def test_filters_reach_sql_through_one_door():
    """Only the relation toolkit turns Filters into SQL (cjm.analyses.relations.filter_condition)."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "cjm").rglob("*.py")
                 if "filter_condition(" in p.read_text(encoding="utf-8")
                 and p.name != "relations.py" and "def filter_condition" not in p.read_text(encoding="utf-8")
                 and "cjm/analyses/relations.py" not in str(p)]
    users = [p.name for p in (ROOT / "cjm").rglob("*.py") if ".where(" in p.read_text(encoding="utf-8")
             and re.search(r"filters?\)?\.where\(|flt\.where\(", p.read_text(encoding="utf-8"))]
    assert offenders == [] and users == []


def test_writes_go_through_the_store():
    """Only cjm.store opens write transactions: a BEGIN elsewhere would bypass the data/notes versions."""
    offenders = [str(p.relative_to(ROOT)) for p in [*(ROOT / "cjm").rglob("*.py"), *UI_FILES]
                 if "BEGIN TRANSACTION" in p.read_text(encoding="utf-8") and "cjm/store/" not in str(p)]
    assert offenders == []
