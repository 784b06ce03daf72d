"""The layer rules of STYLE.md, checked on the source text."""

import ast
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _imports(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_cjm_never_imports_streamlit():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "cjm").rglob("*.py") if "streamlit" in _imports(p)]
    assert offenders == []


def test_pages_run_no_sql():
    sql_call = re.compile(r"\.(execute|sql|query)\(")
    offenders = [str(p.relative_to(ROOT)) for p in [*(ROOT / "app_pages").glob("*.py"), ROOT / "app.py", ROOT / "ui.py"]
                 if sql_call.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_pages_render_no_html():
    offenders = [str(p.relative_to(ROOT)) for p in [*(ROOT / "app_pages").glob("*.py"), ROOT / "app.py", ROOT / "ui.py"]
                 if "unsafe_allow_html" in p.read_text(encoding="utf-8") or "st.html(" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_query_results_are_read_whole():
    """A DuckDB result read with fetchone() stays open, and its transaction with it: on the workspace's shared
    connection or a session's cursor that blocks every CHECKPOINT after another session changes the catalog
    (see test_import_into_a_reopened_workspace_is_checkpointed). Results are read with fetchall()."""
    offenders = [f"{p.relative_to(ROOT)}:{i}" for p in [*(ROOT / "cjm").rglob("*.py"), ROOT / "ui.py", ROOT / "app.py",
                                                        *(ROOT / "app_pages").glob("*.py")]
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
                 if ".fetchone()" in line and ">>>" not in line]
    assert offenders == []
