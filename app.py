"""CJM Dashboard — the entry file: page setup, state defaults, the sidebar, and routing.

Run: ``streamlit run app.py``. Each page lives in ``app_pages/`` and is a thin layer over ``cjm``; the sidebar
(workspace, language, filters, export) is :mod:`ui.sidebar`.
"""

from __future__ import annotations

import streamlit as st

import ui
from ui import session, sidebar

PAGES = [
    ("app_pages/import_page.py", "nav.import", ":material/upload_file:", "import"),
    ("app_pages/journey_map.py", "nav.map", ":material/map:", "map"),
    ("app_pages/personas_page.py", "nav.personas", ":material/groups:", "personas"),
    ("app_pages/funnel_page.py", "nav.funnel", ":material/filter_alt:", "funnel"),
    ("app_pages/channels_page.py", "nav.channels", ":material/hub:", "channels"),
    ("app_pages/emotions_page.py", "nav.emotions", ":material/mood:", "emotions"),
    ("app_pages/pain_points_page.py", "nav.pain", ":material/report:", "pain-points"),
    ("app_pages/what_if_page.py", "nav.whatif", ":material/tune:", "what-if"),
    ("app_pages/progress_page.py", "nav.progress", ":material/trending_up:", "progress"),
    ("app_pages/settings_page.py", "nav.settings", ":material/settings:", "settings"),
]

# an emoji icon is drawn by the browser itself; a ":material/...:" page icon would be fetched from Google's font
# server (the icons in the menu use the font Streamlit ships, so they stay local)
st.set_page_config(page_title="CJM Dashboard", page_icon="🧭", layout="wide",
                   initial_sidebar_state="expanded")
# the sidebar's own widgets (language, filters) keep their values when Streamlit drops a widget's state on a page
# switch the script makes (st.switch_page): put back before the defaults, kept again after the sidebar
KEPT = list(sidebar.state_defaults())
ui.restore_widgets(KEPT)
for key, value in sidebar.state_defaults().items():
    st.session_state.setdefault(key, value)
session.restore()  # ?lang=…&ws=…&persona=… from the address, once per session
sidebar.render()
ui.keep_widgets(KEPT)
session.sync()
current = st.navigation([st.Page(path, title=ui.t(key), icon=icon, url_path=slug, default=(slug == "map"))
                         for path, key, icon, slug in PAGES])
ui.flash()
current.run()
