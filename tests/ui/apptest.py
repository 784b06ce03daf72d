"""The app under streamlit.testing's AppTest, for the page tests of this folder."""

from __future__ import annotations

import pathlib

from streamlit.testing.v1 import AppTest

APP = str(pathlib.Path(__file__).resolve().parents[2] / "app.py")


def open_app(path, page: str | None = None) -> AppTest:
    """The app on the workspace file *path*, run once, then on *page* (a file name in app_pages/, without .py)."""
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")  # tests see the real error; users never do
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["workspace_path"] = str(path)
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py")
        at.run()
    return at


def component_data(at: AppTest, name: str) -> dict:
    """The data a custom component (v2) named *name* was mounted with in the last run (AppTest lists these under
    no name of its own)."""
    import json

    return json.loads(component(at, name).proto.json)


def component(at: AppTest, name: str):
    """The element of the custom component (v2) named *name* in the last run."""
    def walk(node):
        children = getattr(node, "children", None)
        if children is None:
            yield node
        else:
            for child in children.values():
                yield from walk(child)

    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None and type(proto).__name__ == "BidiComponent" and proto.component_name == name:
            return node
    raise LookupError(f"no component {name} in this run")


def trigger(at: AppTest, name: str, event: str, value: object) -> AppTest:
    """Run *at* again as when the browser side of the custom component *name* calls ``setTriggerValue(event,
    value)``: the widget values of the page plus that one trigger (Streamlit's own wire format: a JSON list of
    ``{"event", "value"}`` on the component's trigger widget)."""
    import json

    from streamlit.components.v2.bidi_component.main import _make_trigger_id

    states = at._tree.get_widget_states()
    w = states.widgets.add()
    w.id = _make_trigger_id(component(at, name).proto.id, "events")
    w.json_trigger_value = json.dumps([{"event": event, "value": value}])
    return at._run(states)


def map_edit(at: AppTest, edit: str, value: dict) -> AppTest:
    """Run *at* again as when the user makes one edit on the journey map grid (ui/map_grid.py): *edit* "save" (lane,
    stage, text, version), "assume" (stage, kind, value, version) or "moment" (touchpoint, marked, version)."""
    return trigger(at, "cjm.map_grid", "edits", {"items": [{**value, "edit": edit}], "at": id(value)})
