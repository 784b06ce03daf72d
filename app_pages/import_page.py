"""Import: upload (parsed once per file) -> guessed mapping (editable) + preview -> import report (rejected rows
downloadable)."""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

import ui
from cjm.analyses.workspace_info import imports
from cjm.core.stage_model import PRESETS, preset
from cjm.errors import CJMError
from cjm.ingest import rejected_rows
from cjm.ingest.mapping import CANONICAL_FIELDS, lifecycle_column
from cjm.ingest.team_workbook import is_team_workbook
from ui import exports
from ui import imports as bg


def _model_choice():
    current = ui.model()
    keep = ui.t("import.model_keep", model=ui.model_name(current)) if current else None
    options = ([keep] if keep else []) + list(PRESETS)
    choice = st.selectbox(ui.t("import.model"), options, help=ui.t("import.model_help"), key="import_model",
                          format_func=ui.labels(options, lambda o: o if o == keep else ui.model_name(o)))
    return None if choice == keep else preset(choice)


def _mapping_editor(idx: int, info) -> dict[str, str | None]:
    """One row per column of the file: its header (as text), the field it fills (editable), an example value."""
    ignore = ui.t("import.ignore")
    st.subheader(ui.t("import.mapping"))
    st.caption(ui.t("import.mapping_help"))
    options = [ignore, *CANONICAL_FIELDS]
    head = st.columns([2, 2, 3])
    head[0].caption(ui.t("import.col_header"))
    head[1].caption(ui.t("import.col_field"))
    head[2].caption(ui.t("import.col_example"))
    mapping: dict[str, str | None] = {}
    field_label = ui.labels(options, lambda f: f if f == ignore else ui.t(f"field.{f}"))
    for j, header in enumerate(info.headers):
        col = info.preview[header] if header in info.preview.columns else pd.Series(dtype=str)
        values = col.dropna().astype(str)
        guess = info.mapping.get(header) or ignore
        c1, c2, c3 = st.columns([2, 2, 3], vertical_alignment="center")
        c1.text(header)
        field = c2.selectbox(ui.tp("import.col_field_of", header=header), options, index=options.index(guess),
                             key=f"map_{idx}_{j}", label_visibility="collapsed",
                             format_func=field_label)
        c3.text(values.iloc[0] if len(values) else "")
        mapping[header] = None if field == ignore else field
    return mapping


def _show_report(report) -> None:
    if report.duplicate:
        st.info(ui.tp("import.duplicate", name=report.file_name))
        return
    st.success(ui.tp("import.done", name=report.file_name, loaded=ui.number(report.rows_loaded),
                    rejected=ui.number(report.rows_rejected), read=ui.number(report.rows_read)))
    if report.warnings:
        with st.expander(ui.t("import.warnings"), expanded=True):
            for w in report.warnings:
                st.text(ui.msg(w))
    if report.unknown_stages:
        st.warning(ui.t("import.unknown_stages"))
        ui.table(pd.DataFrame({"value": list(report.unknown_stages), "events": list(report.unknown_stages.values())}),
                 {"value": ("col.value", "text"), "events": ("col.events", "number")}, key="import_unknown")
    if report.rows_rejected:
        rej = rejected_rows(ui.workspace(), report.import_id)
        st.subheader(ui.t("import.rejected"))
        ui.table(rej.head(200).assign(reason=[ui.msg(r) for r in rej["reason"].head(200)]),
                 {"row": ("col.row", "number"), "column": ("col.column", "text"), "raw": ("col.raw", "text"),
                  "reason": ("col.reason", "text")}, key="import_rejected", widths={"reason": "large"})
        ui.download_csv(ui.labelled(rej.assign(reason=[ui.msg(r) for r in rej["reason"]]), {
            "file": ("col.file", "text"), "row": ("col.row", "number"), "column": ("col.column", "text"),
            "raw": ("col.raw", "text"), "reason": ("col.reason", "text")}),
                        ui.t("import.rejected_download"), f"rejected_{report.file_name}.csv",
                        key=f"rej_{report.import_id}")


def _step(message: str) -> str:
    """The import's progress message in the user's language (as it is when there is no translation)."""
    try:
        return ui.t(f"import.step.{message}")
    except KeyError:
        return message


def _cancel(key: str) -> None:
    bg.cancel(key)


def _running(key: str) -> None:
    """The running import's progress and its Cancel button, polled twice a second (only this part reruns); once it
    has ended the whole app runs again, so the sidebar's counts and every page see the new data."""
    job = bg.job(key)
    if job is None or not job.running:
        st.rerun()
    assert job is not None
    st.progress(job.fraction, text=ui.tp("import.bg_progress", name=job.file_name, percent=job.percent,
                                         step=_step(job.message)))
    if job.status == bg.CANCELLING:
        st.info(ui.t("import.bg_cancelling"))
    elif job.saving:
        st.caption(ui.t("import.bg_saving"))
    else:
        st.button(ui.t("import.bg_cancel"), key="import_cancel", on_click=_cancel, args=(key,))
    st.caption(ui.t("import.bg_leave"))


