"""The empty template: an Excel file to fill in by hand, for a chosen stage model, in the user's language.

Its data sheet has the canonical columns with headers in the interface language — each one a name the import
recognises exactly (a test checks it), so a filled template imports with no mapping step — one example row, and
drop-down lists: the model's stages in the user's language, the channels (Coleman's six media, then the digital
ones, each a name the channel matcher knows), emotion −2…+2, NPS 0…10. A second sheet explains each column.

>>> import io, openpyxl; from cjm.core.stage_model import preset
>>> buf = io.BytesIO(); write_template(buf, model=preset("coleman-8"), lang="tr")
>>> sheet = openpyxl.load_workbook(buf).worksheets[0]
>>> [c.value for c in sheet[1]][:4], sheet["C2"].value
(['Müşteri No', 'Tarih', 'Aşama', 'Temas noktası'], 'Değerlendirme')
"""

from __future__ import annotations

import datetime as dt
import os
from typing import BinaryIO

import xlsxwriter

from cjm.core.stage_model import StageModel
from cjm.i18n import t
from cjm.present.safe import XLSX_OPTIONS

#: The template's columns (canonical fields of the import), in order.
FIELDS = ("customer_id", "timestamp", "stage", "touchpoint", "channel", "emotion", "nps", "segment", "persona", "role",
          "value", "comment")
#: Channels offered in the drop-down: Coleman's six media, then the digital media (names from ``tpl.medium.*``).
MEDIA = ("in person", "email", "mail", "phone", "video", "gift", "web", "social", "chat", "ads")
ROWS = 2000  # rows the drop-downs and formats cover


def header(field: str, lang: str) -> str:
    return t(f"tpl.col.{field}", lang=lang)


def medium(name: str, lang: str) -> str:
    return t(f"tpl.medium.{name.replace(' ', '_')}", lang=lang)


def write_template(target: str | os.PathLike | BinaryIO, *, model: StageModel, lang: str = "en") -> None:
    """Write the template for *model* in *lang* to *target* (a path or a binary file object)."""
    model = model.localized(lang)
    wb = xlsxwriter.Workbook(str(target) if isinstance(target, (str, os.PathLike)) else target,
                             {**XLSX_OPTIONS, "in_memory": True})
    head = wb.add_format({"bold": True, "bg_color": "#E8F0E8", "border": 1})
    day = wb.add_format({"num_format": "dd.mm.yyyy" if lang in ("tr", "ro") else "yyyy-mm-dd"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    data = wb.add_worksheet(t("tpl.sheet.data", lang=lang)[:31])
    lists = wb.add_worksheet("lists")
    for c, f in enumerate(FIELDS):
        data.write_string(0, c, header(f, lang), head)
        data.set_column(c, c, 22 if f in ("touchpoint", "comment", "stage") else 16, day if f == "timestamp" else None)
    data.freeze_panes(1, 1)
    example = {"customer_id": "C-001", "stage": model.labels[0], "touchpoint": t("tpl.example.touchpoint", lang=lang),
               "channel": medium("email", lang), "emotion": 1, "nps": 9, "segment": t("tpl.example.segment", lang=lang),
               "persona": t("tpl.example.persona", lang=lang), "role": t("tpl.example.role", lang=lang), "value": 1200,
               "comment": t("tpl.example.comment", lang=lang)}
    for c, f in enumerate(FIELDS):
        if f == "timestamp":
            data.write_datetime(1, c, dt.datetime(2026, 1, 15), day)
        elif isinstance(example.get(f), (int, float)):
            data.write_number(1, c, example[f])
        elif f in example:
            data.write_string(1, c, str(example[f]))
    # the lists live on a hidden sheet: a list typed into the validation itself is limited to 255 characters
    for r, label in enumerate(model.labels):
        lists.write_string(r, 0, label)
    for r, m in enumerate(MEDIA):
        lists.write_string(r, 1, medium(m, lang))
    lists.hide()
    col = {f: i for i, f in enumerate(FIELDS)}
    data.data_validation(1, col["stage"], ROWS, col["stage"], {
        "validate": "list", "source": f"=lists!$A$1:$A${len(model.labels)}",
        "error_title": header("stage", lang), "error_message": t("tpl.error.stage", lang=lang)})
    data.data_validation(1, col["channel"], ROWS, col["channel"], {
        "validate": "list", "source": f"=lists!$B$1:$B${len(MEDIA)}", "error_type": "information",
        "error_title": header("channel", lang), "error_message": t("tpl.error.channel", lang=lang)})
    data.data_validation(1, col["emotion"], ROWS, col["emotion"], {
        "validate": "decimal", "criteria": "between", "minimum": -2, "maximum": 2,
        "error_title": header("emotion", lang), "error_message": t("tpl.error.emotion", lang=lang)})
    data.data_validation(1, col["nps"], ROWS, col["nps"], {
        "validate": "integer", "criteria": "between", "minimum": 0, "maximum": 10,
        "error_title": header("nps", lang), "error_message": t("tpl.error.nps", lang=lang)})
    data.data_validation(1, col["timestamp"], ROWS, col["timestamp"], {
        "validate": "date", "criteria": ">", "value": dt.date(1990, 1, 1), "error_type": "warning",
        "error_title": header("timestamp", lang), "error_message": t("tpl.error.date", lang=lang)})
    help_sheet = wb.add_worksheet(t("tpl.sheet.help", lang=lang)[:31])
    help_sheet.set_column(0, 0, 22)
    help_sheet.set_column(1, 1, 100)
    help_sheet.write_string(0, 0, t("tpl.help.column", lang=lang), head)
    help_sheet.write_string(0, 1, t("tpl.help.meaning", lang=lang), head)
    for r, f in enumerate(FIELDS, start=1):
        help_sheet.write_string(r, 0, header(f, lang), wrap)
        help_sheet.write_string(r, 1, t(f"tpl.help.{f}", lang=lang, stages=", ".join(model.labels)), wrap)
    wb.close()
