"""The shipped sample data (cjm/sample.py -> sample_data/): deterministic, parseable, realistic, importable."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import openpyxl
import pandas as pd
import pytest

import cjm.ingest
from cjm import sample
from cjm.models import norm, preset
from cjm.sample import SAMPLE_DIR, SAMPLES, build, sample_path

HINGE = SAMPLE_DIR / "hinge_b2b_clients.csv"
COLEMAN = SAMPLE_DIR / "tr_kobi_coleman.xlsx"
ROMANIAN = SAMPLE_DIR / "ro_sondaj_5etape.csv"
MONEY = re.compile(r"^\d{1,3}(\.\d{3})*,\d{2}$")  # 1.234,50
DDMMYYYY = re.compile(r"^\d{2}\.\d{2}\.\d{4}$")
_CEDILLA_BACK = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"})


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    """The samples regenerated through the CLI (``python -m cjm.sample --write DIR``)."""
    out = tmp_path_factory.mktemp("samples")
    assert sample.main(["--write", str(out)]) == 0
    return {p.name: p for p in out.iterdir()}


@pytest.fixture(scope="module")
def hinge() -> pd.DataFrame:
    return pd.read_csv(HINGE, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def coleman() -> list[tuple]:
    wb = openpyxl.load_workbook(COLEMAN, read_only=True)
    try:
        return [tuple(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()


@pytest.fixture(scope="module")
def romanian() -> pd.DataFrame:
    return pd.read_csv(ROMANIAN, sep=";", dtype=str, keep_default_na=False, encoding="cp1250")


# -- determinism ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [s["file"] for s in SAMPLES])
def test_regenerating_gives_the_committed_bytes(regenerated, name):
    # XlsxWriter stamps zip members 1980-01-01 and the creation date is fixed, so the XLSX is byte-identical too.
    assert regenerated[name].read_bytes() == (SAMPLE_DIR / name).read_bytes(), (
        f"sample_data/{name} is out of date: run python -m cjm.sample --write sample_data and commit")


def test_the_seed_matters():
    assert build("hinge", seed=1)[1] != build("hinge")[1]
    assert build("romanian", seed=1)[1][:50] != build("romanian")[1][:50]


@pytest.mark.parametrize("name", [s["file"] for s in SAMPLES])
def test_files_are_small(name):
    assert (SAMPLE_DIR / name).stat().st_size < 300_000


def test_samples_catalogue_points_at_real_files_and_models():
    assert [s["key"] for s in SAMPLES] == ["hinge", "coleman", "romanian"]
    for s in SAMPLES:
        assert sample_path(s["key"]).is_file()
        assert preset(s["model"]).name == s["model"]
        assert s["title"] and len(s["description"]) > 40


# -- (1) Hinge B2B, English CRM export -----------------------------------------------------------------------------


def test_hinge_headers_rows_and_round_trip(hinge):
    headers, rows = build("hinge")
    assert list(hinge.columns) == ["Record ID", "Company", "Create Date", "Deal Stage", "Activity", "Channel",
                                   "Buying Role", "Segment", "Persona", "Rating (1-5)", "NPS", "Outcome",
                                   "Deal Value", "Notes"] == headers
    # pandas reads back exactly what the generator produced (quoting, embedded newlines, commas in names)
    assert hinge.values.tolist() == rows
    assert 350 <= hinge["Record ID"].nunique() <= 450  # "~400 clients"
    assert any("\n" in n for n in hinge["Notes"]) and any(", Inc." in c for c in hinge["Company"])
    dates = pd.to_datetime(hinge["Create Date"], format="%Y-%m-%d %H:%M")
    assert dates.min() >= pd.Timestamp("2023-01-01") and dates.max() <= pd.Timestamp("2025-12-31 23:59")


def test_hinge_stage_and_outcome_values_match_the_model(hinge):
    model = preset("hinge-b2b-4")
    assert set(hinge["Deal Stage"]) == {"Pre-purchase", "Client experience", "Between engagements", "Former client"}
    assert all(model.match(v)[0] is not None for v in set(hinge["Deal Stage"]))
    assert set(hinge["Outcome"]) == {"", "Hired", "Not now", "No way", "Advocate", "Lost"}
    outcome_keys = {model.match(v)[1] for v in set(hinge["Outcome"]) - {""}}
    assert outcome_keys == {"hired", "not-now", "no-way", "advocate", "lost"}
    assert set(hinge["Buying Role"]) == {"", "main client", "user", "coach", "influencer", "blocker"}
    ratings = {int(v) for v in hinge["Rating (1-5)"] if v}
    nps = {int(v) for v in hinge["NPS"] if v}
    assert ratings == {1, 2, 3, 4, 5} and nps <= set(range(11))
    values = hinge.loc[hinge["Deal Value"] != "", ["Activity", "Deal Value"]]
    assert set(values["Activity"]) == {"Contract signed"} and all(float(v) > 0 for v in values["Deal Value"])


def test_hinge_referrals_come_from_earlier_advocates(hinge):
    ref = hinge[hinge["Channel"] == "Referral"]
    assert len(ref) >= 5 and set(ref["Activity"]) == {"Referral introduction"}
    advocates = hinge[hinge["Outcome"] == "Advocate"].groupby("Company")["Create Date"].min()
    for _, row in ref.iterrows():
        referrer = row["Notes"].removeprefix("Referred by ")
        assert referrer in advocates.index and advocates[referrer] < row["Create Date"]


def test_hinge_tells_the_stories_a_facilitator_should_find(hinge):
    h = hinge.assign(rating=pd.to_numeric(hinge["Rating (1-5)"]))
    # the onboarding call is the lowest-rated touchpoint of the client experience ...
    ce = h[h["Deal Stage"] == "Client experience"].groupby("Activity")["rating"].mean()
    assert ce.idxmin() == "Onboarding call" and ce.min() < 3
    # ... and clients who rated it 1-2 leave right after it (cancel, or go quiet) far more often than the others
    onb = h[h["Activity"] == "Onboarding call"].dropna(subset=["rating"])
    last = h.groupby("Record ID")["Activity"].last()
    left = set(h.loc[h["Activity"] == "Cancellation call", "Record ID"]) | set(last[last == "Onboarding call"].index)
    assert len(left & set(last[last == "Onboarding call"].index)) >= 5  # some went quiet: drop-off in the stage
    low = onb[onb["rating"] <= 2]["Record ID"].isin(left).mean()
    high = onb[onb["rating"] >= 3]["Record ID"].isin(left).mean()
    assert low > 3 * high
    # most clients between engagements get no touchpoint at all there
    between = h[h["Deal Stage"] == "Between engagements"]
    with_touch = between.loc[between["Activity"] != "", "Record ID"].nunique()
    assert with_touch < 0.5 * between["Record ID"].nunique()
    # backward moves: between engagements -> client experience (follow-on projects)
    order = {s: i for i, s in enumerate(preset("hinge-b2b-4").labels)}
    idx = h["Deal Stage"].map(order)
    prev = idx.groupby(h["Record ID"]).shift()
    assert ((idx < prev) & (h["Activity"] == "Follow-on project")).sum() >= 5
    # stuck: prospects who went cold after the first touch (one event, no outcome)
    per_client = h.groupby("Record ID").size()
    assert (per_client == 1).sum() >= 10


# -- (2) Coleman, Turkish XLSX ------------------------------------------------------------------------------------


def test_coleman_layout_title_blank_row_header(coleman):
    assert coleman[0][0] == "Müşteri Yolculuğu Raporu 2025"
    assert all(v is None for v in coleman[1])
    assert list(coleman[2]) == ["Müşteri No", "Tarih", "Aşama", "Temas Noktası", "Kanal", "Memnuniyet (1-5)",
                                "Tutar (TL)", "Yorum", "Segment"]


def test_coleman_cells_round_trip_and_look_like_a_turkish_export(coleman):
    _, rows = build("coleman")
    data = [[("" if v is None else v) for v in r] for r in coleman[3:]]
    assert data == [[("" if v is None else v) for v in r] for r in rows]
    ids = {r[0] for r in data}
    assert 250 <= len(ids) <= 350 and all(isinstance(i, str) and len(i) == 6 and i.startswith("0") for i in ids)
    for r in data:
        assert isinstance(r[1], str) and DDMMYYYY.match(r[1])
        assert dt.datetime.strptime(r[1], "%d.%m.%Y").year == 2025
        assert r[5] == "" or r[5] in {1, 2, 3, 4, 5}
        assert r[6] == "" or MONEY.match(r[6])
    assert any(r[6] and int(r[6].split(",")[0].replace(".", "")) >= 1000 for r in data)  # thousands separators
    assert {r[4] for r in data} == {"Yüz yüze", "E-posta", "Posta", "Telefon", "Video", "Hediye"}


def test_coleman_stages_match_the_model_and_show_the_journey(coleman):
    model = preset("coleman-8")
    data = coleman[3:]
    stages = ["Değerlendirme", "Kabul", "Onaylama", "Aktive Etme", "Alışma", "Başarma", "Benimseme", "Savunma"]
    assert {r[2] for r in data} == set(stages)
    assert [model.match(s)[0] for s in stages] == list(range(8))
    # furthest stage per customer: reach never grows along the journey, and every stage loses someone
    furthest: dict[str, int] = {}
    backwards = set()
    last: dict[str, int] = {}
    for r in data:
        i = stages.index(r[2])
        furthest[r[0]] = max(furthest.get(r[0], 0), i)
        if i < last.get(r[0], 0):
            backwards.add(r[0])
        last[r[0]] = i
    reach = [sum(1 for f in furthest.values() if f >= k) for k in range(8)]
    assert all(a > b for a, b in zip(reach, reach[1:])) and reach[0] == len(furthest)
    assert len(backwards) >= 5
    # the support line in Alışma is the lowest-rated touchpoint of the file
    scores: dict[str, list[int]] = {}
    for r in data:
        if r[5] is not None:
            scores.setdefault(r[3], []).append(r[5])
    means = {k: sum(v) / len(v) for k, v in scores.items() if len(v) >= 20}
    assert min(means, key=means.get) == "Destek hattı araması"


# -- (3) Romanian survey, cp1250 ';' CSV ---------------------------------------------------------------------------


def test_romanian_is_a_windows_export():
    raw = ROMANIAN.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1250")
    assert text.count("\r\n") == text.count("\n") and text.splitlines()[0].count(";") == 10
    assert "ş" in text and "ţ" in text and all(c in text for c in "ăîâ")


def test_romanian_headers_rows_and_values(romanian):
    headers, rows = build("romanian")
    assert [h.translate(_CEDILLA_BACK) for h in romanian.columns] == headers == [
        "ID client", "Dată", "Etapă", "Punct de contact", "Canal", "Emoție", "NPS", "Persona", "Rol", "Sumă (RON)",
        "Comentariu"]
    assert [[c.translate(_CEDILLA_BACK) for c in r] for r in romanian.values.tolist()] == rows
    assert 200 <= romanian["ID client"].nunique() <= 300
    emotions = {e.translate(_CEDILLA_BACK) for e in romanian.iloc[:, 5]}
    assert emotions == {"", "foarte mulțumit", "mulțumit", "neutru", "nemulțumit", "frustrat"}
    assert all(DDMMYYYY.match(d) for d in romanian["Dată"])
    assert all(v == "" or MONEY.match(v) for v in romanian.iloc[:, 9])
    assert {int(v) for v in romanian["NPS"] if v} <= set(range(11))
    roles = {r.translate(_CEDILLA_BACK) for r in romanian["Rol"]}
    assert roles == {"Client principal", "Utilizator", "Consultant", "Influențator", "Blocant"}


def test_romanian_stages_match_the_model(romanian):
    model = preset("five-stage")
    stages = [s.translate(_CEDILLA_BACK) for s in romanian.iloc[:, 2].unique()]
    assert set(stages) == {"Conștientizare", "Cercetare", "Achiziție", "Fidelizare", "Recomandare"}
    # the values as written (cedilla ş/ţ) and as normalised both match
    for value in set(romanian.iloc[:, 2]):
        assert model.match(value)[0] == model.match(value.translate(_CEDILLA_BACK))[0] is not None
    assert norm("Achiziţie") == norm("Achiziție")


def test_romanian_demo_pain_point(romanian):
    key = {s: i for i, s in enumerate(["Conştientizare", "Cercetare", "Achiziţie", "Fidelizare", "Recomandare"])}
    furthest = romanian.iloc[:, 2].map(key).groupby(romanian["ID client"]).max()
    demo = romanian[romanian["Punct de contact"] == "Demo online"]
    unhappy = demo.iloc[:, 5].isin(["frustrat", "nemulţumit"])
    bought_unhappy = (furthest[demo.loc[unhappy, "ID client"]] >= 2).mean()
    bought_other = (furthest[demo.loc[~unhappy, "ID client"]] >= 2).mean()
    assert bought_unhappy < 0.5 * bought_other


# -- CLI -----------------------------------------------------------------------------------------------------------


def test_cli_writes_exactly_the_three_files(regenerated):
    assert sorted(regenerated) == sorted(s["file"] for s in SAMPLES)


# -- import (cjm.ingest.import_file, written in parallel) ---------------------------------------------------------

needs_import = pytest.mark.skipif(not hasattr(cjm.ingest, "import_file"),
                                  reason="cjm.ingest.import_file does not exist yet (issue 2, import engineer)")


def _data_rows(key: str) -> int:
    return len(build(key)[1])


@needs_import
@pytest.mark.parametrize("sample_info", SAMPLES, ids=[s["key"] for s in SAMPLES])
def test_each_sample_imports_without_rejects_or_unknown_stages(ws, sample_info):
    key = sample_info["key"]
    report = cjm.ingest.import_file(ws, sample_path(key), model=preset(sample_info["model"]),
                                    mapping=sample_info["mapping"] or None)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (_data_rows(key), _data_rows(key), 0)
    assert report.unknown_stages == {}
    assert [h for h, f in report.mapping.items() if f is None] == (["Company"] if key == "hinge" else [])
    cur = ws.cursor()
    n, unknown, ts, emotion, customers = cur.execute(
        "select count(*), count(*) filter (where stage_idx is null), count(ts), count(emotion), "
        "count(distinct customer_id) from events").fetchone()
    assert (n, unknown, ts) == (_data_rows(key), 0, n)
    assert emotion > 0.5 * n and customers == len({r[0] for r in build(key)[1]})
    # the planted pain point is the most negative touchpoint of its stage, after scaling to -2..+2
    stage, touchpoint = {"hinge": (1, "Onboarding call"), "coleman": (4, "Destek hattı araması"),
                         "romanian": (1, "Demo online")}[key]
    worst = cur.execute("select touchpoint, avg(emotion) from events where stage_idx = ? and emotion is not null "
                        "group by touchpoint order by avg(emotion) limit 1", [stage]).fetchone()
    assert worst[0] == touchpoint and worst[1] < 0


@needs_import
def test_load_all_keeps_the_hinge_model_active(ws):
    reports = sample.load_all(ws)
    assert [(r.rows_loaded, r.rows_rejected) for r in reports] == [(_data_rows(s["key"]), 0) for s in SAMPLES]
    assert ws.stage_model().name == "hinge-b2b-4"
    assert sample.load_all(ws, keys=["hinge"])[0].duplicate  # same file again: reported, not loaded twice
    n = ws.cursor().execute("select count(*) from events").fetchone()[0]
    assert n == sum(_data_rows(s["key"]) for s in SAMPLES)


@needs_import
def test_cli_imports_into_a_workspace_file(tmp_path, capsys):
    from cjm.store import close_workspace, open_workspace

    path = tmp_path / "ws.duckdb"
    assert sample.main(["--workspace", str(path), "--only", "romanian"]) == 0
    out = capsys.readouterr().out
    assert f"ro_sondaj_5etape.csv: {_data_rows('romanian')} rows loaded, 0 rejected" in out
    assert "active stage model: five-stage" in out
    close_workspace(open_workspace(path))


def test_load_all_says_what_to_do_while_import_is_missing(ws, monkeypatch):
    from cjm.errors import CJMError

    monkeypatch.delattr(cjm.ingest, "import_file", raising=False)
    with pytest.raises(CJMError, match="--write"):
        sample.load_all(ws)


# a second, independent reader: the standard library csv module sees the same records as pandas
def test_hinge_reads_with_the_csv_module():
    rows = list(csv.reader(io.StringIO(HINGE.read_text(encoding="utf-8"), newline="")))
    assert rows[1:] == build("hinge")[1]
