"""Every user-facing string of the dashboard goes through :func:`t`.

Messages are whole sentences with named placeholders (never built by concatenation), so a
Turkish or Romanian catalogue can reorder words freely. Catalogues other than English fall
back to English key by key when a key is missing (an unknown language gets English).

>>> t("funnel.reached", n=12, stage="Awareness")
'12 customers reached Awareness'
>>> t("funnel.reached", lang="tr", n=12, stage="Farkındalık")
'12 müşteri Farkındalık aşamasına ulaştı'
>>> t("funnel.reached", lang="xx", n=1, stage="X")  # unknown language: English
'1 customers reached X'
"""

from __future__ import annotations

from cjm.i18n.ro import RO
from cjm.i18n.tr import TR

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
    "sidebar.workspace_name": "Workspace: {name}",
    "sidebar.workspace_switch": "Open workspace",
    "sidebar.workspace_new": "New workspace name",
    "sidebar.workspace_create": "Create and open",
    "sidebar.workspace_bad_name": "Give the new workspace a name made of letters, digits or dashes.",
    "sidebar.workspace_file": "Workspace file",
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
    "samples.loaded": "Sample data loaded into the workspaces {names}. You are in {current}; switch under "
                      "Workspace in the sidebar.",
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
    "field.customer_id": "Customer ID",
    "field.timestamp": "Date / time",
    "field.stage": "Stage",
    "field.touchpoint": "Touchpoint",
    "field.channel": "Channel",
    "field.emotion": "Emotion",
    "field.satisfaction": "Satisfaction / rating",
    "field.nps": "NPS (0–10)",
    "field.outcome": "Outcome",
    "field.segment": "Segment",
    "field.persona": "Persona",
    "field.role": "Role",
    "field.value": "Value (amount)",
    "field.cost": "Cost",
    "field.comment": "Comment",
    # journey map
    "map.title": "Journey map",
    "map.customers": "Customers",
    "map.conversion": "From previous stage",
    "map.conversion_cell": "{pct}",
    "map.touchpoints": "Top touchpoints",
    "map.channels": "Channels",
    "map.emotion": "Emotion (−2…+2)",
    "map.pain": "Top pain points",
    "map.nps": "NPS",
    "map.people_lanes": "Lanes written by the team (click a cell to edit; saved at once)",
    "map.saved": "Saved.",
    "map.stale_theirs": "Saved by someone else",
    "map.stale_yours": "Your text (not saved)",
    "map.lane": "Lane",
    "map.lane_cell": "{lane} at {stage}",
    "map.none": "—",
    "map.no_emotion": "No emotion scores in the data (map an Emotion, Rating or Satisfaction column on Import).",
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
    "funnel.col_dropped": "Dropped",
    "funnel.time": "Time to convert and time in stage (days)",
    "funnel.outcomes": "Outcomes at decision points",
    "funnel.no_outcomes": "No outcomes recorded (add an Outcome column, e.g. hired / not now / no way).",
    "funnel.stuck": "Stuck customers (no event for longer than usual, not in a final stage)",
    "funnel.backwards": "Customers who went backwards",
    "funnel.download": "Download list (CSV)",
    "funnel.col_stuck": "Stuck",
    "funnel.col_threshold": "Idle for (days)",
    "funnel.col_moves": "Moves back",
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
    "pain.customers": "Customers affected",
    "pain.mean_emotion": "Mean emotion",
    "pain.n_emotion": "{n} scores",
    "pain.dropped": "Dropped off after",
    "pain.value": "Value at stake",
    "pain.impact": "Impact score {v}",
    "pain.item": "{rank}. {stage} · {touchpoint}",
    # what-if
    "whatif.title": "What if",
    "whatif.horizon": "Horizon (months)",
    "whatif.levers": "Levers",
    "whatif.conversion": "{stage} → {next} (now {now})",
    "whatif.inflow": "New customers per month",
    "whatif.value": "Value per won customer (now {now})",
    "whatif.referral": "Referral rate: new prospects per won customer (data: {now})",
    "whatif.fix": "Fix a pain point (raise the emotion at)",
    "whatif.no_fix": "(no fix)",
    "whatif.fix_target": "Target mean emotion (−2…+2)",
    "whatif.no_levers": "Fixing a pain point is not offered: the data cannot support an estimate of how emotion "
                        "moves conversion (see the assumptions below).",
    "whatif.metric_new_customers": "New customers",
    "whatif.metric_won": "Won customers",
    "whatif.metric_revenue": "Revenue",
    "whatif.metric_referrals": "Referrals",
    "whatif.band": "Baseline {base}; scenario 90% band {lo} to {hi}",
    "whatif.projected": "Projected over the next {months} months: the scenario, and below each number its change "
                        "against the baseline.",
    "whatif.baseline": "Baseline",
    "whatif.scenario": "Scenario",
    "whatif.reach": "Customers reaching each stage in {months} months",
    "whatif.waterfall": "What each lever adds (won customers)",
    "whatif.saved": "Named scenarios",
    "whatif.name": "Scenario name",
    "whatif.save": "Save scenario",
    "whatif.saved_one": "Saved \"{name}\".",
    "whatif.none_saved": "No saved scenarios yet.",
    "whatif.col_name": "Scenario",
    "whatif.col_won": "Won",
    "whatif.col_delta_won": "Won vs baseline",
    "whatif.col_revenue": "Revenue",
    "whatif.col_referrals": "Referrals",
    "whatif.download": "Download scenarios (CSV)",
    "whatif.pick": "Saved scenario",
    "whatif.load": "Load",
    "whatif.delete": "Delete",
    "whatif.assumptions": "The model and its assumptions",
    "whatif.elasticities": "How emotion moves conversion (estimated from the data):",
    # settings
    "settings.title": "Settings",
    "settings.model": "Stage model",
    "settings.preset": "Preset",
    "settings.apply_preset": "Use this preset",
    "settings.stages_title": "Stages",
    "settings.stages": "In journey order: edit names, change the order numbers, add or remove rows, tick the final "
                       "stages (a customer resting there is not stuck).",
    "settings.outcomes": "Outcomes at decision points",
    "settings.outcomes_help": "What can happen at a stage (e.g. hired / not now / no way after pre-purchase). Found in "
                              "the Outcome column, or as a stage value.",
    "settings.outcome": "Outcome",
    "settings.outcome_stage": "At stage",
    "settings.outcome_positive": "Good outcome",
    "settings.save_outcomes": "Save outcomes",
    "settings.save_stages": "Save stages",
    "settings.unknown": "Stage values not in the model",
    "settings.map_to": "Map to stage",
    "settings.save_mapping": "Save mapping",
    "settings.saved": "Saved. All pages now use the new model.",
    "settings.infer": "Suggest an order from the data",
    "settings.emotion_words": "Emotion words without a score",
    "settings.emotion_words_help": "These words were kept as text because their feeling is not known. Give each a "
                                   "score from −2 (very negative) to +2 (very positive); the loaded events get it at "
                                   "once and later imports read it too.",
    "settings.emotion_score": "Score",
    "settings.save_emotion_words": "Save scores",
    "settings.emotion_saved": "Saved: {n} events got an emotion score.",
    # errors shown in place of a page
    "error.bug": "Something went wrong on this page. Your data is safe. Please reload the page.",
    # stale team-note saves (someone else saved the note first)
    "whatif.no_changes": "no changes",
    # backups (storage faults)
    "backups.title": "Backups",
    "backups.help": "A copy of the workspace is kept before each import, replace and stage-model change: the "
                    "last {n}, none of a workspace larger than {mb} MB (CJM_BACKUP_MAX_MB). They are in "
                    "{folder}.",
    "backups.none": "No backups yet: the first is kept before the next import or stage-model change.",
    "backups.id": "Backup",
    "backups.time": "Time",
    "backups.reason": "Kept before",
    "backups.size": "Size (MB)",
    "backups.choose": "Backup to restore",
    "backups.confirm": "Replace the current workspace with backup {id} (the current state is kept as a backup first)",
    "backups.restore": "Restore",
    "backups.restore_id": "Restore backup {id}",
    "backups.restored": "Backup {id} restored. Every page now shows it.",
    "backups.kept": "The state before the restore is kept as backup {id}.",
    "settings.preview_title": "Choose the stages",
    "settings.preview_help": "Each stage value of the data, with its events, customers, typical position (1 = first) and the share"
                             " of its customers whose journey ends there. Untick keep to drop a value, change the order, rename, "
                             "mark final stages (a customer resting there is not stuck), or name the stage a value is an outcome "
                             "of. Nothing is saved until you press Save.",
    "settings.preview_save": "Save these stages",
    "settings.preview_cancel": "Cancel",
    "settings.col_keep": "Keep",
    "settings.col_value": "Value in the data",
    "settings.col_label": "Stage name",
    "settings.col_events": "Events",
    "settings.col_customers": "Customers",
    "settings.col_position": "Typical position",
    "settings.col_last_share": "Ends here",
    "settings.col_final": "Final",
    "settings.col_outcome_of": "Outcome of stage",
    "settings.col_positive": "Positive outcome",
    "settings.won": "Won stage",
    "settings.won_help": "The stage where a prospect becomes a paying customer: what-if's won customers and value per won "
                         "customer, the report.",
    "settings.won_none": "(not set)",
    "settings.won_ask": "Which stage means won? Choose it so that what-if and the report count won customers there.",
    "import.lifecycle": "Lifecycle events to import (column \"{column}\")",
    "import.lifecycle_complete": "complete events (each activity once, when done)",
    "import.lifecycle_start": "start events",
    "import.lifecycle_all": "all events",
    "funnel.compare_conversion": "Conversion from the first stage, with its 95% interval (Wilson), and the difference between the "
                                 "groups.",
    "settings.reading_title": "Reading the data",
    "settings.ties": "Events of one customer at the same time",
    "settings.ties_stage": "in stage order (no backward move the times do not show)",
    "settings.ties_file": "in file order",
    "settings.values": "Value column",
    "settings.values_auto": "from the data (the same on each row of a customer: taken once; else summed)",
    "settings.values_customer": "one value per customer, taken once",
    "settings.values_event": "amounts per event, summed per customer",
    # a save refused because someone else saved the note first: three ways on (ui/conflicts.py)
    "conflict.stale": "{what} was saved by someone else while you were editing it. Nothing was overwritten: keep yours, "
                      "keep theirs, or merge the two.",
    "conflict.deleted": "(deleted by someone else)",
    "conflict.keep_mine": "Keep mine",
    "conflict.keep_theirs": "Keep theirs",
    "conflict.edit": "Edit",
    "conflict.merged": "Merge the two texts (theirs first, then yours, below the line)",
    "conflict.separator": "──────── theirs above, yours below ────────",
    "conflict.save_merged": "Save merged text",
    "conflict.cancel": "Cancel",
    "conflict.kept_theirs": "Kept their text; yours was dropped.",
    "conflict.unreadable": "The merged text cannot be saved: {error}",
    "pain.stale_status": "Their status: \"{status}\". Keep mine saves your status, Keep theirs takes theirs.",
    # issue 14: imports in the background
    "import.bg_progress": "Importing {name}: {percent}% ({step})",
    "import.bg_leave": "You may leave this page or close the tab: the import goes on in the background, and its result is "
                       "shown here and in the sidebar.",
    "import.bg_cancel": "Cancel the import",
    "import.bg_cancelling": "Cancelling: the import stops at its next step and is rolled back.",
    "import.bg_saving": "Saving the data: the import can no longer be cancelled.",
    "import.bg_cancelled": "The import of {name} was cancelled and rolled back: nothing of it was loaded, the workspace is as it"
                           " was before.",
    "import.bg_failed": "The import of {name} failed: {error}",
    "import.bg_unexpected": "The import of {name} failed unexpectedly and was rolled back. This is a fault in CJM Dashboard, not "
                            "in your file; the server log has the details.",
    "import.bg_refused": "An import of {name} into this workspace is running ({percent}%). Wait until it has finished, or "
                         "cancel it, then import again.",
    "import.bg_dismiss": "Close this result",
    "import.step.checking the file": "checking the file",
    "import.step.reading": "reading",
    "import.step.converting values": "converting values",
    "import.step.loading": "loading",
    "import.step.saving": "saving",
    "import.step.putting each customer's events in journey order": "putting each customer's events in journey order",
    "import.step.summing up each customer's stages": "summing up each customer's stages",
    "import.step.done": "done",
    "sidebar.import_running": "Import of {name} running — {percent}%",
    "sidebar.import_done": "Import of {name} finished",
    "sidebar.import_failed": "Import of {name} failed",
    "sidebar.import_cancelled": "Import of {name} cancelled",
    "sidebar.import_open": "Open the Import page",
    # issue 13: table columns, units, charts, widgets, presets (the UI half)
    "col.stage": "Stage",
    "col.from_stage": "From stage",
    "col.to_stage": "To stage",
    "col.customers": "Customers",
    "col.median_days": "Median (days)",
    "col.p90_days": "90th percentile (days)",
    "col.outcome": "Outcome",
    "col.share": "Share",
    "col.customer_id": "Customer ID",
    "col.last_stage": "Last stage",
    "col.last_touchpoint": "Last touchpoint",
    "col.last_seen": "Last seen",
    "col.days_since": "Days since",
    "col.moves": "Moves",
    "col.touchpoint": "Touchpoint",
    "col.events": "Events",
    "col.mean_emotion": "Mean emotion",
    "col.n_emotion": "Scores (n)",
    "col.progressed_with": "Went on, with it",
    "col.n_with": "Customers with it",
    "col.progressed_without": "Went on, without it",
    "col.n_without": "Customers without it",
    "col.lift": "Lift",
    "col.kind": "Kind",
    "col.kind_positive": "positive",
    "col.kind_negative": "negative",
    "col.emotion": "Emotion",
    "col.comment": "Comment",
    "col.date": "Date",
    "col.file": "File",
    "col.rows_read": "Rows read",
    "col.rows_loaded": "Loaded",
    "col.rows_rejected": "Rejected",
    "col.imported_at": "Imported on",
    "col.row": "Row",
    "col.column": "Column",
    "col.raw": "Value as read",
    "col.reason": "Reason",
    "col.order": "Order",
    "col.key": "Key",
    "col.final": "Final stage",
    "col.value": "Value in the data",
    "unit.pp": "{v} pp",
    "unit.n": "n = {n}",
    "unit.ci": "{value} ({low} to {high})",
    "unit.mark": "{label} ({value}; n = {n})",
    "chart.start": "Start",
    "chart.end": "End",
    "chart.customers": "Customers",
    "chart.moves": "Moves",
    "chart.stage": "Stage",
    "chart.channel": "Channel",
    "chart.first_share": "Of the first stage",
    "chart.emotion_axis": "Emotion (−2…+2)",
    "widget.choose": "Choose one or more",
    "sidebar.period_help": "Only events in this period count on every page. Choose the first and the last day.",
    "sidebar.filter_help": "Only customers with these values count on every page; none chosen means all.",
    "funnel.mode_help": "By furthest stage: a customer who reached a later stage counts at every stage before it. Only "
                        "visited: a customer counts only where the data shows them.",
    "funnel.window_help": "A customer counts at a stage only when they reached it within this many days of the first "
                          "stage; 0 means no limit.",
    "funnel.breakdown_help": "One row per group: how many of its customers reach each stage.",
    "funnel.dropped_help": "Customers whose journey ends at this stage (not a final stage): the list can be downloaded.",
    "channels.measure_help": "What each cell of the stage × channel matrix shows.",
    "emotions.by_help": "Draw one emotion curve for each group of this field.",
    "emotions.stage_help": "The most positive and the most negative comments at this stage.",
    "whatif.horizon_help": "How many months ahead the projection looks.",
    "whatif.conversion_help": "Change of the share of customers who go on to the next stage, in percentage points.",
    "whatif.inflow_help": "Change of the number of new customers entering the journey each month, in percent.",
    "whatif.value_help": "Change of the value of each won customer, in percent.",
    "whatif.referral_help": "New prospects each won customer brings per month through referrals.",
    "whatif.fix_help": "A stage or touchpoint whose mean emotion the fix raises; how emotion moves conversion is "
                       "estimated from the data.",
    "settings.preset_help": "A stage model from the source articles; using it maps your stage values to its stages.",
    "settings.backup_help": "Each backup with the time it was kept.",
    "preset.hinge-b2b-4": "B2B professional services, 4 stages (Hinge)",
    "preset.five-stage": "5 stages, awareness to advocacy",
    "preset.coleman-8": "The 8 stages of the customer experience (Coleman)",
    "preset.questionpro-4": "Customer journey management, 4 stages",
    "preset.custom": "{name} (own model)",
    "pseudo.name": "Pseudo-language (tests)",
    "col.days_idle": "Days without an event",
    "col.threshold_days": "Usual limit (days)",
    "ui.no_model": "Choose a stage model first (Import or Settings page).",
    "whatif.not_a_scenario": "This text is not a scenario ({error}).",
    "import.upload_help": "CSV (any encoding and delimiter), Excel (.xlsx, .xlsm, .xls) or Excel's Unicode text (.txt), "
                          "up to 200 MB a file.",
}

