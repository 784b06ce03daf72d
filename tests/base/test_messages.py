"""Keyed messages (:mod:`cjm.errors`, :mod:`cjm.i18n.messages`): every error and note cjm raises or returns names
a catalogue key, renders in English, Turkish and Romanian, and keeps ``str(err)`` English."""

from __future__ import annotations

import ast
import pickle
import re
import string
from pathlib import Path

import pytest

from cjm.errors import (
    AmbiguousDatesError,
    CJMError,
    DamagedWorkspaceError,
    InputError,
    Message,
    Number,
    StorageError,
    Words,
    render,
)
from cjm.i18n import CATALOGUES, EN, messages

CJM = Path(__file__).resolve().parents[2] / "cjm"

#: The classes whose first argument is a message key.
KEYED = {"CJMError", "InputError", "MappingError", "AmbiguousDatesError", "WorkspaceError", "StorageError",
         "DamagedWorkspaceError", "WorkspaceBusyError", "StaleNoteError", "Message"}

#: Files other engineers own that still raise English text (the fallback shows it as it is, in every language):
#: they are to be keyed by their owners; their keys are already in cjm/i18n/messages.py (cli.report_no_model,
#: cli.report_no_events, cli.whatif_*, analyses.persona_field; engines/portable.py: analyses.as_of,
#: analyses.idle_days). Remove a file from here once it is keyed: the test then holds it to the catalogue.
NOT_YET_KEYED: set[str] = set()

#: Calls whose key is computed, and where the keys they can take are written (checked below as constants).
COMPUTED = {("ingest/detect.py", "Message"),  # _BINARY_MAGIC values: "ingest.kind.*"
            ("ingest/excel.py", "Message"),  # _DAMAGED_DETAIL values: "ingest.damaged.*"
            ("ingest/load.py", "Message"),  # the value-reading note: a dict of four "ingest.note.values_*" keys
            ("analyses/what_if/scenario.py", "Message"),  # _finite(x, "whatif.what.*")
            ("cli/main.py", "Message"),  # the column and word keys of the stages and backups tables
            ("present/report.py", "Message"),  # report.sheet.*, report.col.*, report.filter.*, report.about.*
            ("ingest/reasons.py", "Message")}  # "ingest.reason.*", chosen by the form of the stored reason

KEY_LIKE = re.compile(r"^(ingest|mapping|store|core|analyses|whatif|pain|cli|report|msg)\.[a-z0-9_]+(\.[a-z0-9_]+)*$")


