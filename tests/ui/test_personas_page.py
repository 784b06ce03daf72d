"""The Personas page through AppTest on the Romanian sample (personas, buying-team roles): create a card, edit it,
a stale save refused and resolved, delete, "show the map for this persona", the role × stage table, and the
numbers on a card checked against :mod:`cjm.analyses.personas` directly; then the page in Debian's Chromium at
1280×720 in English, Turkish and Romanian, with screenshots in /tmp/shots/personas_*.png (skipped when
/usr/bin/chromium or playwright is missing, unless CJM_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import os
import pathlib
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from cjm.analyses.personas import persona_summary, role_stage
from cjm.core.filters import Filters
from cjm.i18n import numbers, t
from cjm.store import close_workspace, open_workspace
from cjm.store.notes import Persona, delete_persona, personas, save_persona
from tests.ui.apptest import open_app

PAGE = "personas_page"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
SHOTS = pathlib.Path("/tmp/shots")
try:
    import playwright  # noqa: F401

    HAVE_BROWSER = os.path.exists(CHROMIUM)
except ImportError:  # pragma: no cover
    HAVE_BROWSER = False
if not HAVE_BROWSER and os.environ.get("CJM_REQUIRE_BROWSER") == "1":
    raise RuntimeError("CJM_REQUIRE_BROWSER=1 but /usr/bin/chromium or playwright is missing")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> pathlib.Path:
    from cjm.ingest import samples as sample

    path = tmp_path_factory.mktemp("template") / "ro.duckdb"
    ws = open_workspace(path)
    sample.load_all(ws, keys=["romanian"])
    close_workspace(ws)
    return path


@pytest.fixture
def ws(template, tmp_path):
    path = tmp_path / "team.duckdb"
    shutil.copy(template, path)
    w = open_workspace(path)
    yield w
    close_workspace(w)


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _button(at: AppTest, label: str, index: int = 0):
    found = [b for b in at.button if b.label == label]
    assert len(found) > index, (label, [b.label for b in at.button])
    return found[index]


def _cards(ws) -> list[Persona]:
    return personas(ws.cursor())


def test_create_edit_delete_a_card(ws):
    at = open_app(ws.path, PAGE)
    _ok(at)
    assert t("personas.none") in [i.value for i in at.info]
    _button(at, t("personas.add")).click().run()
    name = next(w for w in at.text_input if w.label == t("personas.name"))
    name.set_value("Radu, director financiar").run()  # the link is suggested by the name
    link = next(w for w in at.selectbox if w.label.startswith("Stands for"))
    assert link.value == "Director financiar"
    assert t("personas.link_suggested", value="Director financiar") in [c.value for c in at.caption]
    next(w for w in at.selectbox if w.label == t("personas.role")).set_value("influencer")
    next(w for w in at.text_area if w.label == t("personas.goals")).set_value("Costs under control")
    next(w for w in at.text_area if w.label == t("personas.quote")).set_value("I sign only what I understand.")
    _button(at, t("personas.save")).click().run()
    _ok(at)
    [card] = _cards(ws)
    assert (card.name, card.role, card.goals, card.quote, card.data_value, card.version) == (
        "Radu, director financiar", "influencer", "Costs under control", "I sign only what I understand.",
        "Director financiar", 1)
    texts = [x.value for x in at.text]
    assert "Influencer" in texts and "“I sign only what I understand.”" in texts
    # what the data says, as the analysis says it
    expected = persona_summary(ws.cursor(), model=ws.stage_model(), filters=Filters()).set_index("value")
    row = expected.loc["Director financiar"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("personas.customers")] == numbers.number(int(row["customers"]))
    assert metrics[t("personas.won", stage="Purchase")] == numbers.percent(float(row["won_share"]))
    assert metrics[t("personas.emotion")] == numbers.decimal(float(row["mean"]), digits=2, signed=True)

    _button(at, t("personas.edit")).click().run()
    goals = next(w for w in at.text_area if w.label == t("personas.goals"))
    assert goals.value == "Costs under control"  # the editor opens with the saved card
    goals.set_value("Costs under control; a monthly report").run()
    _button(at, t("personas.save")).click().run()
    _ok(at)
    [card] = _cards(ws)
    assert (card.goals, card.version) == ("Costs under control; a monthly report", 2)

    _button(at, t("personas.delete")).click().run()
    assert _cards(ws) == [card]  # asks first
    _button(at, t("personas.delete_yes")).click().run()
    _ok(at)
    assert _cards(ws) == []
    assert t("personas.none") in [i.value for i in at.info]


def test_an_empty_name_is_refused_with_a_message(ws):
    at = open_app(ws.path, PAGE)
    _button(at, t("personas.add")).click().run()
    _button(at, t("personas.save")).click().run()
    assert not at.exception and len(at.error) == 1
    assert _cards(ws) == []


def test_stale_save_is_refused_and_keep_mine_saves_over_theirs(ws):
    save_persona(ws, Persona("p1", "Ioana", role="main_client", quote="I want the price first.",
                             data_value="Antreprenor"), expected=0)
    at = open_app(ws.path, PAGE)
    _button(at, t("personas.edit")).click().run()
    # meanwhile a colleague saves the card
    save_persona(ws, Persona("p1", "Ioana", role="main_client", quote="Their quote.", data_value="Antreprenor"),
                 expected=1)
    next(w for w in at.text_area if w.label == t("personas.quote")).set_value("My quote.")
    _button(at, t("personas.save")).click().run()
    _ok(at)
    [card] = _cards(ws)
    assert (card.quote, card.version) == ("Their quote.", 2)  # nothing overwritten
    assert any("was saved by someone else" in w.value for w in at.warning)
    shown = "\n".join(x.value for x in at.text)
    assert "Quote: Their quote." in shown and "Quote: My quote." in shown
    # a third save while the choice is open: refused again, their newest card shown whole
    save_persona(ws, Persona("p1", "Ioana", role="coach", quote="Third quote.", data_value="Antreprenor"),
                 expected=2)
    _button(at, t("conflict.keep_mine")).click().run()
    _ok(at)
    assert _cards(ws)[0].quote == "Third quote."
    shown = "\n".join(x.value for x in at.text)
    assert "Quote: Third quote." in shown and "Buying-team role: Coach / consultant" in shown
    _button(at, t("conflict.keep_mine")).click().run()
    _ok(at)
    [card] = _cards(ws)
    assert (card.quote, card.role, card.data_value, card.version) == ("My quote.", "main_client", "Antreprenor", 4)
    assert not any("was saved by someone else" in w.value for w in at.warning)


def test_stale_save_merged_by_hand(ws):
    save_persona(ws, Persona("p1", "Ioana", goals="Fast answers", data_value="Antreprenor"), expected=0)
    at = open_app(ws.path, PAGE)
    _button(at, t("personas.edit")).click().run()
    save_persona(ws, Persona("p1", "Ioana", role="blocker", goals="Fast answers", data_value="Antreprenor"),
                 expected=1)
    next(w for w in at.text_area if w.label == t("personas.goals")).set_value("Fast answers\nNo surprises")
    _button(at, t("personas.save")).click().run()
    _button(at, t("conflict.edit")).click().run()
    box = next(w for w in at.text_area if w.label == t("conflict.merged"))
    theirs, mine = box.value.split(t("conflict.separator"))
    assert "Buying-team role: Blocker" in theirs and "No surprises" in mine
    # keep their role, my goals (two lines)
    box.set_value(theirs.replace("Goals: Fast answers", "Goals: Fast answers\nNo surprises")).run()
    _button(at, t("conflict.save_merged")).click().run()
    _ok(at)
    [card] = _cards(ws)
    assert (card.role, card.goals, card.version) == ("blocker", "Fast answers\nNo surprises", 3)

    # a merged text naming no real role is refused with a message, nothing saved
    _button(at, t("personas.edit")).click().run()
    save_persona(ws, Persona("p1", "Ioana", role="user", data_value="Antreprenor"), expected=3)
    _button(at, t("personas.save")).click().run()
    _button(at, t("conflict.edit")).click().run()
    box = next(w for w in at.text_area if w.label == t("conflict.merged"))
    box.set_value("Name: Ioana\nBuying-team role: Astronaut").run()
    _button(at, t("conflict.save_merged")).click().run()
    assert not at.exception and any("Astronaut" in e.value for e in at.error)
    assert _cards(ws)[0].version == 4


def test_stale_save_of_a_card_someone_deleted(ws):
    save_persona(ws, Persona("p1", "Ioana", quote="Mine."), expected=0)
    at = open_app(ws.path, PAGE)
    _button(at, t("personas.edit")).click().run()
    delete_persona(ws, "p1", expected=1)
    next(w for w in at.text_area if w.label == t("personas.quote")).set_value("Mine, edited.").run()
    _button(at, t("personas.save")).click().run()
    _ok(at)
    assert _cards(ws) == []  # not brought back behind anyone's back
    assert t("conflict.deleted") in [x.value for x in at.text]
    _button(at, t("conflict.keep_mine")).click().run()
    _ok(at)
    assert [(c.name, c.quote, c.version) for c in _cards(ws)] == [("Ioana", "Mine, edited.", 3)]


def test_leaving_the_page_while_editing_closes_the_editor(ws):
    save_persona(ws, Persona("p1", "Ioana", goals="Fast answers"), expected=0)
    at = open_app(ws.path, PAGE)
    _button(at, t("personas.edit")).click().run()
    assert [b for b in at.button if b.label == t("personas.save")]
    at.switch_page("app_pages/journey_map.py")
    at.run()
    at.switch_page(f"app_pages/{PAGE}.py")
    at.run()
    _ok(at)
    assert not [b for b in at.button if b.label == t("personas.save")]  # no editor with emptied fields
    assert [(c.goals, c.version) for c in _cards(ws)] == [("Fast answers", 1)]


def test_delete_after_someone_changed_the_card_is_refused(ws):
    save_persona(ws, Persona("p1", "Ioana"), expected=0)
    at = open_app(ws.path, PAGE)
    _button(at, t("personas.delete")).click().run()
    save_persona(ws, Persona("p1", "Ioana Pop"), expected=1)
    _button(at, t("personas.delete_yes")).click().run()
    _ok(at)
    assert [(c.name, c.version) for c in _cards(ws)] == [("Ioana Pop", 2)]
    assert t("personas.delete_stale") in [w.value for w in at.warning]


def test_show_the_map_for_this_persona(ws):
    save_persona(ws, Persona("p1", "Ioana", data_value="Manager IT"), expected=0)
    save_persona(ws, Persona("p2", "Not linked"), expected=0)
    at = open_app(ws.path, PAGE)
    _ok(at)
    assert len([b for b in at.button if b.label == t("personas.show_map")]) == 1  # only the linked card
    # the language and another filter chosen in the sidebar (widget values) stay as they are on the map
    at.sidebar.selectbox(key="lang").set_value("ro").run()
    at.sidebar.multiselect(key="f_role").set_value(["Utilizator"]).run()
    _button(at, t("personas.show_map", lang="ro")).click().run()
    _ok(at)
    assert at.session_state["f_persona"] == ["Manager IT"]
    assert at.query_params["persona"] in ("Manager IT", ["Manager IT"])  # one value or a list of one
    assert [x.value for x in at.title] == [t("map.title", lang="ro")]  # on the journey map now, still in Romanian
    assert at.sidebar.multiselect(key="f_persona").value == ["Manager IT"]
    assert at.sidebar.multiselect(key="f_role").value == ["Utilizator"]
    # back on the cards: a card's numbers follow every filter but the one on the cards' own field
    at.switch_page(f"app_pages/{PAGE}.py")
    at.run()
    _ok(at)
    expected = persona_summary(ws.cursor(), model=ws.stage_model(), filters=Filters(role=("Utilizator",)))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("personas.customers", lang="ro")] == numbers.number(
        int(expected.set_index("value").loc["Manager IT", "customers"]), "ro")
    assert t("personas.no_match", lang="ro") not in [c.value for c in at.caption]
    table = at.dataframe[0].value  # the role view follows all filters: Manager IT's users only
    assert table.columns.tolist() == [t("personas.col_stage", lang="ro"), t("role.user", lang="ro")]


def test_role_by_stage_table_matches_the_analysis(ws):
    at = open_app(ws.path, PAGE)
    _ok(at)
    table = at.dataframe[0].value
    expected = role_stage(ws.cursor(), model=ws.stage_model(), filters=Filters())
    assert table.columns.tolist() == ["Stage", "Main client", "User", "Coach / consultant", "Influencer", "Blocker"]
    assert table["Stage"].tolist() == ws.stage_model().labels
    r = expected[(expected["stage"] == "research") & (expected["role"] == "main_client")].iloc[0]
    cell = table.set_index("Stage").loc["Research", "Main client"]
    assert cell == (f"{numbers.number(int(r['customers']))} · {numbers.decimal(float(r['mean']), digits=2, signed=True)}"
                    f" (n = {int(r['n'])})")
    assert table.set_index("Stage").loc["Awareness", "User"] == ""  # no users at awareness in the sample


@pytest.mark.parametrize("lang", ["tr", "ro"])
def test_page_in_turkish_and_romanian(ws, lang):
    save_persona(ws, Persona("p1", "ioana", role="coach", data_value="Antreprenor"), expected=0)
    at = AppTest.from_file(str(pathlib.Path(__file__).resolve().parents[2] / "app.py"), default_timeout=60)
    at.session_state["workspace_path"] = str(ws.path)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(f"app_pages/{PAGE}.py")
    at.run()
    _ok(at)
    assert [x.value for x in at.title] == [t("personas.title", lang=lang)]
    assert t("role.coach", lang=lang) in [x.value for x in at.text]
    assert at.dataframe[0].value.columns[1] == t("role.main_client", lang=lang)
    assert t("personas.customers", lang=lang) in [m.label for m in at.metric]


def test_segment_stands_in_without_personas_and_no_roles_is_said(tmp_path):
    """Coleman's sample has segments but no persona or role column: a card links to a segment; the role view says
    what to map."""
    from cjm.ingest import samples as sample

    ws = open_workspace(tmp_path / "coleman.duckdb")
    try:
        sample.load_all(ws, keys=["coleman"])
        save_persona(ws, Persona("p1", "Hizmet firması", data_value="Hizmet"), expected=0)
        at = open_app(ws.path, PAGE)
        _ok(at)
        expected = persona_summary(ws.cursor(), model=ws.stage_model(), filters=Filters()).set_index("value")
        assert {m.label: m.value for m in at.metric}[t("personas.customers")] == str(expected.loc["Hizmet", "customers"])
        assert t("personas.no_roles") in [i.value for i in at.info]
        _button(at, t("personas.show_map")).click().run()
        _ok(at)
        assert at.session_state["f_segment"] == ["Hizmet"] and not at.session_state["f_persona"]
    finally:
        close_workspace(ws)


def test_cards_can_be_written_before_any_data(tmp_path):
    at = open_app(tmp_path / "empty.duckdb", PAGE)
    _ok(at)
    assert "This workspace has no data yet" in [s.value for s in at.subheader]
    _button(at, t("personas.add")).click().run()
    next(w for w in at.text_input if w.label == t("personas.name")).set_value("Owner").run()
    assert not [w for w in at.selectbox if w.label.startswith("Stands for")]  # nothing to link to yet
    _button(at, t("personas.save")).click().run()
    _ok(at)
    assert "Owner" in [s.value for s in at.subheader]


def test_text_from_people_is_never_markup(ws):
    save_persona(ws, Persona("p1", "**Boss** [x](http://e.com) <b>hi</b>", quote="<script>alert(1)</script>"),
                 expected=0)
    at = open_app(ws.path, PAGE)
    _ok(at)
    head = [s.value for s in at.subheader if "Boss" in s.value]
    assert head and "\\*\\*Boss\\*\\*" in head[0] and "\\[x\\]" in head[0]  # escaped markdown, shown as typed
    assert "“<script>alert(1)</script>”" in [x.value for x in at.text]  # a text element: shown, never run


# -- in a real browser ---------------------------------------------------------------------------------------
CARDS = [
    Persona("p-ioana", "Ioana, antreprenoare", role="main_client",
            goals="Un ERP care funcționează din prima lună, fără consultanți plătiți la oră.",
            quote="Vreau să văd prețul final înainte de demo.", data_value="Antreprenor"),
    Persona("p-mihai", "Mihai, director financiar", role="influencer",
            goals="Rapoarte lunare corecte și costuri sub control.",
            quote="Semnez doar ce înțeleg până la ultimul leu.", data_value="Director financiar"),
    Persona("p-elena", "Elena, contabil-șef", role="user", goals="Mai puțină muncă manuală la închiderea de lună.",
            quote="Dacă nu pot exporta în formatul ANAF, nu mă ajută.", data_value="Contabil-șef"),
    Persona("p-radu", "Radu, manager IT", role="blocker", goals="Securitate și o integrare simplă.",
            quote="Nu instalez nimic ce nu pot actualiza singur.", data_value="Manager IT"),
]


@pytest.fixture(scope="module")
def cards_workspace(tmp_path_factory) -> pathlib.Path:
    from cjm.ingest import samples as sample

    path = tmp_path_factory.mktemp("personas") / "sample-romanian.duckdb"
    ws = open_workspace(path)
    sample.load_all(ws, keys=["romanian"])
    for card in CARDS:
        save_persona(ws, card, expected=0)
    close_workspace(ws)
    return path


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(not HAVE_BROWSER, reason="needs Debian's chromium at /usr/bin/chromium and playwright")
@pytest.mark.parametrize("lang", ["en", "tr", "ro"])
def test_personas_page_in_chromium(cards_workspace, lang):
    """At 1280×720 in *lang*: screenshots in /tmp/shots/personas_<lang>.png (sidebar collapsed, as the room sees
    it), personas_<lang>_full.png (the whole page) and personas_<lang>_edit.png (a card's editor open); no error,
    the drawn initials are pictures made on the page (data: URIs) and drawn, role names in the language, no card
    heading cut off, nothing sent elsewhere; "Show the map for this persona" opens the map filtered on it."""
    from urllib.parse import urlsplit

    from playwright.sync_api import sync_playwright

    from tests.ui.test_browser import Server, _outside, _settle

    SHOTS.mkdir(parents=True, exist_ok=True)
    server = Server(cards_workspace).start()
    requests: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.goto(f"{server.url}/personas?lang={lang}")
            _settle(page, timeout=60_000)
            assert page.locator('[data-testid="stException"]').count() == 0
            assert page.locator('[data-testid="stAlertContentError"]').count() == 0
            assert page.get_by_role("heading", name=t("personas.title", lang=lang)).count() == 1
            body = page.locator('[data-testid="stMain"]').inner_text()
            for role in ("main_client", "influencer", "user", "blocker"):
                assert t(f"role.{role}", lang=lang) in body, role
            avatars = page.locator('[data-testid="stImage"] img')
            assert avatars.count() == len(CARDS)
            for i in range(avatars.count()):
                img = avatars.nth(i)
                assert (img.get_attribute("src") or "").startswith("data:image/svg+xml")
                assert img.evaluate("e => e.complete && e.naturalWidth > 0")
            # each card's heading fits its box (a long name wraps at word boundaries; it is never cut off)
            cut = page.locator('[data-testid="stMain"] h3').evaluate_all(
                "hs => hs.filter(h => h.scrollWidth > h.clientWidth + 1).map(h => h.innerText)")
            assert cut == []
            page.locator('[data-testid="stSidebar"]').hover()
            page.locator('[data-testid="stSidebarCollapseButton"] button').click()
            page.wait_for_timeout(800)
            page.screenshot(path=str(SHOTS / f"personas_{lang}.png"))
            page.set_viewport_size({"width": 1280, "height": 2400})  # Streamlit scrolls inside; show it all
            page.wait_for_timeout(1000)
            page.screenshot(path=str(SHOTS / f"personas_{lang}_full.png"))
            page.set_viewport_size({"width": 1280, "height": 720})
            page.get_by_role("button", name=t("personas.edit", lang=lang)).first.click()
            _settle(page)
            page.get_by_role("button", name=t("personas.save", lang=lang)).scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            page.screenshot(path=str(SHOTS / f"personas_{lang}_edit.png"))
            page.get_by_role("button", name=t("personas.cancel", lang=lang)).click()
            _settle(page)
            page.get_by_role("button", name=t("personas.show_map", lang=lang)).first.click()
            _settle(page, timeout=60_000)
            # the map is the default page: its address is the server's root (or /map), the persona in the query
            assert urlsplit(page.url).path in ("/", "/map") and "persona=Contabil-%C8%99ef" in page.url, page.url
            assert page.get_by_role("heading", name=t("map.title", lang=lang)).count() == 1
            browser.close()
    finally:
        log = server.stop()
    assert "Traceback" not in log, log[-3000:]
    assert [u for u in requests if _outside(u)] == []