CATALOGUES: dict[str, dict[str, str]] = {"en": EN, "tr": TR, "ro": RO}

#: Catalogues of one area each (a module with ``EN``, ``TR`` and ``RO`` dicts), merged into the three above so
#: :func:`t` sees one catalogue per language. A key may live in one area only.
AREAS = ("cjm.i18n.workshop", "cjm.i18n.mapview", "cjm.i18n.present", "cjm.i18n.people", "cjm.i18n.messages", "cjm.i18n.engines",
         "cjm.i18n.progress", "cjm.i18n.exports")


def _merge_areas() -> None:
    import importlib

    for name in AREAS:
        area = importlib.import_module(name)
        clash = set(area.EN) & set(EN)
        if clash:
            raise ValueError(f"{name} repeats catalogue keys: {sorted(clash)}")
        for code, own in (("en", "EN"), ("tr", "TR"), ("ro", "RO")):
            CATALOGUES[code].update(getattr(area, own))


_merge_areas()


#: A pseudo-language for tests: every catalogue text in English, wrapped in ⟦ ⟧, so a test that runs the app in it
#: sees at once any text on screen that did not come from the catalogue (tests/ui/test_i18n_guard.py). Not in
#: :data:`LANGUAGES`, so the language picker never offers it; numbers and dates are written the English way.
PSEUDO = "qps"
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
#: in the pseudo-language, a message from ``cjm`` that has no catalogue key yet (shown as it is, English)
UNKEYED_OPEN, UNKEYED_CLOSE = "⟪", "⟫"


def t(key: str, /, lang: str = "en", **values: object) -> str:
    """The message *key* in *lang* (English when not translated), with *values* filled in.

    >>> t("nav.funnel", lang=PSEUDO)
    '⟦Funnel⟧'
    """
    if lang == PSEUDO:
        text = EN[key]
        return MARK_OPEN + (text.format(**values) if values else text) + MARK_CLOSE
    text = CATALOGUES.get(lang, {}).get(key) or EN[key]
    return text.format(**values) if values else text