def _sources():
    for path in sorted(CJM.rglob("*.py")):
        rel = path.relative_to(CJM).as_posix()
        if rel.startswith("i18n/"):
            continue
        yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _constant_keys(node: ast.expr) -> list[str] | None:
    """The keys a first argument can be: a string, or either branch of ``a if c else b``; None when computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _constant_keys(node.body), _constant_keys(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def test_every_error_and_note_in_cjm_names_a_catalogue_key():
    unknown, computed, english = [], [], []
    for rel, tree in _sources():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _name(node.func) in KEYED):
                continue
            if _name(node.func) == "StaleNoteError":  # keyed inside its own __init__
                continue
            if not node.args:
                english.append(f"{rel}:{node.lineno} (no key)")
                continue
            keys = _constant_keys(node.args[0])
            if keys is None:
                if (rel, _name(node.func)) not in COMPUTED and rel not in NOT_YET_KEYED:
                    computed.append(f"{rel}:{node.lineno}")
                continue
            for key in keys:
                if key not in EN:
                    (english if rel in NOT_YET_KEYED else unknown).append(f"{rel}:{node.lineno} {key[:50]!r}")
    assert unknown == [], "keys not in the catalogue (or English text where a key belongs)"
    assert computed == [], "computed keys outside the known places"
    assert all(rel.split(":")[0] in NOT_YET_KEYED for rel in english)


def test_every_key_written_in_cjm_is_in_the_catalogue():
    # the computed keys above come from constants like these: each must exist
    missing = []
    for rel, tree in _sources():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY_LIKE.match(node.value)
                    and node.value not in EN):
                missing.append(f"{rel}:{node.lineno} {node.value}")
    assert missing == []


def test_the_scan_finds_english_text(tmp_path):
    # the scan above can fail: an English message in place of a key is reported
    tree = ast.parse('raise InputError(f"The file {name} is empty.")\nraise CJMError("store.io", detail="x")')
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _name(n.func) in KEYED]
    assert [_constant_keys(c.args[0]) for c in calls] == [None, ["store.io"]]
    assert "The file x is empty." not in EN


def test_messages_are_merged_into_every_catalogue():
    for code in ("en", "tr", "ro"):
        assert set(getattr(messages, code.upper())) <= set(CATALOGUES[code])
    assert set(messages.EN) == set(messages.TR) == set(messages.RO)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", ["tr", "ro"])
def test_same_placeholders_and_counts_as_english(lang):
    cat = getattr(messages, lang.upper())
    for key, text in messages.EN.items():
        parsed_en = sorted(n for _, n, _, _ in string.Formatter().parse(text) if n)
        parsed = sorted(n for _, n, _, _ in string.Formatter().parse(cat[key]) if n)
        assert parsed == parsed_en, key


def test_turkish_hangs_no_suffix_on_a_placeholder():
    # "{column} sütununda", never "{column}'da" or "{file}da"
    bad = {key: text for key, text in messages.TR.items() if re.search(r"\}['’]?[a-zçğıöşü]", text)}
    assert bad == {}


def test_words_of_the_articles():
    tr, ro = " ".join(messages.TR.values()), " ".join(messages.RO.values())
    for word in ("müşteri yolculuğu", "temas noktası", "sorunlu nokta", "aşama", "huni"):
        assert word in tr.lower(), word
    for word in ("parcursul clientului", "punct de contact", "punct dureros", "etapă", "pâlnie"):
        assert word in ro.lower(), word


def test_error_api_key_values_english_str_and_languages():
    err = InputError("ingest.no_data_rows", file="anket.csv")
    assert (err.key, err.values) == ("ingest.no_data_rows", {"file": "anket.csv"})
    assert str(err) == err.message() == err.message("en") == err.message("xx")
    assert str(err).startswith('"anket.csv" has a header row but no data rows.')
    assert err.message("tr").startswith("“anket.csv” dosyasında başlık satırı var ama veri satırı yok.")
    assert err.message("ro").startswith("„anket.csv” are un rând de antet, dar niciun rând de date.")
    assert isinstance(err, CJMError)


def test_numbers_dates_and_lists_are_written_the_languages_way():
    note = Message("ingest.rows_rejected", rejected=1200, read=5000)
    assert str(note) == "1,200 of 5,000 rows were not loaded; see the rejected rows for the reasons."
    assert note.message("tr").startswith("5.000 satırın 1.200 tanesi yüklenmedi")
    assert note.message("ro").startswith("1.200 din 5.000 rânduri")
    assert render(Number(0.125, "percent", 1), "tr") == "%12,5"
    assert render(Number(-0.5, "signed"), "ro") == "−0,5"
    assert render(Words(("customer_id", "stage")), "tr") == "customer_id ve stage"
    assert render(2.5, "ro") == "2,5" and render(["a", "b"], "tr") == "a, b"


def test_nested_messages_render_in_the_same_language():
    err = StorageError("store.disk_full", kind="full", path="w.duckdb", saved=Message("store.nothing_changed"))
    assert "Nothing was changed. Free some space" in str(err)
    assert "Hiçbir şey değişmedi." in err.message("tr") and "Nu s-a modificat nimic." in err.message("ro")
    assert err.kind == "full" and not err.committed


def test_subclass_attributes_stay():
    err = AmbiguousDatesError("ingest.dates_ambiguous", column="Tarih", examples=["03/04/2026"])
    assert err.column == "Tarih" and err.examples == ["03/04/2026"]
    assert '"Tarih"' in str(err) and '"03/04/2026"' in str(err)
    assert "„Tarih”" in err.message("ro") and "„03/04/2026”" in err.message("ro")
    dmg = DamagedWorkspaceError("store.damaged", path="w.duckdb", backup="1", detail="checksum",
                                offer=Message("store.damaged_no_backup"))
    assert (dmg.kind, dmg.path, dmg.backup) == ("damaged", "w.duckdb", "1")


def test_errors_and_notes_survive_pickling():
    # imports run in the background; their results may cross a process boundary
    err = InputError("ingest.file_empty", file="a.csv")
    back = pickle.loads(pickle.dumps(err))
    assert (type(back), back.key, back.values, str(back)) == (InputError, err.key, err.values, str(err))
    note = Message("ingest.note.title_rows", row=3)
    again = pickle.loads(pickle.dumps(note))
    assert again == note and again.message("tr") == note.message("tr")


def test_a_note_is_a_string():
    note = Message("ingest.note.macros", file="b.xlsx")
    assert isinstance(note, str) and "macros" in note and note.key == "ingest.note.macros"
    assert render(note, "ro").startswith("„b.xlsx” conține macrocomenzi") and render("plain", "ro") == "plain"


def test_text_not_yet_keyed_shows_as_it_is():
    err = CJMError("This workspace has no events yet.")
    assert str(err) == err.message("tr") == "This workspace has no events yet."


def test_every_message_renders_in_every_language():
    for key, text in messages.EN.items():
        values = {name: f"<{name}>" for name in _fields(text)}
        for lang in ("en", "tr", "ro"):
            out = Message(key, **values).message(lang)
            assert "{" not in out.replace("{text}", "") or key == "msg.quoted", (key, lang)
            for sample in values.values():
                assert sample in out, (key, lang, sample)