def _background_import() -> None:
    """The workspace's latest import, which runs in the background (:mod:`ui.imports`): its progress while it
    runs, then its report, or why it failed or that it was cancelled, until closed or the next import."""
    job = bg.job(ui.workspace())
    if job is None:
        return
    if job.running:
        st.fragment(_running, run_every=0.5)(job.key)
        return
    with st.container(border=True):
        if job.status == bg.DONE and job.report is not None:
            _show_report(job.report)
        elif job.status == bg.CANCELLED:
            st.info(ui.tp("import.bg_cancelled", name=job.file_name))
        elif job.unexpected:
            st.error(ui.tp("import.bg_unexpected", name=job.file_name))
        elif job.ambiguous_dates:
            st.warning(ui.plain(ui.msg(job.exception or job.error)))
        else:
            st.error(ui.tp("import.bg_failed", name=job.file_name, error=ui.msg(job.exception or job.error)))
        st.button(ui.t("import.bg_dismiss"), key="import_dismiss", on_click=bg.dismiss, args=(job.key,))
    job.seen = True


def _start(data: bytes, *, file_name: str, **options) -> None:
    """Start the import in the background; a small file's result is waited for (up to 2 s), so it shows at once."""
    try:
        job = bg.start(ui.workspace(), data, file_name=file_name, **options)
    except bg.ImportRunningError:
        running = bg.job(ui.workspace())
        st.error(ui.tp("import.bg_refused", name=running.file_name if running else "?",
                       percent=running.percent if running else 0))
        return
    bar = st.progress(0.0, text=ui.tp("import.progress", name=file_name))
    deadline = time.monotonic() + 2.0
    while job.running and time.monotonic() < deadline:
        job.wait(0.1)
        bar.progress(min(max(job.fraction, 0.0), 1.0), text=ui.tp("import.progress", name=file_name))
    st.rerun()  # the sidebar (counts, filters) and every page see the new data; this page shows the result


def _one_file(idx: int, upload, model) -> None:
    data = upload.getvalue()
    if is_team_workbook(data):  # a workbook downloaded from here, its team sheets edited in Excel
        exports.team_upload(idx, upload.name, data)
        return
    st.subheader(ui.tp("import.file", name=upload.name))
    # parsed once per file (cached by its sha256): a change of a drop-down below does not read it again
    info = ui.inspect_upload(data, file_name=upload.name)
    sheet = st.session_state.get(f"sheet_{idx}")
    if sheet is not None and sheet != info.sheet:
        info = ui.inspect_upload(data, file_name=upload.name, sheet=sheet)
    if info.sheets and len(info.sheets) > 1:
        st.selectbox(ui.t("import.sheet"), info.sheets, key=f"sheet_{idx}",
                     index=info.sheets.index(info.sheet) if info.sheet in info.sheets else 0)
    if info.kind == "csv":
        st.caption(ui.tp("import.detected_csv", encoding=info.encoding, delimiter=repr(info.delimiter),
                        records=ui.number(info.records), header_row=ui.number(info.header_row)))
    else:
        st.caption(ui.tp("import.detected", kind=info.kind.upper(), records=ui.number(info.records),
                        header_row=ui.number(info.header_row)))
    for w in info.warnings:
        st.info(ui.plain(ui.msg(w)))
    mapping = _mapping_editor(idx, info)
    with st.expander(ui.t("import.preview")):
        st.dataframe(info.preview, hide_index=True)
    date_order = None
    if info.ambiguous_dates:
        st.warning(ui.tp("import.dates_ambiguous", column=info.ambiguous_dates[0], examples="…"))
        choice = st.radio(ui.t("import.date_order"), ["dayfirst", "monthfirst"], key=f"dates_{idx}",
                          format_func=ui.labels(["dayfirst", "monthfirst"], lambda v: ui.t(f"import.{v}")),
                          horizontal=True)
        date_order = choice
    lifecycle = "complete"
    lc_column = lifecycle_column(info.headers)
    if lc_column is not None and mapping.get(lc_column) is None:  # an event log: which lifecycle events to load
        lifecycle = st.radio(ui.tp("import.lifecycle", column=lc_column), ["complete", "start", "all"],
                             key=f"lifecycle_{idx}", horizontal=True,
                             format_func=ui.labels(["complete", "start", "all"],
                                                   lambda v: ui.t(f"import.lifecycle_{v}")))
    replace = st.checkbox(ui.t("import.replace"), key=f"replace_{idx}")
    if st.button(ui.t("import.button"), key=f"import_{idx}", type="primary"):
        _start(data, file_name=upload.name, sheet=sheet, mapping=mapping, model=model, date_order=date_order,
               replace=replace, lifecycle=lifecycle)


def render() -> None:
    st.title(ui.t("import.title"))
    st.write(ui.t("import.intro"))
    _background_import()
    c1, c2 = st.columns([3, 1])
    with c1:
        model = _model_choice()
    with c2:
        st.write("")
        if st.button(ui.t("empty.load_samples"), key="import_samples"):
            ui.load_samples()
            st.rerun()
    with st.expander(ui.t("export.template")):
        exports.template_button(key="template")
    uploads = st.file_uploader(ui.t("import.upload"), type=["csv", "txt", "tsv", "xlsx", "xlsm", "xls"],
                               help=ui.t("import.upload_help"),
                               accept_multiple_files=True, key="uploads")
    for idx, upload in enumerate(uploads or []):
        with st.container(border=True):
            try:
                _one_file(idx, upload, model)
            except CJMError as exc:
                st.error(ui.plain(ui.msg(exc)))
    hist = imports(ui.cursor())
    if len(hist):
        st.subheader(ui.t("import.history"))
        ui.table(hist, {"file_name": ("col.file", "text"), "rows_read": ("col.rows_read", "number"),
                        "rows_loaded": ("col.rows_loaded", "number"), "rows_rejected": ("col.rows_rejected", "number"),
                        "imported_at": ("col.imported_at", "date")}, key="import_history")


ui.page(render)
