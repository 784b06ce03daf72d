"""Downloads for people: the workbook, the HTML and PDF report (sidebar), the empty template (Import page), and
the upload of an edited workbook's team sheets (Import page): what would change, then apply on confirmation.

Each file is built only when its button is clicked, in the interface language and with the sidebar's filters.
"""

from __future__ import annotations

import io
import pathlib

import pandas as pd
import streamlit as st

import ui
from cjm.core.stage_model import PRESETS, StageModel, preset
from cjm.errors import CJMError


def _name(stem: str, ext: str) -> str:
    ws = pathlib.Path(st.session_state.get("workspace_path") or "cjm").stem
    return f"{ws}_{stem}_{ui.lang()}.{ext}"


def report_buttons(*, key: str) -> None:
    """The workbook for people, the HTML report and (with Chromium on this computer) its PDF."""
    ws, m, f, lang = ui.workspace(), ui.model(), ui.filters(), ui.lang()
    if m is None:  # nothing to report before a stage model is chosen
        return

    def workbook() -> bytes:
        from cjm.present.workbook import write_workbook

        buf = io.BytesIO()
        write_workbook(ws.cursor(), buf, model=m, filters=f, lang=lang)
        return buf.getvalue()

    def html() -> bytes:
        from cjm.present.html_report import build_html

        return build_html(ws.cursor(), model=m, filters=f, lang=lang).encode("utf-8")

    def pdf() -> bytes:
        import tempfile

        from cjm.present.chromium import html_to_pdf

        with tempfile.TemporaryDirectory() as tmp:
            out = html_to_pdf(html().decode("utf-8"), pathlib.Path(tmp) / "report.pdf")
            return out.read_bytes()

    st.download_button(ui.t("export.workbook"), workbook, file_name=_name("workbook", "xlsx"), key=f"{key}_xlsx",
                       on_click="ignore", icon=":material/download:", help=ui.t("export.workbook_help"),
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    st.download_button(ui.t("export.html"), html, file_name=_name("report", "html"), key=f"{key}_html",
                       on_click="ignore", icon=":material/download:", mime="text/html", help=ui.t("export.html_help"))
    try:
        from cjm.present.chromium import browser

        browser()
    except CJMError as exc:
        st.caption(ui.plain(ui.msg(exc)))
        return
    st.download_button(ui.t("export.pdf"), pdf, file_name=_name("report", "pdf"), key=f"{key}_pdf",
                       on_click="ignore", icon=":material/download:", mime="application/pdf",
                       help=ui.t("export.pdf_help"))


def map_png_button(*, key: str) -> None:
    """The journey map as one 1920 px PNG for a slide deck (needs Chromium)."""
    ws, m, f, lang = ui.workspace(), ui.model(), ui.filters(), ui.lang()
    if m is None:
        return
    try:
        from cjm.present.chromium import browser

        browser()
    except CJMError:
        return

    def png() -> bytes:
        import tempfile

        from cjm.present.html_report import map_png

        with tempfile.TemporaryDirectory() as tmp:
            out = pathlib.Path(tmp) / "map.png"
            map_png(ws.cursor(), str(out), model=m, filters=f, lang=lang)
            return out.read_bytes()

    st.download_button(ui.t("export.map_png"), png, file_name=_name("map", "png"), key=key, on_click="ignore",
                       icon=":material/image:", mime="image/png", help=ui.t("export.map_png_help"))


def template_button(*, key: str) -> None:
    """"Download an empty template" for a stage model chosen here (the workspace's, or a preset)."""
    current = ui.model()
    options: list[str] = (["__current__"] if current else []) + list(PRESETS)
    choice = st.selectbox(ui.t("export.template_model"), options, key=f"{key}_model", format_func=ui.labels(
        options, lambda o: ui.model_name(current) if o == "__current__" and current else ui.model_name(o)))
    model: StageModel = current if choice == "__current__" and current else preset(choice)
    lang = ui.lang()

    def template() -> bytes:
        from cjm.present.template import write_template

        buf = io.BytesIO()
        write_template(buf, model=model, lang=lang)
        return buf.getvalue()

    st.download_button(ui.t("export.template"), template, file_name=f"cjm_template_{model.name}_{lang}.xlsx",
                       key=key, on_click="ignore", icon=":material/download:", help=ui.t("export.template_help"),
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def team_upload(idx: int, name: str, data: bytes) -> None:
    """An edited workbook of this app: the team cells changed in Excel, what is in the app now, and a button to
    apply them. Where someone saved the same note in the app after the export, the user picks which text stays."""
    from cjm.ingest.team_workbook import apply_changes, read_changes

    st.subheader(ui.tp("team.upload_title", name=name))
    m = ui.model()
    labels = {s.key: s.label for s in m.localized(ui.lang()).stages} if m else {}
    changes = read_changes(data, ui.cursor(), file_name=name)
    if not changes:
        st.info(ui.t("team.no_changes"))
        return

    def what(c) -> str:
        if c.kind == "lane":
            return ui.t(f"lane.{c.key}")
        if c.kind == "assumed":
            return ui.t(f"assumed.{c.key}")
        return ui.t("team.persona")

    def show(v) -> str:
        if v is None:
            return ""
        if isinstance(v, list):
            return " · ".join(str(x) for x in v if x)
        return ui.decimal(v, signed=True) if isinstance(v, float) else str(v)

    rows = pd.DataFrame([{"what": what(c), "stage": labels.get(c.stage, c.stage), "before": show(c.before),
                          "after": show(c.after), "current": show(c.current),
                          "conflict": ui.t("team.conflict_yes") if c.conflict else ""} for c in changes])
    ui.table(rows, {"what": ("team.col_what", "text"), "stage": ("col.stage", "text"),
                    "before": ("team.col_before", "text"), "after": ("team.col_after", "text"),
                    "current": ("team.col_current", "text"), "conflict": ("team.col_conflict", "text")},
             key=f"team_changes_{idx}")
    conflicts = [c for c in changes if c.conflict]
    mine = []
    if conflicts:
        st.warning(ui.t("team.conflicts", n=len(conflicts)))
        for i, c in enumerate(conflicts):
            if st.checkbox(ui.tp("team.take_workbook", what=what(c), stage=labels.get(c.stage, c.stage)),
                           key=f"team_take_{idx}_{i}"):
                mine.append(c)
    if st.button(ui.t("team.apply", n=len(changes) - len(conflicts) + len(mine)), key=f"team_apply_{idx}",
                 type="primary"):
        done = apply_changes(ui.workspace(), changes, take_mine=mine)
        st.success(ui.t("team.applied", saved=len(done.saved), kept=len(done.kept)))
