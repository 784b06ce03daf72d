"""Every user-facing string of the dashboard goes through :func:`t`.

Messages are whole sentences with named placeholders (never built by concatenation), so a
Turkish or Romanian catalogue can reorder words freely. Catalogues other than English fall
back to English key by key until they are translated.

>>> t("funnel.reached", n=12, stage="Awareness")
'12 customers reached Awareness'
>>> t("funnel.reached", lang="tr", n=1, stage="X")  # falls back to English
'1 customers reached X'
"""

from __future__ import annotations

LANGUAGES = {"en": "English", "tr": "Türkçe", "ro": "Română"}

EN: dict[str, str] = {
    # shell
    "app.title": "CJM Dashboard",
    "nav.import": "Import",
    "nav.map": "Journey map",
    "nav.funnel": "Funnel",
    "nav.channels": "Touchpoints & channels",
    "nav.emotions": "Emotions",
    "nav.pain": "Pain points",
    "nav.whatif": "What if",
    "nav.settings": "Settings",
    "sidebar.workspace": "Workspace",
    "sidebar.workspace_path": "Workspace file",
    "sidebar.workspace_open": "Open or create",
    "sidebar.workspace_help": "A DuckDB file that holds your imports, stage model and notes. It stays on this computer.",
    "sidebar.events": "{events} events · {customers} customers",
    "sidebar.filters": "Filters",
    "sidebar.period": "Period",
    "sidebar.segment": "Segment",
    "sidebar.persona": "Persona",
    "sidebar.role": "Role",
    "sidebar.channel": "Channel",
    "sidebar.language": "Language",
    "sidebar.clear_filters": "Clear filters",
    "sidebar.filtered": "Filters are on: the numbers cover part of the data.",
    "empty.title": "This workspace has no data yet",
    "empty.body": "Upload your CRM export, touchpoint log or survey on the Import page, or load the sample data to try "
                  "the dashboard.",
    "empty.go_import": "Go to Import",
    "empty.load_samples": "Load sample data",
    "empty.no_model_stages": "No event matches a stage of the stage model \"{model}\". Choose the right model or map "
                             "your stage values in Settings.",
    "empty.filtered": "No events match the current filters. Clear or widen the filters in the sidebar.",
    "samples.loaded": "Sample data loaded: {files} files, {rows} rows.",
    "samples.loading": "Loading sample data…",
    # import
    "import.title": "Import data",
    "import.intro": "Upload CSV or Excel files (several at once is fine). Nothing is written until you press Import.",
    "import.upload": "Files to import",
    "import.file": "File: {name}",
    "import.sheet": "Sheet",
    "import.detected": "Read as {kind}: {records} records, header on row {header_row}.",
    "import.detected_csv": "Read as CSV ({encoding}, delimiter {delimiter}): {records} records, header on row {header_row}.",
    "import.mapping": "Column mapping",
    "import.mapping_help": "Each column of your file and the field it fills. Change a field if the guess is wrong; "
                           "choose (ignore) to leave a column out. Customer ID and Stage are required.",
    "import.col_header": "Column in your file",
    "import.col_field": "Field",
    "import.col_example": "Example",
    "import.col_field_of": "Field for column {header}",
    "import.ignore": "(ignore)",
    "import.preview": "Preview (first rows, as read)",
    "import.dates_ambiguous": "The dates in \"{column}\" can be read day-first or month-first (e.g. {examples}). "
                              "Choose how to read them.",
    "import.date_order": "Date order",
    "import.dayfirst": "Day first (31.01.2026)",
    "import.monthfirst": "Month first (01/31/2026)",
    "import.replace": "Replace an earlier import of the same file",
    "import.button": "Import",
    "import.button_all": "Import all files",
    "import.progress": "Importing {name}…",
    "import.done": "{name}: {loaded} rows loaded, {rejected} rejected (of {read} read).",
    "import.duplicate": "{name} was imported before (same content). Nothing was added. Tick \"Replace\" to load it again.",
    "import.unknown_stages": "Stage values that are not in the stage model (kept, shown in Settings to map):",
    "import.rejected": "Rejected rows",
    "import.rejected_download": "Download rejected rows (CSV)",
    "import.warnings": "Notes on this file",
    "import.history": "Imports in this workspace",
    "import.model": "Stage model",
    "import.model_help": "The ordered stages of your journey. You can change it later in Settings.",
    "import.model_keep": "Keep the current model ({model})",
    # journey map
    "map.title": "Journey map",
    "map.customers": "Customers",
    "map.conversion": "Conversion from previous stage",
    "map.touchpoints": "Top touchpoints",
    "map.channels": "Channels",
    "map.emotion": "Emotion (−2…+2)",
    "map.pain": "Top pain points",
    "map.nps": "NPS",
    "map.people_lanes": "Lanes written by the team (click a cell to edit; saved at once)",
    "map.saved": "Saved.",
    "map.lane": "Lane",
    "map.lane_cell": "{lane} at {stage}",
    "map.none": "—",
    "map.curve_title": "How customers feel across the journey (mean, 95% interval; n per stage)",
    "lane.goals": "Goals",
    "lane.actions": "Actions",
    "lane.thoughts": "Thoughts (\"I …\")",
    "lane.opportunities": "Opportunities",
    "lane.owner": "Owner",
    "lane.kpi": "KPI / target",
    # funnel
    "funnel.title": "Funnel",
    "funnel.reached": "{n} customers reached {stage}",
    "funnel.mode": "Count customers",
    "funnel.mode_furthest": "by furthest stage reached",
    "funnel.mode_visited": "only at stages they visited",
    "funnel.window": "Conversion window (days, 0 = none)",
    "funnel.table": "Conversion",
    "funnel.col_stage": "Stage",
    "funnel.col_customers": "Customers",
    "funnel.col_conversion": "From previous",
    "funnel.col_from_first": "From first",
    "funnel.col_dropped": "Dropped",
    "funnel.time": "Time to convert and time in stage (days)",
    "funnel.outcomes": "Outcomes at decision points",
    "funnel.no_outcomes": "No outcomes recorded (add an Outcome column, e.g. hired / not now / no way).",
    "funnel.stuck": "Stuck customers (no event for longer than usual, not in a final stage)",
    "funnel.backwards": "Customers who went backwards",
    "funnel.download": "Download list (CSV)",
    "funnel.dropped_after": "Who dropped off after a stage",
    "funnel.dropped_stage": "Stage",
    "funnel.sankey": "Flows between stages",
    "funnel.breakdown": "Breakdown",
    "funnel.breakdown_by": "Break down by",
    "funnel.periods": "Two periods side by side",
    "funnel.period_a": "Period A",
    "funnel.period_b": "Period B",
    "funnel.none": "None.",
    # channels
    "channels.title": "Touchpoints & channels",
    "channels.measure": "Show",
    "channels.events": "Events",
    "channels.customers": "Customers reached",
    "channels.emotion": "Mean emotion",
    "channels.gaps": "Gaps",
    "channels.no_gaps": "No gaps found.",
    "gap.no_touchpoints": "No touchpoint at all in {stage}.",
    "gap.channel_absent": "{channel} is used elsewhere but never in {stage}.",
    "gap.few_touches": "{stage} gets few touches: {value} per customer against {typical} in a typical stage.",
    "channels.ranking": "Touchpoints ranked",
    "channels.lift_help": "Lift: share who reached the next stage among customers with the touchpoint minus the share "
                          "among customers at the same stage without it.",
    # emotions
    "emotions.title": "Emotions",
    "emotions.by": "Compare by",
    "emotions.none": "(all customers)",
    "emotions.high": "High: {stage}",
    "emotions.low": "Low: {stage}",
    "emotions.nps": "NPS by stage",
    "emotions.nps_overall": "NPS overall",
    "emotions.comments": "What customers said",
    "emotions.stage": "Stage",
    "emotions.no_emotion": "No emotion scores in the data. Map a column to Emotion, Satisfaction or NPS on the Import page.",
    # pain points
    "pain.title": "Pain points",
    "pain.formula": "How the impact score is computed",
    "pain.none": "No pain points: no (stage, touchpoint) with negative emotion in the data.",
    "pain.status": "Status",
    "pain.note": "Note",
    "pain.save": "Save",
    "pain.saved": "Saved.",
    "pain.status_open": "open",
    "pain.status_progress": "in progress",
    "pain.status_fixed": "fixed",
    "pain.evidence": "Evidence",
    "pain.item": "{rank}. {stage} · {touchpoint}",
    # what-if
    "whatif.title": "What if",
    # settings
    "settings.title": "Settings",
    "settings.model": "Stage model",
    "settings.preset": "Preset",
    "settings.apply_preset": "Use this preset",
    "settings.stages": "Stages (in journey order; edit names, add or remove rows, tick final stages)",
    "settings.save_stages": "Save stages",
    "settings.unknown": "Stage values not in the model",
    "settings.map_to": "Map to stage",
    "settings.save_mapping": "Save mapping",
    "settings.saved": "Saved. All pages now use the new model.",
    "settings.infer": "Suggest an order from the data",
    "settings.emotion_words": "Emotion words",
    # errors shown in place of a page
    "error.bug": "Something went wrong on this page. Your data is safe. Please reload the page.",
}

CATALOGUES: dict[str, dict[str, str]] = {"en": EN, "tr": {}, "ro": {}}


def t(key: str, /, lang: str = "en", **values: object) -> str:
    """The message *key* in *lang* (English when not translated), with *values* filled in."""
    text = CATALOGUES.get(lang, {}).get(key) or EN[key]
    return text.format(**values) if values else text
