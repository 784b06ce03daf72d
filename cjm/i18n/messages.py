"""Catalogue of keyed messages from cjm: import reports, warnings, errors, assumptions and formulas.

Three dicts with the same keys; merged into :data:`cjm.i18n.CATALOGUES` (see ``AREAS`` there). The keys are used by
:class:`cjm.errors.CJMError` and :class:`cjm.errors.Message` (``err.message(lang)``). Turkish never hangs a suffix
on a placeholder (``{column} sütununda``, not ``{column}'da``); Romanian writes ș ț with a comma below.
"""

from __future__ import annotations

EN: dict[str, str] = {
    "msg.quoted": '"{text}"',
    # ingest: what a file is
    "ingest.kind.pdf": "a PDF document",
    "ingest.kind.png": "a PNG image",
    "ingest.kind.jpeg": "a JPEG image",
    "ingest.kind.gif": "a GIF image",
    "ingest.kind.gzip": "a gzip archive",
    "ingest.kind.rar": "a RAR archive",
    "ingest.kind.7z": "a 7-Zip archive",
    "ingest.file_empty": 'The file "{file}" is empty. Export the data again (with a header row and at least one data row) '
                         "and upload it.",
    "ingest.encrypted_excel": '"{file}" is an encrypted (password-protected) Excel file: open it in Excel, remove the '
                              "password (File > Info > Protect Workbook), save, and upload again.",
    "ingest.old_xls": '"{file}" is an old Excel 97-2003 file (.xls): open it in Excel and save as .xlsx or CSV, then '
                      "upload again.",
    "ingest.zip_truncated": '"{file}" is incomplete or damaged (the file ends too early — perhaps an interrupted download '
                            "or copy). Download or export it again and upload the new file.",
    "ingest.zip_bad_part": '"{file}" is damaged (part "{part}" cannot be read). Open it in Excel, save it again as .xlsx, '
                           "and upload the new file.",
    "ingest.xlsb": '"{file}" is an Excel binary workbook (.xlsb): open it in Excel and save as .xlsx or CSV, then upload '
                   "again.",
    "ingest.ods": '"{file}" is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV, then upload again.',
    "ingest.zip_archive": '"{file}" is a ZIP archive, not a spreadsheet: unpack it and upload the CSV or .xlsx file '
                          "inside.",
    "ingest.not_spreadsheet": '"{file}" is {what}, not a spreadsheet. Upload the CSV or Excel (.xlsx) file with the data.',
    "ingest.binary": '"{file}" is not a text or Excel file (it contains binary data). Upload the CSV or Excel (.xlsx) '
                     "file with the data.",
    "ingest.note.macros": '"{file}" contains macros; they were ignored (only the cell values are read).',
    "ingest.note.csv_named_excel": '"{file}" is a text (CSV) file with an Excel name; it was read as CSV.',
    "ingest.bad_bom": '"{file}" starts like {encoding} text but has bytes that are not {encoding}. Save it again as CSV '
                      "UTF-8 and upload the new file.",
    "ingest.csv_unreadable": '"{file}" cannot be read as CSV ({detail}). Check that it is a CSV file with one header row, '
                             "or save it again from Excel as CSV UTF-8.",
    "ingest.no_data_rows": '"{file}" has a header row but no data rows. Export the data again including the rows and '
                           "upload it.",
    "ingest.note.cedilla": "Romanian letters ş/ţ written with a cedilla were changed to ș/ț (comma below).",
    "ingest.note.nul_one": "{n} invisible NUL character was removed from the cells (the first in row {row}); check the "
                           "export if the values look wrong.",
    "ingest.note.nul_many": "{n} invisible NUL characters were removed from the cells (the first in row {row}); check the "
                            "export if the values look wrong.",
    "ingest.note.careful_parser": "The file was read with the slower careful parser because its rows could not all be "
                                  "matched up.",
    # ingest: Excel workbooks
    "ingest.xlsx_damaged": '"{file}": this Excel file is damaged or incomplete: open it in Excel and save it again, then '
                           "upload it again.",
    "ingest.xlsx_damaged_detail": '"{file}": this Excel file is damaged or incomplete ({detail}): open it in Excel and '
                                  "save it again, then upload it again.",
    "ingest.damaged.not_workbook": "it is a zip archive but not an Excel workbook",
    "ingest.damaged.no_workbook_part": "the workbook part is missing",
    "ingest.damaged.no_sheets": "it has no sheets",
    "ingest.xls_or_encrypted": '"{file}": this is a legacy .xls or a password-protected Excel file; open it in Excel, '
                               "remove any password, save it as .xlsx (Excel Workbook), and upload it again.",
    "ingest.xlsx_too_big": '"{file}": this workbook would unpack to {mb} MB, more than the {limit} MB this app reads; '
                           "split the data into smaller files or export it as CSV.",
    "ingest.zip_bomb": '"{file}": part {part} is compressed {ratio} to 1, which only a zip bomb does; this file was '
                       "refused. Export the data again from the original program.",
    "ingest.xlsx_over_limit": '"{file}": this workbook unpacks to more than {limit} MB; split the data into smaller files '
                              "or export it as CSV.",
    "ingest.xlsx_encrypted": '"{file}": this Excel file is password-protected; open it in Excel, remove the password '
                             "(File > Info > Protect Workbook), save, and upload it again.",
    "ingest.sheet": '"{sheet}"',
    "ingest.sheet_hidden": '"{sheet}" (hidden)',
    "ingest.no_such_sheet": '"{file}": there is no sheet "{sheet}"; the sheets are {sheets}. Choose one of these.',
    "ingest.chart_sheet": '"{file}": sheet "{sheet}" is a chart, not a table; choose one of {sheets}.',
    "ingest.sheet_empty": '"{file}": sheet "{sheet}" is empty; choose another sheet ({sheets}).',
    "ingest.only_hidden_data": '"{file}": no visible sheet holds any data (sheets: {sheets}); hidden sheets with data: '
                               "{hidden} — unhide one in Excel or choose it by name.",
    "ingest.no_sheet_data": '"{file}": no visible sheet holds any data (sheets: {sheets}); fill in a sheet and save again.',
    "ingest.sheet_too_large": '"{file}": sheet "{sheet}" has values as far as row {row} and column {column} ({rows} rows '
                              "x {columns} columns), too large to read safely. In Excel press Ctrl+End to find the "
                              "stray cells far from your table, delete those rows/columns (or copy the table to a new "
                              "sheet), save, and upload again.",
    "ingest.sheet_no_data_rows": '"{file}" (sheet "{sheet}") has a header row but no data rows. Export the data again '
                                 "including the rows and upload it.",
    "ingest.note.hidden_skipped": "Hidden sheet(s) skipped: {sheets}.",
    "ingest.note.title_rows": "Rows above the header (row {row}) were skipped as titles.",
    "ingest.note.blank_rows": '{n} row(s) of sheet "{sheet}" hold only blank cells (spaces, or error values such as '
                              "#N/A); they were skipped.",
    "ingest.note.rows_mismatch": "The sheet has {records} non-empty rows below the header but {loaded} were read.",
    # ingest: import_file
    "ingest.no_file": 'The file "{file}" does not exist. Check the name and folder.',
    "ingest.is_folder": '"{file}" is a folder, not a file. Give the path of the CSV or Excel file.',
    "ingest.unreadable_file": 'The file "{file}" cannot be read ({detail}). Check that it is not open elsewhere and that '
                              "you may read it.",
    "ingest.no_excel_reader": "Excel files cannot be read by this installation; save the sheet as CSV UTF-8 and upload "
                              "that.",
    "ingest.bad_option": '{option} must be one of {choices}, not "{value}".',
    "ingest.value_count": '"{value}" ({n})',
    "ingest.no_lifecycle_events": 'The column "{column}" has no "{lifecycle}" events (it has {found}). Choose which '
                                  "lifecycle events to import: complete, start or all.",
    "ingest.rows_rejected": "{rejected} of {read} rows were not loaded; see the rejected rows for the reasons.",
    "ingest.note.csv_no_sheets": '"{file}" is a CSV file, which has no sheets; the sheet "{sheet}" was ignored.',
    "ingest.note.duplicate": 'This file was already imported (import {id}, "{file}", {when}); nothing was loaded. '
                             "Choose replace to load it again in place of the earlier import.",
    "ingest.note.unknown_stages": '{n} rows have stage values that are not in the stage model "{model}": {values}. They '
                                  "are kept; add them to the model to use them.",
    "ingest.note.no_model": "No stage model is chosen yet: pick one (or list your stages) to see the journey.",
    "ingest.note.replaced": "The earlier import of this file (import {id}) was replaced.",
    "ingest.note.lifecycle": 'Event log: {n} events whose "{column}" is {others} were left out, so that each activity '
                             'counts once, when it was "{lifecycle}"; {kept} events kept. (Choose "all" lifecycle '
                             "events to keep them all.)",
    "ingest.note.ties_stage": "Events with the same time: {customers} customers have events at the same time whose rows "
                              "are not in stage order ({moves} steps back in file order). Events with the same time "
                              "are ordered by stage, so these are not counted as backward moves. (Choose file order "
                              "to count them.)",
    "ingest.note.ties_file": "Events with the same time: {customers} customers have events at the same time whose rows "
                             "are not in stage order; in file order they count as {moves} backward moves. (Choose "
                             "stage order if the rows of one time are in no particular order.)",
    "ingest.note.values_chosen_once_vary": 'Values ("{column}"): taken once per customer, as you chose (they vary '
                                           "between the events of {varying} of {n} customers).",
    "ingest.note.values_chosen_once_same": 'Values ("{column}"): taken once per customer, as you chose (they do not '
                                           "vary between the events of {varying} of {n} customers).",
    "ingest.note.values_chosen_sum_vary": 'Values ("{column}"): summed over each customer\'s events, as you chose (they '
                                          "vary between the events of {varying} of {n} customers).",
    "ingest.note.values_chosen_sum_same": 'Values ("{column}"): summed over each customer\'s events, as you chose (they '
                                          "do not vary between the events of {varying} of {n} customers).",
    "ingest.note.values_once": 'Values ("{column}"): the same on every row of each of the {n} customers that have one, '
                               "so they are read as the customer's value and taken once (not added up over the rows). "
                               "If they are amounts per event, choose to sum them.",
    "ingest.note.values_sum": 'Values ("{column}"): they differ between the events of {varying} of {n} customers, so '
                              "they are read as amounts per event and summed per customer. If they are one value per "
                              "customer, choose to take them once.",
    "ingest.note.after_import_failed": "The import was saved; only the journey order and stage summary written after it "
                                       "failed, and are brought up to date when the workspace is next used: {error}",
    # ingest: columns and values
    "mapping.no_column": 'There is no column "{header}". The columns are: {columns}.',
    "mapping.no_column_in_file": 'There is no column "{header}" in "{file}". The columns are: {columns}.',
    "mapping.not_a_field": '"{field}" is not a field. Map "{header}" to one of: {fields} (or leave it out).',
    "mapping.twice": 'Both "{first}" and "{second}" are mapped to {field}. Map only one of them.',
    "mapping.missing_one": "No column for {field}. The columns are: {columns}. Choose the column that holds {field} in "
                           "the mapping table.",
    "mapping.missing_one_in_file": 'No column for {field} in "{file}". The columns are: {columns}. Choose the column '
                                   "that holds {field} in the mapping table.",
    "mapping.missing_two": "No column for {first} and {second}. The columns are: {columns}. Choose the column that "
                           "holds {first} and the one that holds {second} in the mapping table.",
    "mapping.missing_two_in_file": 'No column for {first} and {second} in "{file}". The columns are: {columns}. Choose '
                                   "the column that holds {first} and the one that holds {second} in the mapping table.",
    "ingest.dates_ambiguous": 'The dates in column "{column}" read both day-first and month-first (e.g. {examples}). '
                              "Choose the order: day/month/year or month/day/year.",
    "ingest.note.unknown_words": 'Emotion words not known in column "{column}": {words}. The rows are kept with the word '
                                 "as text; give each word a score in Settings.",
    "ingest.note.emotion_from": 'Emotion taken from "{column}" (scale {scale} -> -2..+2); map an emotion column to use '
                                "that instead.",
    "ingest.bad_emotion_score": "An emotion score is a whole number from −2 to +2; check: {words}.",
    # store: backups
    "store.backup.too_large": "No backup was kept before this {reason}: the workspace ({mb} MB) is larger than "
                              "CJM_BACKUP_MAX_MB ({limit} MB).",
    "store.backup.no_room": "No backup was kept before this {reason}: the disk has no room for a copy of the workspace "
                            "({mb} MB).",
    "store.backup.failed": "No backup was kept before this {reason}: {detail}.",
    "store.backup.bad_copy": "No backup was kept before this {reason}: the copy did not read back whole (the workspace "
                             "is damaged or changed during the copy).",
    "store.no_backups": 'There is no backup "{id}" of the workspace "{workspace}" (backups: none; list them with python '
                        "-m cjm backups).",
    "store.no_such_backup": 'There is no backup "{id}" of the workspace "{workspace}" (backups: {ids}; list them with '
                            "python -m cjm backups).",
    # store: the workspace file
    "store.io": "The workspace cannot be opened or written: {detail}",
    "store.newer_schema": "This workspace was written by a newer CJM Dashboard (schema {schema}); update CJM Dashboard "
                          "to open it.",
    "store.saved_before": "The change was saved before this happened.",
    "store.nothing_changed": "Nothing was changed.",
    "store.disk_full": 'The disk that holds the workspace "{path}" is full. {saved} Free some space on it and try again.',
    "store.invalidated": 'The workspace "{path}" stopped after an earlier disk error (e.g. a full disk). Everything saved '
                         "before it is kept; fix the cause and try again (the workspace is opened again).",
    "store.busy": 'The workspace "{path}" is open in another CJM Dashboard. Close that window or command, or choose '
                  "another workspace (--workspace or CJM_WORKSPACE).",
    "store.read_only": 'The workspace "{path}" or its folder cannot be written (read-only or no permission: {detail}). '
                       "{saved} Allow writing to the file and its folder, or copy the workspace to a folder you may "
                       "write to.",
    "store.io_fault": 'The workspace "{path}" cannot be read or written ({detail}). {saved} Check the disk and try again.',
    "store.damaged": 'The workspace "{path}" is damaged ({detail}). {offer}',
    "store.damaged_no_backup": "No backup of it is kept; choose another workspace or import your files into a new one.",
    "store.damaged_backup": "The latest good backup is {id} ({when}, before {reason}): restore it with: python -m cjm "
                            "--workspace {path} backups --restore {id} (or the Restore button on the Settings page).",
    "store.not_workspace": 'The workspace "{path}" is not a CJM Dashboard workspace or is damaged ({detail}). Choose '
                           "another file.",
    "store.not_prepared": 'The workspace "{path}" could not be prepared ({detail}).',
    # store: notes the team writes
    "store.stale_note": "Someone saved this note while you were editing it; your text was not saved, theirs is kept. "
                        "Keep yours over theirs, keep theirs, or merge the two and save again.",
    "store.bad_lane": '"{lane}" is not a lane of the journey map; lanes are: {lanes}.',
    "store.bad_status": "Status must be one of: {statuses}.",
    "store.scenario_no_name": "Give the scenario a name before saving it.",
    "store.bad_assumed_kind": '"{kind}" is not a kind of assumed curve; kinds are: {kinds}.',
    "store.assumed_out_of_range": "The assumed emotion must be between −2 and +2; {value} is outside.",
    "store.moment_no_touchpoint": "Name the touchpoint to mark as a moment that matters.",
    "store.persona_no_name": "Give the persona a name before saving it.",
    "store.bad_role": '"{role}" is not a buying-team role; roles are: {roles}.',
    # core: stage models
    "core.two_stages": "A stage model needs at least two stages.",
    "core.two_stages_example": 'A stage model needs at least two stages, in journey order (e.g. "awareness,purchase").',
    "core.too_many_stages": "A stage model can have at most {max} stages; this one has {n}. Merge stages that are steps "
                            "of one phase (e.g. several research steps into Research).",
    "core.stage_name": '"{label}"',
    "core.stage_name_was": '"{label}" (first called "{key}")',
    "core.same_stage_name": "Two stages have the same name: {first} and {second}. Give each stage a different name.",
    "core.same_outcome_name": 'Two outcomes have the same name: "{first}" and "{second}". Give each outcome a different '
                              "name.",
    "core.not_enough_to_infer": "There is not enough data to propose stages (it needs events with at least two "
                                "different stage values): import a file first, or give the stages yourself.",
    "core.too_many_values": "The data has {n} different stage values; a stage model can have at most {max}. Give the "
                            "stages yourself (the stage values that matter, in journey order); the other values are "
                            "kept and reported as not in the model.",
    "core.keep_two": "Keep at least two stage values as stages, in journey order.",
    "core.too_many_kept": "{n} stage values are kept; a stage model can have at most {max}. Drop the values that are "
                          "not stages of the journey (they are kept in the data).",
    "core.outcome_of_dropped": '"{value}" is an outcome of "{target}", which is not a kept stage. The stages are: '
                               "{stages}.",
    "core.won_not_kept": 'The won stage "{won}" is not a kept stage. The stages are: {stages}.',
    "core.won_not_in_model": 'The won stage "{won}" is not a stage of the model. The stages are: {stages}.',
    "core.unknown_stage": 'Unknown stage "{stage}". The stages are: {stages}.',
    "core.unknown_model": 'Unknown stage model "{name}". Choose one of: {presets}, or give your own stages with --stages '
                          '"a,b,c".',
    "core.stage_twice": 'The stage "{stage}" appears twice in the stage list (as "{first}"). Give each stage once.',
    # analyses
    "analyses.flows_by": 'Flows can be shown by "stage" or "touchpoint", not "{value}".',
    "analyses.flows_top": "The number of touchpoints to show must be a whole number of at least 1, not {value}.",
    "analyses.emotion_by": 'Cannot break the emotion down by "{by}"; choose one of: {fields}.',
    "analyses.stage_filter_needs_model": "A stage filter needs a stage model; choose one in Settings or with "
                                         "--stage-model.",
    "analyses.funnel_mode": 'Unknown funnel mode "{mode}"; choose "furthest" or "visited".',
    "analyses.funnel_window": "The conversion window must be a whole number of days (0 or more), not {value}.",
    "analyses.funnel_window_mode": 'The conversion window works with the "furthest" funnel mode; switch the mode or '
                                   "remove the window.",
    "analyses.funnel_by": 'Cannot break the funnel down by "{by}"; choose one of: {fields}.',
    "analyses.period_two_dates": "Period {name} must be two dates (first day, last day).",
    "analyses.period_not_dates": "Period {name} must be two dates (first day, last day), not {value}.",
    "analyses.period_reversed": "Period {name} ends ({end}) before it starts ({start}); swap the dates.",
    "analyses.as_of": "The reference date must be a date, not {value}.",
    "analyses.idle_days": "The number of idle days must be a number of 0 or more, not {value}.",
    "pain.formula_text": "impact = negativity × (customers + dropped) × value weight\n"
                         "  negativity   = − mean emotion of the touchpoint at that stage, when below 0 (scale −2..+2); "
                         "else 0\n"
                         "  customers    = customers who had the touchpoint at that stage\n"
                         "  dropped      = those of them who went no further than that stage (a final stage loses no "
                         "one)\n"
                         "  value weight = mean value of those customers ÷ mean value of all customers (1 without "
                         "values)\n"
                         "A customer without a value counts with the mean value of their segment (or of everyone).\n"
                         "Touchpoints whose mean emotion is not negative have impact 0 and are not listed.",
    # what-if
    "whatif.last_stage": '"{stage}" is the last stage; it has no conversion to change. Choose one of: {stages}.',
    "whatif.why_last_stage": "it is the last stage",
    "whatif.why_no_scores": "no emotion scores there",
    "whatif.fix_unavailable": "Fixing a pain point at {where} is not available: {why}.",
    "whatif.bad_horizon": "The horizon is a whole number of months from 1 to 120, not {value}.",
    "whatif.bad_unit": 'A conversion change is in "pp" (percentage points) or "%" (relative), not "{unit}".',
    "whatif.target_off_scale": "An emotion target is on the −2..+2 scale; {target} is outside it.",
    "whatif.not_a_number": "The {what} must be a number, not {value}.",
    "whatif.what.conversion_change": "conversion change",
    "whatif.what.emotion_target": "emotion target",
    "whatif.what.inflow_change": "inflow change",
    "whatif.what.value_change": "value change",
    "whatif.what.referral_rate": "referral rate",
    "whatif.below_minus_100": "A change below −100% would make inflow or value negative; use −100% at most.",
    "whatif.negative_referral_rate": "The referral rate (new prospects per won customer) cannot be negative.",
    "whatif.bad_saved_scenario": 'The saved scenario "{name}" cannot be read ({detail}); delete it and save it again.',
    "whatif.no_events": 'No events at the stages of the model "{model}" under the current filters. Widen the filters, '
                        "or check the stage model in Settings.",
    "whatif.no_dates": "The what-if model needs dates to work out customers per month, and none of the selected events "
                       "has one. Map a date column (timestamp) when importing.",
    "whatif.lever.inflow": "Inflow {pct}%",
    "whatif.lever.conversion_pp": "Conversion {stage} → {next} {amount} pp",
    "whatif.lever.conversion_pct": "Conversion {stage} → {next} {amount} %",
    "whatif.lever.fix": "Emotion at {where} → {target}",
    "whatif.lever.value": "Value per customer {pct}%",
    "whatif.lever.referral": "Referral rate {rate}",
    "whatif.note.no_referrals": "No referral source in the data and no referral rate set: the referral loop is off.",
    "whatif.why.no_scores": "no emotion scores at this stage",
    "whatif.why.few_customers": "only {n} customers with an emotion score (at least {min} needed)",
    "whatif.why.few_each": "{k} of {n} customers went on to the next stage; at least {min} who did and {min} who did "
                           "not are needed",
    "whatif.why.same_score": "every customer has the same emotion score, so its effect cannot be seen",
    "whatif.why.separation": "the emotion score separates those who went on from those who did not almost perfectly, "
                             "so no stable estimate exists",
    "whatif.elasticity.none": "{where}: no estimate — {reason}.",
    "whatif.elasticity.clear": "{where}: each emotion point more ≈ {slope} pp conversion (95% CI {low} to {high}; n = "
                               "{n}, mean emotion {mean}).",
    "whatif.elasticity.unclear": "{where}: each emotion point more ≈ {slope} pp conversion (95% CI {low} to {high}; "
                                 "n = {n}, mean emotion {mean}); the interval includes zero, so the data does not show "
                                 "a clear effect.",
    "whatif.source.referred": "{n} referred customers in the data / {won} won",
    "whatif.source.advocates": "{n} advocates in the data / {won} won, assuming {per} referral per advocate",
    "whatif.source.none": "no referral source in the data",
    "whatif.source.no_won": "{source} (no won customers)",
    "whatif.assume.inflow": "{customers} customers entered {stage} over {months} month(s): {per_month} per month.",
    "whatif.assume.inflow_period": "{customers} customers entered {stage} over {months} month(s) ({start} to {end}): "
                                   "{per_month} per month.",
    "whatif.assume.conversion": "{stage} → {next}: {pct} of {n} customers went on.",
    "whatif.assume.won": '"Won" = reached {stage}: {per_month} per month.',
    "whatif.assume.won_assumed": '"Won" = reached {stage}: {per_month} per month. The stage model names no won stage, '
                                 "so the second stage is assumed: choose the won stage in Settings.",
    "whatif.assume.no_values": "No deal values in the data: revenue is not projected.",
    "whatif.assume.value_once": "Value per won customer: {value} (mean over {n} won customers with a value; each "
                                "customer's value taken once (the same on each of their rows)).",
    "whatif.assume.value_summed": "Value per won customer: {value} (mean over {n} won customers with a value; each "
                                  "customer's amounts summed over their events).",
    "whatif.assume.no_referrals": "No referral source in the data: the referral loop is off until you set a referral "
                                  "rate.",
    "whatif.assume.referrals": "Referral rate: {rate} new prospects per won customer ({source}); referrals made in one "
                               "month enter {stage} the next month.",
    "whatif.assume.steady": "Customers flow through the funnel in the month they enter (a steady pipeline); the band is "
                            "the 5th–95th percentile over {n} bootstrap draws over customers.",
    # command line
    "cli.map_needs_pair": '--map needs HEADER=FIELD (e.g. --map "Kod=customer_id"), not "{item}".',
    "cli.map_hint": '{error} Here: --map "Header=field" (e.g. --map "Kod=customer_id").',
    "cli.dates_hint": "{error} Here: --dayfirst or --monthfirst.",
    "cli.option_needs": '{option} needs {example}, not "{item}".',
    "cli.not_a_stage_value": '{option}: "{name}" is not a stage value of the data. The values are: {values}.',
    "cli.apply_needs_infer": "--apply goes with --infer (python -m cjm stages --infer --apply).",
    "cli.keep_needs_infer": "--keep and --outcome go with --infer (python -m cjm stages --infer --keep A,B,C).",
    "cli.model_first_edit": 'Choose a stage model first (--set NAME or --set "a,b,c"), then edit it.',
    "cli.model_first_won": 'Choose a stage model first (--set NAME or --set "a,b,c"), then its won stage.',
    "cli.command_missing": 'The "{command}" command is not available in this installation ({module} is missing).',
    "cli.not_a_date": '{option} "{text}" is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31.',
    "cli.interrupted": "interrupted",
    "cli.import_done": "{file}: {read} rows read, {loaded} loaded, {rejected} rejected (import {id})",
    "cli.import_done_skipped": "{file}: {read} rows read, {loaded} loaded, {rejected} rejected, {skipped} left out "
                               "(import {id})",
    "cli.mapping": "mapping: {pairs}",
    "cli.ignored": "ignored columns: {columns}",
    "cli.and_more": "... and {n} more",
    "cli.infer_intro": "stage values of the data (typical position: median rank of first appearance; last: share of its "
                       "customers whose journey ends there):",
    "cli.col.value": "value",
    "cli.col.events": "events",
    "cli.col.customers": "customers",
    "cli.col.position": "position",
    "cli.col.last": "last",
    "cli.col.suggested": "suggested",
    "cli.col.id": "id",
    "cli.col.time": "time",
    "cli.col.size": "size",
    "cli.col.reason": "reason",
    "cli.word.final": "final",
    "cli.word.won": "won",
    "cli.word.dropped": "dropped",
    "cli.stages": "stages:",
    "cli.outcome_positive": "outcome {outcome} at {stage} (positive)",
    "cli.outcome_negative": "outcome {outcome} at {stage} (negative)",
    "cli.infer_apply": "to use them: add --apply (choose with --keep A,B,C, --final X, --outcome VALUE=STAGE, --rename "
                       "VALUE=NEW, --won-stage S)",
    "cli.model_set": "stage model set: {name}",
    "cli.won_set": "won stage set: {stage}",
    "cli.no_model": 'no stage model chosen; presets: {presets} (set one with --set NAME or --set "a,b,c")',
    "cli.model": "stage model: {name}",
    "cli.model_none": "stage model: (none)",
    "cli.events": "{n} events",
    "cli.not_in_model": "stage values not in the model:",
    "cli.info_workspace": "workspace: {path}",
    "cli.info_events": "events: {n} ({customers} customers)",
    "cli.info_imports": "imports: {n}",
    "cli.info_import": "{file}: {read} read, {loaded} loaded, {rejected} rejected ({when})",
    "cli.restored": "restored backup {id} ({when}, before {reason}) into {path}",
    "cli.restore_kept": "the state before the restore is kept as backup {id}",
    "cli.no_backups": "no backups of {path} yet (they are kept in {folder} before each import, replace and stage-model "
                      "change)",
    "cli.backups": "backups of {path} (newest first):",
    "cli.restore_how": "restore one with: python -m cjm backups --restore ID",
    # the report workbook (write_xlsx with lang=)
    "report.cannot_write": 'Cannot write the workbook "{path}": {detail}. Choose another file name or folder, and '
                           "close the file if Excel has it open.",
    "report.sheet.about": "About",
    "report.sheet.funnel": "Funnel",
    "report.sheet.transitions": "Transitions",
    "report.sheet.channels": "Channels",
    "report.sheet.channel_gaps": "Channel gaps",
    "report.sheet.touchpoints": "Touchpoints",
    "report.sheet.emotion_curve": "Emotion curve",
    "report.sheet.emotion_touchpoints": "Emotion by touchpoint",
    "report.sheet.nps": "NPS",
    "report.sheet.nps_by_stage": "NPS by stage",
    "report.sheet.nps_by_segment": "NPS by segment",
    "report.sheet.pain_points": "Pain points",
    "report.sheet.stuck": "Stuck",
    "report.sheet.stuck_customers": "Stuck customers",
    "report.sheet.backwards": "Backward moves",
    "report.sheet.backwards_moves": "Backward moves, each",
    "report.col.item": "Item",
    "report.col.value": "Value",
    "report.col.stage_idx": "Stage no.",
    "report.col.stage": "Stage key",
    "report.col.label": "Stage",
    "report.col.customers": "Customers",
    "report.col.conversion": "Conversion from previous stage",
    "report.col.conversion_from_first": "Conversion from first stage",
    "report.col.dropped": "Dropped off",
    "report.col.source": "From stage key",
    "report.col.target": "To stage key",
    "report.col.count": "Count",
    "report.col.median_days": "Median days",
    "report.col.source_label": "From stage",
    "report.col.target_label": "To stage",
    "report.col.channel": "Channel",
    "report.col.medium": "Medium",
    "report.col.events": "Events",
    "report.col.mean_emotion": "Mean emotion",
    "report.col.n_emotion": "Emotion scores",
    "report.col.kind": "Kind",
    "report.col.touches_per_customer": "Touches per customer",
    "report.col.median_touches_per_customer": "Median touches per customer",
    "report.col.stages_with_channel": "Stages with the channel",
    "report.col.channel_events": "Events of the channel",
    "report.col.touchpoint": "Touchpoint",
    "report.col.progressed_with": "Went on, with the touchpoint",
    "report.col.n_with": "Customers with it",
    "report.col.progressed_without": "Went on, without the touchpoint",
    "report.col.n_without": "Customers without it",
    "report.col.lift": "Lift",
    "report.col.mean": "Mean emotion",
    "report.col.n": "Count (n)",
    "report.col.sd": "Standard deviation",
    "report.col.ci_low": "95% interval, low",
    "report.col.ci_high": "95% interval, high",
    "report.col.order": "Order",
    "report.col.position": "Position",
    "report.col.promoters": "Promoters",
    "report.col.passives": "Passives",
    "report.col.detractors": "Detractors",
    "report.col.nps": "NPS",
    "report.col.group": "Group",
    "report.col.rank": "Rank",
    "report.col.drop_rate": "Drop-off rate",
    "report.col.value_at_stake": "Value at stake",
    "report.col.negativity": "Negativity",
    "report.col.value_weight": "Value weight",
    "report.col.impact": "Impact score",
    "report.col.stuck": "Stuck customers",
    "report.col.threshold_days": "Idle threshold (days)",
    "report.col.customer_id": "Customer ID",
    "report.col.last_seen": "Last seen",
    "report.col.days_idle": "Days idle",
    "report.col.moves": "Backward moves",
    "report.col.from_stage": "From stage key",
    "report.col.to_stage": "To stage key",
    "report.col.from_label": "From stage",
    "report.col.to_label": "To stage",
    "report.col.ts": "Time",
    "report.col.from_idx": "From stage no.",
    "report.col.to_idx": "To stage no.",
    "report.about.model": "Stage model",
    "report.about.stages": "Stages",
    "report.about.filters": "Filters",
    "report.about.formula": "Pain point formula",
    "report.about.none": "none",
    "report.filter.from": "from",
    "report.filter.to": "to",
    "report.filter.segment": "segment",
    "report.filter.persona": "persona",
    "report.filter.role": "role",
    "report.filter.channel": "channel",
    "report.filter.stages": "stages",
    # keys ready for files still raising English text (cjm/cli/report.py, cjm/cli/what_if.py, cjm/analyses/personas.py)
    "analyses.persona_field": 'A persona card stands for a value of {fields}, not "{field}".',
    "cli.report_no_model": 'This workspace has no stage model yet. Import a file with --stage-model NAME, or set one with: '
                           'python -m cjm stages --set five-stage (or --set "a,b,c").',
    "cli.report_no_events": "This workspace has no events yet. Import a file first: python -m cjm import FILE (or load the "
                            "samples: python -m cjm sample).",
    "cli.whatif_conversion": '--conversion "{text}": write STAGE=+5pp (percentage points) or STAGE=+10% (relative), e.g. '
                             "--conversion pre-purchase=+5pp.",
    "cli.whatif_percent": '{option} "{text}": write a percentage such as +10% or -5%.',
    "cli.whatif_fix": '--fix "{text}": write STAGE=TARGET or STAGE:TOUCHPOINT=TARGET with TARGET on the -2..+2 emotion '
                      "scale, e.g. --fix client-experience=0.5.",
    "cli.whatif_no_scenario": 'No saved scenario "{name}" (saved: {names}).',
    "cli.whatif_horizon": '--horizon "{text}": write a whole number of months, e.g. 12.',
    "cli.whatif_referral_rate": '--referral-rate "{text}": write a number such as 0.1 (new prospects per won customer).',
    # rejected rows: the stored English reason read back (cjm.ingest.reasons)
    "ingest.reason.empty_customer_id": 'Row {row}: the customer ID is empty (column "{column}")',
    "ingest.reason.empty_stage": 'Row {row}: the stage is empty (column "{column}")',
    "ingest.reason.not_date": 'Row {row}: "{value}" is not a date (column "{column}")',
    "ingest.reason.not_number": 'Row {row}: "{value}" is not a number (column "{column}")',
    "ingest.reason.not_nps": 'Row {row}: "{value}" is not an NPS score (a whole number from 0 to 10) (column "{column}")',
    "ingest.reason.off_scale": 'Row {row}: "{value}" is off the emotion scale (this column uses the {scale} scale) '
                               '(column "{column}")',
    "ingest.reason.fields": "Row {row}: has {got} fields, the header has {n} (check the delimiters and quotes in this "
                            "row)",
    "ingest.reason.unreadable": "Row {row}: cannot be read ({detail}); check its quotes",
    # why a backup was kept (cjm.store.backups.reason_message)
    "store.reason.import": 'import of "{file}"',
    "store.reason.replace": 'replace of "{file}"',
    "store.reason.stage_model": "stage model change",
    "store.reason.restore": "restore",
}

TR: dict[str, str] = {
    "msg.quoted": "“{text}”",
    "ingest.kind.pdf": "bir PDF belgesi",
    "ingest.kind.png": "bir PNG resmi",
    "ingest.kind.jpeg": "bir JPEG resmi",
    "ingest.kind.gif": "bir GIF resmi",
    "ingest.kind.gzip": "bir gzip arşivi",
    "ingest.kind.rar": "bir RAR arşivi",
    "ingest.kind.7z": "bir 7-Zip arşivi",
    "ingest.file_empty": "“{file}” dosyası boş. Verileri bir başlık satırı ve en az bir veri satırıyla yeniden dışa "
                         "aktarın ve dosyayı yükleyin.",
    "ingest.encrypted_excel": "“{file}” şifreli (parola korumalı) bir Excel dosyası: dosyayı Excel ile açın, "
                              "parolayı kaldırın (Dosya > Bilgi > Çalışma Kitabını Koru), kaydedin ve yeniden "
                              "yükleyin.",
    "ingest.old_xls": "“{file}” eski bir Excel 97-2003 dosyası (.xls): dosyayı Excel ile açıp .xlsx ya da CSV "
                      "olarak kaydedin, sonra yeniden yükleyin.",
    "ingest.zip_truncated": "“{file}” eksik ya da bozuk (dosya erken bitiyor — indirme ya da kopyalama yarıda "
                            "kesilmiş olabilir). Dosyayı yeniden indirin ya da dışa aktarın ve yeni dosyayı "
                            "yükleyin.",
    "ingest.zip_bad_part": "“{file}” bozuk (“{part}” bölümü okunamıyor). Dosyayı Excel ile açın, .xlsx olarak "
                           "yeniden kaydedin ve yeni dosyayı yükleyin.",
    "ingest.xlsb": "“{file}” bir Excel ikili çalışma kitabı (.xlsb): dosyayı Excel ile açıp .xlsx ya da CSV olarak "
                   "kaydedin, sonra yeniden yükleyin.",
    "ingest.ods": "“{file}” bir OpenDocument hesap tablosu (.ods): dosyayı .xlsx ya da CSV olarak kaydedin, sonra "
                  "yeniden yükleyin.",
    "ingest.zip_archive": "“{file}” bir hesap tablosu değil, ZIP arşivi: arşivi açın ve içindeki CSV ya da .xlsx "
                          "dosyasını yükleyin.",
    "ingest.not_spreadsheet": "“{file}” bir hesap tablosu değil; dosyanın türü: {what}. Verileri içeren CSV ya da "
                              "Excel (.xlsx) dosyasını yükleyin.",
    "ingest.binary": "“{file}” bir metin ya da Excel dosyası değil (ikili veri içeriyor). Verileri içeren CSV ya da "
                     "Excel (.xlsx) dosyasını yükleyin.",
    "ingest.note.macros": "“{file}” makro içeriyor; makrolar yok sayıldı (yalnızca hücre değerleri okunur).",
    "ingest.note.csv_named_excel": "“{file}” Excel adı taşıyan bir metin (CSV) dosyası; dosya CSV olarak okundu.",
    "ingest.bad_bom": "“{file}” {encoding} metni gibi başlıyor ama {encoding} olmayan baytlar içeriyor. Dosyayı CSV "
                      "UTF-8 olarak yeniden kaydedin ve yeni dosyayı yükleyin.",
    "ingest.csv_unreadable": "“{file}” CSV olarak okunamıyor ({detail}). Tek başlık satırı olan bir CSV dosyası "
                             "olduğunu denetleyin ya da dosyayı Excel ile CSV UTF-8 olarak yeniden kaydedin.",
    "ingest.no_data_rows": "“{file}” dosyasında başlık satırı var ama veri satırı yok. Verileri satırlarıyla "
                           "birlikte yeniden dışa aktarın ve dosyayı yükleyin.",
    "ingest.note.cedilla": "Çengelli (sedilla) yazılmış Rumence s ve t harfleri, altı virgüllü doğru biçimlerine "
                           "çevrildi.",
    "ingest.note.nul_one": "Hücrelerden {n} görünmez NUL karakteri silindi (ilki {row}. satırda); değerler yanlış "
                           "görünüyorsa dışa aktarımı denetleyin.",
    "ingest.note.nul_many": "Hücrelerden {n} görünmez NUL karakteri silindi (ilki {row}. satırda); değerler yanlış "
                            "görünüyorsa dışa aktarımı denetleyin.",
    "ingest.note.careful_parser": "Satırların tümü eşleştirilemediği için dosya daha yavaş ve dikkatli okuyucuyla "
                                  "okundu.",
    "ingest.xlsx_damaged": "“{file}”: bu Excel dosyası bozuk ya da eksik: dosyayı Excel ile açıp yeniden kaydedin, "
                           "sonra yeniden yükleyin.",
    "ingest.xlsx_damaged_detail": "“{file}”: bu Excel dosyası bozuk ya da eksik ({detail}): dosyayı Excel ile açıp "
                                  "yeniden kaydedin, sonra yeniden yükleyin.",
    "ingest.damaged.not_workbook": "dosya bir zip arşivi ama Excel çalışma kitabı değil",
    "ingest.damaged.no_workbook_part": "çalışma kitabı bölümü eksik",
    "ingest.damaged.no_sheets": "dosyada hiç sayfa yok",
    "ingest.xls_or_encrypted": "“{file}”: bu eski bir .xls ya da parola korumalı bir Excel dosyası; dosyayı Excel "
                               "ile açın, parolayı kaldırın, .xlsx (Excel Çalışma Kitabı) olarak kaydedin ve "
                               "yeniden yükleyin.",
    "ingest.xlsx_too_big": "“{file}”: bu çalışma kitabı açıldığında {mb} MB tutar; bu uygulamanın okuduğu sınır "
                           "{limit} MB. Verileri daha küçük dosyalara bölün ya da CSV olarak dışa aktarın.",
    "ingest.zip_bomb": "“{file}”: {part} bölümünün sıkıştırma oranı {ratio}:1; bunu yalnızca bir zip bombası yapar, "
                       "bu yüzden dosya reddedildi. Verileri özgün programdan yeniden dışa aktarın.",
    "ingest.xlsx_over_limit": "“{file}”: bu çalışma kitabı açıldığında {limit} MB sınırını aşıyor; verileri daha "
                              "küçük dosyalara bölün ya da CSV olarak dışa aktarın.",
    "ingest.xlsx_encrypted": "“{file}”: bu Excel dosyası parola korumalı; dosyayı Excel ile açın, parolayı kaldırın "
                             "(Dosya > Bilgi > Çalışma Kitabını Koru), kaydedin ve yeniden yükleyin.",
    "ingest.sheet": "“{sheet}”",
    "ingest.sheet_hidden": "“{sheet}” (gizli)",
    "ingest.no_such_sheet": "“{file}”: “{sheet}” adlı bir sayfa yok; sayfalar şunlar: {sheets}. Bunlardan birini "
                            "seçin.",
    "ingest.chart_sheet": "“{file}”: “{sheet}” sayfası tablo değil, grafik; şunlardan birini seçin: {sheets}.",
    "ingest.sheet_empty": "“{file}”: “{sheet}” sayfası boş; başka bir sayfa seçin ({sheets}).",
    "ingest.only_hidden_data": "“{file}”: görünür sayfaların hiçbirinde veri yok (sayfalar: {sheets}); veri içeren "
                               "gizli sayfalar: {hidden} — birini Excel ile görünür yapın ya da adıyla seçin.",
    "ingest.no_sheet_data": "“{file}”: görünür sayfaların hiçbirinde veri yok (sayfalar: {sheets}); bir sayfayı "
                            "doldurup yeniden kaydedin.",
    "ingest.sheet_too_large": "“{file}”: “{sheet}” sayfasında değerler {row}. satıra ve {column} sütununa kadar "
                              "uzanıyor ({rows} satır x {columns} sütun); bu, güvenle okunamayacak kadar büyük. "
                              "Excel ile Ctrl+End tuşlarına basarak tablonuzdan uzaktaki başıboş hücreleri bulun, o "
                              "satırları ve sütunları silin (ya da tabloyu yeni bir sayfaya kopyalayın), kaydedin "
                              "ve yeniden yükleyin.",
    "ingest.sheet_no_data_rows": "“{file}” (“{sheet}” sayfası) dosyasında başlık satırı var ama veri satırı yok. "
                                 "Verileri satırlarıyla birlikte yeniden dışa aktarın ve dosyayı yükleyin.",
    "ingest.note.hidden_skipped": "Atlanan gizli sayfalar: {sheets}.",
    "ingest.note.title_rows": "Başlığın üstündeki satırlar (başlık {row}. satırda) başlık yazısı sayılarak atlandı.",
    "ingest.note.blank_rows": "“{sheet}” sayfasındaki {n} satırda yalnızca boş hücre var (boşluk ya da #N/A gibi "
                              "hata değerleri); bu satırlar atlandı.",
    "ingest.note.rows_mismatch": "Sayfada başlığın altında {records} dolu satır var ama {loaded} satır okundu.",
    "ingest.no_file": "“{file}” dosyası yok. Adı ve klasörü denetleyin.",
    "ingest.is_folder": "“{file}” bir dosya değil, klasör. CSV ya da Excel dosyasının yolunu verin.",
    "ingest.unreadable_file": "“{file}” dosyası okunamıyor ({detail}). Dosyanın başka bir yerde açık olmadığını ve "
                              "okuma izninizin olduğunu denetleyin.",
    "ingest.no_excel_reader": "Bu kurulum Excel dosyalarını okuyamıyor; sayfayı CSV UTF-8 olarak kaydedip o dosyayı "
                              "yükleyin.",
    "ingest.bad_option": "{option} şunlardan biri olmalı: {choices}; “{value}” geçerli değil.",
    "ingest.value_count": "“{value}” ({n})",
    "ingest.no_lifecycle_events": "“{column}” sütununda hiç “{lifecycle}” olayı yok (sütundakiler: {found}). Hangi "
                                  "yaşam döngüsü olaylarının içe aktarılacağını seçin: complete, start ya da all.",
    "ingest.rows_rejected": "{read} satırın {rejected} tanesi yüklenmedi; nedenleri reddedilen satırlarda "
                            "görebilirsiniz.",
    "ingest.note.csv_no_sheets": "“{file}” bir CSV dosyası ve bu tür dosyalarda sayfa yoktur; “{sheet}” sayfası yok "
                                 "sayıldı.",
    "ingest.note.duplicate": "Bu dosya daha önce içe aktarılmış (içe aktarma {id}, “{file}”, {when}); hiçbir şey "
                             "yüklenmedi. Önceki içe aktarımın yerine yeniden yüklemek için değiştir seçeneğini "
                             "seçin.",
    "ingest.note.unknown_stages": "{n} satırdaki aşama değerleri “{model}” aşama modelinde yok: {values}. Bu "
                                  "satırlar saklandı; kullanmak için değerleri modele ekleyin.",
    "ingest.note.no_model": "Henüz bir aşama modeli seçilmedi: müşteri yolculuğunu görmek için bir model seçin (ya "
                            "da aşamalarınızı sıralayın).",
    "ingest.note.replaced": "Bu dosyanın önceki içe aktarımı ({id} numaralı içe aktarma) değiştirildi.",
    "ingest.note.lifecycle": "Olay günlüğü: “{column}” değeri {others} olan {n} olay dışarıda bırakıldı; böylece "
                             "her etkinlik, “{lifecycle}” olduğu anda bir kez sayılır. Saklanan olay: {kept}. "
                             "(Hepsini saklamak için “all” yaşam döngüsü olaylarını seçin.)",
    "ingest.note.ties_stage": "Aynı zamandaki olaylar: {customers} müşterinin aynı zamanda olup satırları aşama "
                              "sırasında olmayan olayları var (dosya sırasında {moves} geri adım). Aynı zamandaki "
                              "olaylar aşamaya göre sıralanır, bu yüzden bunlar geri dönüş sayılmaz. (Saymak için "
                              "dosya sırasını seçin.)",
    "ingest.note.ties_file": "Aynı zamandaki olaylar: {customers} müşterinin aynı zamanda olup satırları aşama "
                             "sırasında olmayan olayları var; dosya sırasında bunlar {moves} geri dönüş sayılır. "
                             "(Aynı zamandaki satırlar belirli bir sırada değilse aşama sırasını seçin.)",
    "ingest.note.values_chosen_once_vary": "Değerler (“{column}”): seçiminiz gibi her müşteri için bir kez alındı "
                                           "({n} müşterinin {varying} tanesinde değerler olaydan olaya değişiyor).",
    "ingest.note.values_chosen_once_same": "Değerler (“{column}”): seçiminiz gibi her müşteri için bir kez alındı "
                                           "(değerler olaydan olaya değişmiyor; {n} müşteriden değişen: {varying}).",
    "ingest.note.values_chosen_sum_vary": "Değerler (“{column}”): seçiminiz gibi her müşterinin olayları üzerinden "
                                          "toplandı ({n} müşterinin {varying} tanesinde değerler olaydan olaya "
                                          "değişiyor).",
    "ingest.note.values_chosen_sum_same": "Değerler (“{column}”): seçiminiz gibi her müşterinin olayları üzerinden "
                                          "toplandı (değerler olaydan olaya değişmiyor; {n} müşteriden değişen: "
                                          "{varying}).",
    "ingest.note.values_once": "Değerler (“{column}”): değeri olan {n} müşterinin her birinde tüm satırlarda aynı; "
                               "bu yüzden müşterinin değeri olarak okundu ve bir kez alındı (satırlar üzerinden "
                               "toplanmadı). Olay başına tutarlarsa toplanmalarını seçin.",
    "ingest.note.values_sum": "Değerler (“{column}”): {n} müşterinin {varying} tanesinde olaydan olaya değişiyor; "
                              "bu yüzden olay başına tutar olarak okundu ve her müşteri için toplandı. Müşteri "
                              "başına tek değerse bir kez alınmalarını seçin.",
    "ingest.note.after_import_failed": "İçe aktarma kaydedildi; yalnızca ardından yazılan yolculuk sırası ve aşama "
                                       "özeti başarısız oldu, bunlar çalışma alanı bir sonraki kullanıldığında "
                                       "güncellenir: {error}",
    "mapping.no_column": "“{header}” adlı bir sütun yok. Sütunlar şunlar: {columns}.",
    "mapping.no_column_in_file": "“{file}” dosyasında “{header}” adlı bir sütun yok. Sütunlar şunlar: {columns}.",
    "mapping.not_a_field": "“{field}” bir alan değil. “{header}” sütununu şunlardan biriyle eşleyin: {fields} (ya "
                           "da dışarıda bırakın).",
    "mapping.twice": "“{first}” ve “{second}” sütunlarının ikisi de {field} alanıyla eşlenmiş. Yalnızca birini "
                     "eşleyin.",
    "mapping.missing_one": "{field} için sütun yok. Sütunlar şunlar: {columns}. Eşleme tablosunda {field} bilgisini "
                           "içeren sütunu seçin.",
    "mapping.missing_one_in_file": "“{file}” dosyasında {field} için sütun yok. Sütunlar şunlar: {columns}. Eşleme "
                                   "tablosunda {field} bilgisini içeren sütunu seçin.",
    "mapping.missing_two": "{first} ve {second} için sütun yok. Sütunlar şunlar: {columns}. Eşleme tablosunda "
                           "{first} bilgisini içeren sütunu ve {second} bilgisini içeren sütunu seçin.",
    "mapping.missing_two_in_file": "“{file}” dosyasında {first} ve {second} için sütun yok. Sütunlar şunlar: "
                                   "{columns}. Eşleme tablosunda {first} bilgisini içeren sütunu ve {second} "
                                   "bilgisini içeren sütunu seçin.",
    "ingest.dates_ambiguous": "“{column}” sütunundaki tarihler hem önce gün hem önce ay olarak okunabiliyor "
                              "(örneğin {examples}). Sırayı seçin: gün/ay/yıl ya da ay/gün/yıl.",
    "ingest.note.unknown_words": "“{column}” sütununda bilinmeyen duygu sözcükleri: {words}. Satırlar sözcük metin "
                                 "olarak saklanarak tutuldu; Ayarlar sayfasında her sözcüğe bir puan verin.",
    "ingest.note.emotion_from": "Duygu, “{column}” sütunundan alındı (ölçek {scale} -> -2..+2); bunun yerine bir "
                                "duygu sütunu kullanmak için onu eşleyin.",
    "ingest.bad_emotion_score": "Duygu puanı −2 ile +2 arasında bir tam sayıdır; şunları denetleyin: {words}.",
    "store.backup.too_large": "Bu işlemden ({reason}) önce yedek alınmadı: çalışma alanı ({mb} MB), "
                              "CJM_BACKUP_MAX_MB sınırından ({limit} MB) büyük.",
    "store.backup.no_room": "Bu işlemden ({reason}) önce yedek alınmadı: diskte çalışma alanının bir kopyası için "
                            "yer yok ({mb} MB).",
    "store.backup.failed": "Bu işlemden ({reason}) önce yedek alınmadı: {detail}.",
    "store.backup.bad_copy": "Bu işlemden ({reason}) önce yedek alınmadı: kopya eksiksiz geri okunamadı (çalışma "
                             "alanı bozuk ya da kopyalama sırasında değişti).",
    "store.no_backups": "“{workspace}” çalışma alanının “{id}” adlı bir yedeği yok (yedek: hiç yok; yedekleri "
                        "python -m cjm backups ile listeleyebilirsiniz).",
    "store.no_such_backup": "“{workspace}” çalışma alanının “{id}” adlı bir yedeği yok (yedekler: {ids}; yedekleri "
                            "python -m cjm backups ile listeleyebilirsiniz).",
    "store.io": "Çalışma alanı açılamıyor ya da yazılamıyor: {detail}",
    "store.newer_schema": "Bu çalışma alanı daha yeni bir CJM Dashboard sürümüyle yazılmış (şema {schema}); açmak "
                          "için CJM Dashboard uygulamasını güncelleyin.",
    "store.saved_before": "Değişiklik bu sorundan önce kaydedilmişti.",
    "store.nothing_changed": "Hiçbir şey değişmedi.",
    "store.disk_full": "“{path}” çalışma alanının bulunduğu disk dolu. {saved} Diskte biraz yer açıp yeniden deneyin.",
    "store.invalidated": "“{path}” çalışma alanı önceki bir disk hatasından (örneğin dolu disk) sonra durdu. Ondan "
                         "önce kaydedilen her şey duruyor; nedeni giderip yeniden deneyin (çalışma alanı yeniden "
                         "açılır).",
    "store.busy": "“{path}” çalışma alanı başka bir CJM Dashboard penceresinde açık. O pencereyi ya da komutu "
                  "kapatın veya başka bir çalışma alanı seçin (--workspace ya da CJM_WORKSPACE).",
    "store.read_only": "“{path}” çalışma alanına ya da klasörüne yazılamıyor (salt okunur ya da izin yok: "
                       "{detail}). {saved} Dosyaya ve klasörüne yazma izni verin ya da çalışma alanını "
                       "yazabildiğiniz bir klasöre kopyalayın.",
    "store.io_fault": "“{path}” çalışma alanı okunamıyor ya da yazılamıyor ({detail}). {saved} Diski denetleyip "
                      "yeniden deneyin.",
    "store.damaged": "“{path}” çalışma alanı bozuk ({detail}). {offer}",
    "store.damaged_no_backup": "Bu çalışma alanının yedeği yok; başka bir çalışma alanı seçin ya da dosyalarınızı "
                               "yeni bir çalışma alanına içe aktarın.",
    "store.damaged_backup": "Son sağlam yedek: {id} ({when}, öncesinde: {reason}). Geri yüklemek için: python -m "
                            "cjm --workspace {path} backups --restore {id} (ya da Ayarlar sayfasındaki Geri yükle "
                            "düğmesi).",
    "store.not_workspace": "“{path}” bir CJM Dashboard çalışma alanı değil ya da bozuk ({detail}). Başka bir dosya "
                           "seçin.",
    "store.not_prepared": "“{path}” çalışma alanı hazırlanamadı ({detail}).",
    "store.stale_note": "Siz bu notu düzenlerken başka biri notu kaydetti; sizin metniniz kaydedilmedi, onunki "
                        "duruyor. Kendi metninizi onunkinin yerine koyun, onunkini tutun ya da ikisini birleştirip "
                        "yeniden kaydedin.",
    "store.bad_lane": "“{lane}” yolculuk haritasının bir satırı değil; satırlar şunlar: {lanes}.",
    "store.bad_status": "Durum şunlardan biri olmalı: {statuses}.",
    "store.scenario_no_name": "Kaydetmeden önce senaryoya bir ad verin.",
    "store.bad_assumed_kind": "“{kind}” bir varsayılan eğri türü değil; türler şunlar: {kinds}.",
    "store.assumed_out_of_range": "Varsayılan duygu −2 ile +2 arasında olmalı; {value} bu aralığın dışında.",
    "store.moment_no_touchpoint": "Önemli an olarak işaretlenecek temas noktasının adını verin.",
    "store.persona_no_name": "Kaydetmeden önce personaya bir ad verin.",
    "store.bad_role": "“{role}” bir satın alma ekibi rolü değil; roller şunlar: {roles}.",
    "core.two_stages": "Bir aşama modelinde en az iki aşama olmalı.",
    "core.two_stages_example": "Bir aşama modelinde yolculuk sırasıyla en az iki aşama olmalı (örneğin "
                               "“awareness,purchase”).",
    "core.too_many_stages": "Bir aşama modelinde en çok {max} aşama olabilir; bu modelde {n} aşama var. Aynı "
                            "evrenin adımı olan aşamaları birleştirin (örneğin birkaç araştırma adımını Araştırma "
                            "aşamasında).",
    "core.stage_name": "“{label}”",
    "core.stage_name_was": "“{label}” (önceki adı “{key}”)",
    "core.same_stage_name": "İki aşamanın adı aynı: {first} ve {second}. Her aşamaya farklı bir ad verin.",
    "core.same_outcome_name": "İki sonucun adı aynı: “{first}” ve “{second}”. Her sonuca farklı bir ad verin.",
    "core.not_enough_to_infer": "Aşama önermek için yeterli veri yok (en az iki farklı aşama değeri olan olaylar "
                                "gerekir): önce bir dosya içe aktarın ya da aşamaları kendiniz verin.",
    "core.too_many_values": "Verilerde {n} farklı aşama değeri var; bir aşama modelinde en çok {max} aşama "
                            "olabilir. Aşamaları kendiniz verin (önemli aşama değerlerini yolculuk sırasıyla); "
                            "diğer değerler saklanır ve modelde yok olarak gösterilir.",
    "core.keep_two": "Yolculuk sırasıyla en az iki aşama değerini aşama olarak tutun.",
    "core.too_many_kept": "{n} aşama değeri tutuldu; bir aşama modelinde en çok {max} aşama olabilir. Yolculuğun "
                          "aşaması olmayan değerleri çıkarın (veride saklanmaya devam ederler).",
    "core.outcome_of_dropped": "“{value}”, tutulan bir aşama olmayan “{target}” aşamasının sonucu. Aşamalar şunlar: "
                               "{stages}.",
    "core.won_not_kept": "Kazanılan aşama “{won}” tutulan aşamalar arasında değil. Aşamalar şunlar: {stages}.",
    "core.won_not_in_model": "Kazanılan aşama “{won}” modelin bir aşaması değil. Aşamalar şunlar: {stages}.",
    "core.unknown_stage": "Bilinmeyen aşama: “{stage}”. Aşamalar şunlar: {stages}.",
    "core.unknown_model": "Bilinmeyen aşama modeli: “{name}”. Şunlardan birini seçin: {presets} ya da kendi "
                          "aşamalarınızı --stages “a,b,c” ile verin.",
    "core.stage_twice": "“{stage}” aşaması aşama listesinde iki kez geçiyor (“{first}” olarak da). Her aşamayı bir "
                        "kez verin.",
    "analyses.flows_by": "Akışlar “stage” ya da “touchpoint” değerine göre gösterilebilir; “{value}” geçerli değil.",
    "analyses.flows_top": "Gösterilecek temas noktası sayısı en az 1 olan bir tam sayı olmalı; {value} geçerli değil.",
    "analyses.emotion_by": "Duygu “{by}” alanına göre ayrılamaz; şunlardan birini seçin: {fields}.",
    "analyses.stage_filter_needs_model": "Aşama filtresi için bir aşama modeli gerekir; Ayarlar sayfasında ya da "
                                         "--stage-model ile bir model seçin.",
    "analyses.funnel_mode": "Bilinmeyen huni modu: “{mode}”; “furthest” ya da “visited” seçin.",
    "analyses.funnel_window": "Dönüşüm süresi tam gün sayısı (0 ya da daha çok) olmalı; {value} geçerli değil.",
    "analyses.funnel_window_mode": "Dönüşüm süresi yalnızca “furthest” huni moduyla çalışır; modu değiştirin ya da "
                                   "süreyi kaldırın.",
    "analyses.funnel_by": "Huni “{by}” alanına göre ayrılamaz; şunlardan birini seçin: {fields}.",
    "analyses.period_two_dates": "{name} dönemi iki tarih olmalı (ilk gün, son gün).",
    "analyses.period_not_dates": "{name} dönemi iki tarih olmalı (ilk gün, son gün); {value} geçerli değil.",
    "analyses.period_reversed": "{name} dönemi başlamadan ({start}) bitiyor ({end}); tarihlerin yerini değiştirin.",
    "analyses.as_of": "Başvuru tarihi bir tarih olmalı; {value} geçerli değil.",
    "analyses.idle_days": "Hareketsiz gün sayısı 0 ya da daha büyük bir sayı olmalı; {value} geçerli değil.",
    "pain.formula_text": "etki = olumsuzluk × (müşteriler + ayrılanlar) × değer ağırlığı\n"
                         "olumsuzluk = o aşamadaki temas noktasının ortalama duygusunun eksilisi, 0'ın altındaysa "
                         "(ölçek −2..+2); değilse 0\n"
                         "müşteriler = o aşamada bu temas noktasını yaşayan müşteriler\n"
                         "ayrılanlar = bunlardan o aşamadan öteye geçmeyenler (bitiş aşaması kimseyi kaybetmez)\n"
                         "değer ağırlığı = bu müşterilerin ortalama değeri ÷ tüm müşterilerin ortalama değeri "
                         "(değer yoksa 1)\n"
                         "Değeri olmayan bir müşteri, segmentinin (ya da herkesin) ortalama değeriyle sayılır.\n"
                         "Ortalama duygusu olumsuz olmayan temas noktalarının etkisi 0'dır ve listelenmez.",
    "whatif.last_stage": "“{stage}” son aşama; değiştirilecek bir dönüşümü yok. Şunlardan birini seçin: {stages}.",
    "whatif.why_last_stage": "bu son aşama",
    "whatif.why_no_scores": "orada duygu puanı yok",
    "whatif.fix_unavailable": "{where} noktasında bir sorunlu noktayı düzeltme seçeneği kullanılamıyor: {why}.",
    "whatif.bad_horizon": "Süre 1 ile 120 arasında tam ay sayısı olmalı; {value} geçerli değil.",
    "whatif.bad_unit": "Dönüşüm değişikliği “pp” (yüzde puan) ya da “%” (göreli) olarak verilir; “{unit}” geçerli "
                       "değil.",
    "whatif.target_off_scale": "Duygu hedefi −2..+2 ölçeğindedir; {target} bu ölçeğin dışında.",
    "whatif.not_a_number": "Şu değer bir sayı olmalı: {what}; {value} geçerli değil.",
    "whatif.what.conversion_change": "dönüşüm değişikliği",
    "whatif.what.emotion_target": "duygu hedefi",
    "whatif.what.inflow_change": "yeni müşteri değişikliği",
    "whatif.what.value_change": "değer değişikliği",
    "whatif.what.referral_rate": "tavsiye oranı",
    "whatif.below_minus_100": "−%100'den büyük bir düşüş yeni müşteri sayısını ya da değeri eksiye düşürür; en çok "
                              "−%100 kullanın.",
    "whatif.negative_referral_rate": "Tavsiye oranı (kazanılan müşteri başına yeni aday) eksi olamaz.",
    "whatif.bad_saved_scenario": "Kaydedilen “{name}” senaryosu okunamıyor ({detail}); senaryoyu silip yeniden "
                                 "kaydedin.",
    "whatif.no_events": "Geçerli filtrelerle “{model}” modelinin aşamalarında hiç olay yok. Filtreleri genişletin "
                        "ya da Ayarlar sayfasında aşama modelini denetleyin.",
    "whatif.no_dates": "Senaryo modeli aylık müşteri sayısını hesaplamak için tarihlere ihtiyaç duyar, ama seçilen "
                       "olayların hiçbirinde tarih yok. İçe aktarırken bir tarih sütununu (timestamp) eşleyin.",
    "whatif.lever.inflow": "Yeni müşteri %{pct}",
    "whatif.lever.conversion_pp": "Dönüşüm {stage} → {next} {amount} puan",
    "whatif.lever.conversion_pct": "Dönüşüm {stage} → {next} {amount} % (göreli)",
    "whatif.lever.fix": "Duygu, {where} → {target}",
    "whatif.lever.value": "Müşteri başına değer %{pct}",
    "whatif.lever.referral": "Tavsiye oranı {rate}",
    "whatif.note.no_referrals": "Verilerde tavsiye kaynağı yok ve tavsiye oranı belirlenmedi: tavsiye döngüsü kapalı.",
    "whatif.why.no_scores": "bu aşamada duygu puanı yok",
    "whatif.why.few_customers": "duygu puanı olan yalnızca {n} müşteri var (en az {min} gerekir)",
    "whatif.why.few_each": "{n} müşterinin {k} tanesi sonraki aşamaya geçti; geçen en az {min} ve geçmeyen en az "
                           "{min} müşteri gerekir",
    "whatif.why.same_score": "her müşterinin duygu puanı aynı, bu yüzden etkisi görülemez",
    "whatif.why.separation": "duygu puanı geçenleri geçmeyenlerden neredeyse tümüyle ayırıyor, bu yüzden kararlı "
                             "bir tahmin yok",
    "whatif.elasticity.none": "{where}: tahmin yok — {reason}.",
    "whatif.elasticity.clear": "{where}: duyguda her bir puanlık artış ≈ {slope} puan dönüşüm (%95 GA {low} ile {high}; n = "
                               "{n}, ortalama duygu {mean}).",
    "whatif.elasticity.unclear": "{where}: duyguda her bir puanlık artış ≈ {slope} puan dönüşüm (%95 GA {low} ile {high}; n "
                                 "= {n}, ortalama duygu {mean}); aralık sıfırı içeriyor, yani veriler açık bir etki "
                                 "göstermiyor.",
    "whatif.source.referred": "verilerde tavsiyeyle gelen {n} müşteri / {won} kazanılan",
    "whatif.source.advocates": "verilerde {n} savunucu / {won} kazanılan; savunucu başına {per} tavsiye varsayıldı",
    "whatif.source.none": "verilerde tavsiye kaynağı yok",
    "whatif.source.no_won": "{source} (kazanılan müşteri yok)",
    "whatif.assume.inflow": "{months} ayda {customers} müşteri {stage} aşamasına girdi: ayda {per_month}.",
    "whatif.assume.inflow_period": "{months} ayda ({start} ile {end} arası) {customers} müşteri {stage} aşamasına "
                                   "girdi: ayda {per_month}.",
    "whatif.assume.conversion": "{stage} → {next}: {n} müşterinin {pct} kadarı devam etti.",
    "whatif.assume.won": "“Kazanılan” = {stage} aşamasına ulaşan: ayda {per_month}.",
    "whatif.assume.won_assumed": "“Kazanılan” = {stage} aşamasına ulaşan: ayda {per_month}. Aşama modeli kazanılan "
                                 "aşamayı belirtmiyor, bu yüzden ikinci aşama varsayıldı: kazanılan aşamayı Ayarlar "
                                 "sayfasında seçin.",
    "whatif.assume.no_values": "Verilerde anlaşma değeri yok: gelir öngörülmüyor.",
    "whatif.assume.value_once": "Kazanılan müşteri başına değer: {value} (değeri olan {n} kazanılan müşterinin "
                                "ortalaması; her müşterinin değeri bir kez alındı, çünkü tüm satırlarında aynı).",
    "whatif.assume.value_summed": "Kazanılan müşteri başına değer: {value} (değeri olan {n} kazanılan müşterinin "
                                  "ortalaması; her müşterinin tutarları olayları üzerinden toplandı).",
    "whatif.assume.no_referrals": "Verilerde tavsiye kaynağı yok: bir tavsiye oranı belirleyene kadar tavsiye "
                                  "döngüsü kapalı.",
    "whatif.assume.referrals": "Tavsiye oranı: kazanılan müşteri başına {rate} yeni aday ({source}); bir ayda "
                               "yapılan tavsiyeler sonraki ay {stage} aşamasına girer.",
    "whatif.assume.steady": "Müşteriler huniden girdikleri ay içinde geçer (dengeli bir akış); bant, müşteriler "
                            "üzerinden {n} bootstrap çekilişinin %5–%95 yüzdelik aralığıdır.",
    "cli.map_needs_pair": "--map için HEADER=FIELD gerekir (örneğin --map “Kod=customer_id”); “{item}” geçerli değil.",
    "cli.map_hint": "{error} Burada: --map “Başlık=alan” (örneğin --map “Kod=customer_id”).",
    "cli.dates_hint": "{error} Burada: --dayfirst ya da --monthfirst.",
    "cli.option_needs": "{option} için {example} gerekir; “{item}” geçerli değil.",
    "cli.not_a_stage_value": "{option}: “{name}” verilerdeki bir aşama değeri değil. Değerler şunlar: {values}.",
    "cli.apply_needs_infer": "--apply yalnızca --infer ile kullanılır (python -m cjm stages --infer --apply).",
    "cli.keep_needs_infer": "--keep ve --outcome yalnızca --infer ile kullanılır (python -m cjm stages --infer "
                            "--keep A,B,C).",
    "cli.model_first_edit": "Önce bir aşama modeli seçin (--set AD ya da --set “a,b,c”), sonra onu düzenleyin.",
    "cli.model_first_won": "Önce bir aşama modeli seçin (--set AD ya da --set “a,b,c”), sonra kazanılan aşamasını.",
    "cli.command_missing": "“{command}” komutu bu kurulumda yok ({module} eksik).",
    "cli.not_a_date": "{option} “{text}” bir tarih değil; YYYY-MM-DD biçiminde yazın, örneğin 2026-01-31.",
    "cli.interrupted": "kesildi",
    "cli.import_done": "{file}: {read} satır okundu, {loaded} yüklendi, {rejected} reddedildi (içe aktarma {id})",
    "cli.import_done_skipped": "{file}: {read} satır okundu, {loaded} yüklendi, {rejected} reddedildi, {skipped} "
                               "dışarıda bırakıldı (içe aktarma {id})",
    "cli.mapping": "eşleme: {pairs}",
    "cli.ignored": "yok sayılan sütunlar: {columns}",
    "cli.and_more": "... ve {n} satır daha",
    "cli.infer_intro": "verilerdeki aşama değerleri (tipik konum: ilk görünme sırasının ortancası; son: yolculuğu "
                       "orada biten müşterilerin payı):",
    "cli.col.value": "değer",
    "cli.col.events": "olay",
    "cli.col.customers": "müşteri",
    "cli.col.position": "konum",
    "cli.col.last": "son",
    "cli.col.suggested": "öneri",
    "cli.col.id": "kimlik",
    "cli.col.time": "zaman",
    "cli.col.size": "boyut",
    "cli.col.reason": "neden",
    "cli.word.final": "bitiş",
    "cli.word.won": "kazanılan",
    "cli.word.dropped": "çıkarıldı",
    "cli.stages": "aşamalar:",
    "cli.outcome_positive": "{stage} aşamasında {outcome} sonucu (olumlu)",
    "cli.outcome_negative": "{stage} aşamasında {outcome} sonucu (olumsuz)",
    "cli.infer_apply": "kullanmak için: --apply ekleyin (seçim için --keep A,B,C, --final X, --outcome DEĞER=AŞAMA, "
                       "--rename DEĞER=YENİ, --won-stage S)",
    "cli.model_set": "aşama modeli belirlendi: {name}",
    "cli.won_set": "kazanılan aşama belirlendi: {stage}",
    "cli.no_model": "aşama modeli seçilmedi; hazır modeller: {presets} (birini --set AD ya da --set “a,b,c” ile seçin)",
    "cli.model": "aşama modeli: {name}",
    "cli.model_none": "aşama modeli: (yok)",
    "cli.events": "{n} olay",
    "cli.not_in_model": "modelde olmayan aşama değerleri:",
    "cli.info_workspace": "çalışma alanı: {path}",
    "cli.info_events": "olaylar: {n} ({customers} müşteri)",
    "cli.info_imports": "içe aktarmalar: {n}",
    "cli.info_import": "{file}: {read} okundu, {loaded} yüklendi, {rejected} reddedildi ({when})",
    "cli.restored": "{id} yedeği ({when}, öncesinde: {reason}) {path} konumuna geri yüklendi",
    "cli.restore_kept": "geri yüklemeden önceki durum {id} yedeği olarak saklandı",
    "cli.no_backups": "{path} için henüz yedek yok (yedekler her içe aktarma, değiştirme ve aşama modeli "
                      "değişikliğinden önce {folder} klasöründe saklanır)",
    "cli.backups": "{path} yedekleri (en yeni önce):",
    "cli.restore_how": "birini geri yüklemek için: python -m cjm backups --restore ID",
    "report.cannot_write": "“{path}” çalışma kitabı yazılamıyor: {detail}. Başka bir dosya adı ya da klasör seçin "
                           "ve dosya Excel ile açıksa kapatın.",
    "report.sheet.about": "Hakkında",
    "report.sheet.funnel": "Huni",
    "report.sheet.transitions": "Geçişler",
    "report.sheet.channels": "Kanallar",
    "report.sheet.channel_gaps": "Kanal boşlukları",
    "report.sheet.touchpoints": "Temas noktaları",
    "report.sheet.emotion_curve": "Duygu eğrisi",
    "report.sheet.emotion_touchpoints": "Temas noktasına göre duygu",
    "report.sheet.nps": "NPS (genel)",
    "report.sheet.nps_by_stage": "Aşamaya göre NPS",
    "report.sheet.nps_by_segment": "Segmente göre NPS",
    "report.sheet.pain_points": "Sorunlu noktalar",
    "report.sheet.stuck": "Takılanlar",
    "report.sheet.stuck_customers": "Takılan müşteriler",
    "report.sheet.backwards": "Geri dönüşler",
    "report.sheet.backwards_moves": "Geri dönüşler, tek tek",
    "report.col.item": "Öğe",
    "report.col.value": "Değer",
    "report.col.stage_idx": "Aşama no",
    "report.col.stage": "Aşama anahtarı",
    "report.col.label": "Aşama",
    "report.col.customers": "Müşteri",
    "report.col.conversion": "Önceki aşamadan dönüşüm",
    "report.col.conversion_from_first": "İlk aşamadan dönüşüm",
    "report.col.dropped": "Ayrılan",
    "report.col.source": "Kaynak aşama anahtarı",
    "report.col.target": "Hedef aşama anahtarı",
    "report.col.count": "Sayı",
    "report.col.median_days": "Ortanca gün",
    "report.col.source_label": "Kaynak aşama",
    "report.col.target_label": "Hedef aşama",
    "report.col.channel": "Kanal",
    "report.col.medium": "Ortam",
    "report.col.events": "Olay",
    "report.col.mean_emotion": "Ortalama duygu",
    "report.col.n_emotion": "Duygu puanı sayısı",
    "report.col.kind": "Tür",
    "report.col.touches_per_customer": "Müşteri başına temas",
    "report.col.median_touches_per_customer": "Müşteri başına ortanca temas",
    "report.col.stages_with_channel": "Kanalın olduğu aşamalar",
    "report.col.channel_events": "Kanalın olayları",
    "report.col.touchpoint": "Temas noktası",
    "report.col.progressed_with": "Temas noktasıyla devam eden",
    "report.col.n_with": "Temas noktası olan müşteri",
    "report.col.progressed_without": "Temas noktası olmadan devam eden",
    "report.col.n_without": "Temas noktası olmayan müşteri",
    "report.col.lift": "Artış",
    "report.col.mean": "Ortalama duygu (eğri)",
    "report.col.n": "Sayı (n)",
    "report.col.sd": "Standart sapma",
    "report.col.ci_low": "%95 aralık, alt",
    "report.col.ci_high": "%95 aralık, üst",
    "report.col.order": "Sıra",
    "report.col.position": "Konum",
    "report.col.promoters": "Destekçiler",
    "report.col.passives": "Pasifler",
    "report.col.detractors": "Eleştirenler",
    "report.col.nps": "NPS puanı",
    "report.col.group": "Grup",
    "report.col.rank": "Sıra no",
    "report.col.drop_rate": "Ayrılma oranı",
    "report.col.value_at_stake": "Risk altındaki değer",
    "report.col.negativity": "Olumsuzluk",
    "report.col.value_weight": "Değer ağırlığı",
    "report.col.impact": "Etki puanı",
    "report.col.stuck": "Takılan müşteri",
    "report.col.threshold_days": "Hareketsizlik eşiği (gün)",
    "report.col.customer_id": "Müşteri No",
    "report.col.last_seen": "Son görülme",
    "report.col.days_idle": "Hareketsiz gün",
    "report.col.moves": "Geri dönüş",
    "report.col.from_stage": "Önceki aşama anahtarı",
    "report.col.to_stage": "Sonraki aşama anahtarı",
    "report.col.from_label": "Önceki aşama",
    "report.col.to_label": "Sonraki aşama",
    "report.col.ts": "Zaman",
    "report.col.from_idx": "Önceki aşama no",
    "report.col.to_idx": "Sonraki aşama no",
    "report.about.model": "Aşama modeli",
    "report.about.stages": "Aşamalar",
    "report.about.filters": "Filtreler",
    "report.about.formula": "Sorunlu nokta formülü",
    "report.about.none": "yok",
    "report.filter.from": "Başlangıç",
    "report.filter.to": "Bitiş",
    "report.filter.segment": "Müşteri segmenti",
    "report.filter.persona": "Persona",
    "report.filter.role": "Rol",
    "report.filter.channel": "Kanal",
    "report.filter.stages": "Aşamalar",
    "analyses.persona_field": "Persona kartı şu alanlardan birinin değerini temsil eder: {fields}; “{field}” geçerli "
                              "değil.",
    "cli.report_no_model": "Bu çalışma alanında henüz aşama modeli yok. Bir dosyayı --stage-model AD ile içe aktarın ya "
                           "da şununla bir model seçin: python -m cjm stages --set five-stage (ya da --set “a,b,c”).",
    "cli.report_no_events": "Bu çalışma alanında henüz olay yok. Önce bir dosya içe aktarın: python -m cjm import DOSYA "
                            "(ya da örnek verileri yükleyin: python -m cjm sample).",
    "cli.whatif_conversion": "--conversion “{text}”: AŞAMA=+5pp (yüzde puan) ya da AŞAMA=+10% (göreli) yazın, örneğin "
                             "--conversion pre-purchase=+5pp.",
    "cli.whatif_percent": "{option} “{text}”: +10% ya da -5% gibi bir yüzde yazın.",
    "cli.whatif_fix": "--fix “{text}”: AŞAMA=HEDEF ya da AŞAMA:TEMASNOKTASI=HEDEF yazın; HEDEF -2..+2 duygu ölçeğinde "
                      "olmalı, örneğin --fix client-experience=0.5.",
    "cli.whatif_no_scenario": "Kaydedilmiş “{name}” senaryosu yok (kaydedilenler: {names}).",
    "cli.whatif_horizon": "--horizon “{text}”: tam ay sayısı yazın, örneğin 12.",
    "cli.whatif_referral_rate": "--referral-rate “{text}”: 0.1 gibi bir sayı yazın (kazanılan müşteri başına yeni aday).",
    "ingest.reason.empty_customer_id": "{row}. satır: müşteri numarası boş (“{column}” sütunu)",
    "ingest.reason.empty_stage": "{row}. satır: aşama boş (“{column}” sütunu)",
    "ingest.reason.not_date": "{row}. satır: “{value}” bir tarih değil (“{column}” sütunu)",
    "ingest.reason.not_number": "{row}. satır: “{value}” bir sayı değil (“{column}” sütunu)",
    "ingest.reason.not_nps": "{row}. satır: “{value}” bir NPS puanı değil (0 ile 10 arasında bir tam sayı olmalı) "
                             "(“{column}” sütunu)",
    "ingest.reason.off_scale": "{row}. satır: “{value}” duygu ölçeğinin dışında (bu sütun {scale} ölçeğini kullanıyor) "
                               "(“{column}” sütunu)",
    "ingest.reason.fields": "{row}. satırda {got} alan var, başlıkta {n} alan var (bu satırdaki ayırıcıları ve tırnakları "
                            "denetleyin)",
    "ingest.reason.unreadable": "{row}. satır okunamıyor ({detail}); tırnaklarını denetleyin",
    "store.reason.import": "“{file}” dosyasının içe aktarılması",
    "store.reason.replace": "“{file}” dosyasının yeniden içe aktarılması",
    "store.reason.stage_model": "aşama modeli değişikliği",
    "store.reason.restore": "geri yükleme",
}

RO: dict[str, str] = {
    "msg.quoted": "„{text}”",
    "ingest.kind.pdf": "un document PDF",
    "ingest.kind.png": "o imagine PNG",
    "ingest.kind.jpeg": "o imagine JPEG",
    "ingest.kind.gif": "o imagine GIF",
    "ingest.kind.gzip": "o arhivă gzip",
    "ingest.kind.rar": "o arhivă RAR",
    "ingest.kind.7z": "o arhivă 7-Zip",
    "ingest.file_empty": "Fișierul „{file}” este gol. Exportați din nou datele (cu un rând de antet și cel puțin un "
                         "rând de date) și încărcați-le.",
    "ingest.encrypted_excel": "„{file}” este un fișier Excel criptat (protejat cu parolă): deschideți-l în Excel, "
                              "eliminați parola (Fișier > Informații > Protejare registru de lucru), salvați și "
                              "încărcați-l din nou.",
    "ingest.old_xls": "„{file}” este un fișier vechi Excel 97-2003 (.xls): deschideți-l în Excel și salvați-l ca "
                      ".xlsx sau CSV, apoi încărcați-l din nou.",
    "ingest.zip_truncated": "„{file}” este incomplet sau deteriorat (fișierul se termină prea devreme — poate o "
                            "descărcare sau o copiere întreruptă). Descărcați-l sau exportați-l din nou și "
                            "încărcați fișierul nou.",
    "ingest.zip_bad_part": "„{file}” este deteriorat (partea „{part}” nu poate fi citită). Deschideți-l în Excel, "
                           "salvați-l din nou ca .xlsx și încărcați fișierul nou.",
    "ingest.xlsb": "„{file}” este un registru de lucru binar Excel (.xlsb): deschideți-l în Excel și salvați-l ca "
                   ".xlsx sau CSV, apoi încărcați-l din nou.",
    "ingest.ods": "„{file}” este o foaie de calcul OpenDocument (.ods): salvați-o ca .xlsx sau CSV, apoi "
                  "încărcați-o din nou.",
    "ingest.zip_archive": "„{file}” este o arhivă ZIP, nu o foaie de calcul: dezarhivați-o și încărcați fișierul "
                          "CSV sau .xlsx din ea.",
    "ingest.not_spreadsheet": "„{file}” este {what}, nu o foaie de calcul. Încărcați fișierul CSV sau Excel (.xlsx) "
                              "cu datele.",
    "ingest.binary": "„{file}” nu este un fișier text sau Excel (conține date binare). Încărcați fișierul CSV sau "
                     "Excel (.xlsx) cu datele.",
    "ingest.note.macros": "„{file}” conține macrocomenzi; au fost ignorate (se citesc doar valorile celulelor).",
    "ingest.note.csv_named_excel": "„{file}” este un fișier text (CSV) cu nume de Excel; a fost citit ca CSV.",
    "ingest.bad_bom": "„{file}” începe ca text {encoding}, dar are octeți care nu sunt {encoding}. Salvați-l din "
                      "nou ca CSV UTF-8 și încărcați fișierul nou.",
    "ingest.csv_unreadable": "„{file}” nu poate fi citit ca CSV ({detail}). Verificați că este un fișier CSV cu un "
                             "singur rând de antet sau salvați-l din nou din Excel ca CSV UTF-8.",
    "ingest.no_data_rows": "„{file}” are un rând de antet, dar niciun rând de date. Exportați din nou datele, "
                           "inclusiv rândurile, și încărcați-le.",
    "ingest.note.cedilla": "Literele românești s și t scrise cu sedilă au fost înlocuite cu ș/ț (cu virgulă dedesubt).",
    "ingest.note.nul_one": "Din celule a fost eliminat {n} caracter NUL invizibil (primul pe rândul {row}); "
                           "verificați exportul dacă valorile par greșite.",
    "ingest.note.nul_many": "Din celule au fost eliminate {n} caractere NUL invizibile (primul pe rândul {row}); "
                            "verificați exportul dacă valorile par greșite.",
    "ingest.note.careful_parser": "Fișierul a fost citit cu analizorul atent, mai lent, pentru că rândurile lui nu "
                                  "au putut fi potrivite toate.",
    "ingest.xlsx_damaged": "„{file}”: acest fișier Excel este deteriorat sau incomplet: deschideți-l în Excel și "
                           "salvați-l din nou, apoi încărcați-l din nou.",
    "ingest.xlsx_damaged_detail": "„{file}”: acest fișier Excel este deteriorat sau incomplet ({detail}): "
                                  "deschideți-l în Excel și salvați-l din nou, apoi încărcați-l din nou.",
    "ingest.damaged.not_workbook": "este o arhivă zip, dar nu un registru de lucru Excel",
    "ingest.damaged.no_workbook_part": "lipsește partea registrului de lucru",
    "ingest.damaged.no_sheets": "nu are nicio foaie",
    "ingest.xls_or_encrypted": "„{file}”: acesta este un fișier .xls vechi sau un fișier Excel protejat cu parolă; "
                               "deschideți-l în Excel, eliminați parola, salvați-l ca .xlsx (registru de lucru "
                               "Excel) și încărcați-l din nou.",
    "ingest.xlsx_too_big": "„{file}”: acest registru de lucru ar ocupa {mb} MB dezarhivat, mai mult decât cei "
                           "{limit} MB pe care îi citește aplicația; împărțiți datele în fișiere mai mici sau "
                           "exportați-le ca CSV.",
    "ingest.zip_bomb": "„{file}”: partea {part} este comprimată în raport de {ratio} la 1, ceea ce face doar o "
                       "bombă zip; fișierul a fost refuzat. Exportați din nou datele din programul original.",
    "ingest.xlsx_over_limit": "„{file}”: acest registru de lucru depășește {limit} MB dezarhivat; împărțiți datele "
                              "în fișiere mai mici sau exportați-le ca CSV.",
    "ingest.xlsx_encrypted": "„{file}”: acest fișier Excel este protejat cu parolă; deschideți-l în Excel, "
                             "eliminați parola (Fișier > Informații > Protejare registru de lucru), salvați și "
                             "încărcați-l din nou.",
    "ingest.sheet": "„{sheet}”",
    "ingest.sheet_hidden": "„{sheet}” (ascunsă)",
    "ingest.no_such_sheet": "„{file}”: nu există foaia „{sheet}”; foile sunt {sheets}. Alegeți una dintre acestea.",
    "ingest.chart_sheet": "„{file}”: foaia „{sheet}” este o diagramă, nu un tabel; alegeți una dintre {sheets}.",
    "ingest.sheet_empty": "„{file}”: foaia „{sheet}” este goală; alegeți altă foaie ({sheets}).",
    "ingest.only_hidden_data": "„{file}”: nicio foaie vizibilă nu conține date (foi: {sheets}); foi ascunse cu "
                               "date: {hidden} — faceți una vizibilă în Excel sau alegeți-o după nume.",
    "ingest.no_sheet_data": "„{file}”: nicio foaie vizibilă nu conține date (foi: {sheets}); completați o foaie și "
                            "salvați din nou.",
    "ingest.sheet_too_large": "„{file}”: foaia „{sheet}” are valori până la rândul {row} și coloana {column} "
                              "({rows} rânduri x {columns} coloane), prea mult pentru a fi citită în siguranță. În "
                              "Excel apăsați Ctrl+End pentru a găsi celulele rătăcite departe de tabel, ștergeți "
                              "acele rânduri și coloane (sau copiați tabelul într-o foaie nouă), salvați și "
                              "încărcați din nou.",
    "ingest.sheet_no_data_rows": "„{file}” (foaia „{sheet}”) are un rând de antet, dar niciun rând de date. "
                                 "Exportați din nou datele, inclusiv rândurile, și încărcați-le.",
    "ingest.note.hidden_skipped": "Foi ascunse sărite: {sheets}.",
    "ingest.note.title_rows": "Rândurile de deasupra antetului (rândul {row}) au fost sărite ca titluri.",
    "ingest.note.blank_rows": "{n} rânduri din foaia „{sheet}” conțin doar celule goale (spații sau valori de "
                              "eroare precum #N/A); au fost sărite.",
    "ingest.note.rows_mismatch": "Foaia are {records} rânduri completate sub antet, dar au fost citite {loaded}.",
    "ingest.no_file": "Fișierul „{file}” nu există. Verificați numele și dosarul.",
    "ingest.is_folder": "„{file}” este un dosar, nu un fișier. Indicați calea fișierului CSV sau Excel.",
    "ingest.unreadable_file": "Fișierul „{file}” nu poate fi citit ({detail}). Verificați că nu este deschis în "
                              "altă parte și că aveți drept de citire.",
    "ingest.no_excel_reader": "Această instalare nu poate citi fișiere Excel; salvați foaia ca CSV UTF-8 și "
                              "încărcați acel fișier.",
    "ingest.bad_option": "{option} trebuie să fie una dintre {choices}, nu „{value}”.",
    "ingest.value_count": "„{value}” ({n})",
    "ingest.no_lifecycle_events": "Coloana „{column}” nu are evenimente „{lifecycle}” (are {found}). Alegeți ce "
                                  "evenimente din ciclul de viață importați: complete, start sau all.",
    "ingest.rows_rejected": "{rejected} din {read} rânduri nu au fost încărcate; motivele sunt la rândurile respinse.",
    "ingest.note.csv_no_sheets": "„{file}” este un fișier CSV, care nu are foi; foaia „{sheet}” a fost ignorată.",
    "ingest.note.duplicate": "Acest fișier a mai fost importat (importul {id}, „{file}”, {when}); nu s-a încărcat "
                             "nimic. Alegeți înlocuirea pentru a-l încărca din nou în locul importului anterior.",
    "ingest.note.unknown_stages": "{n} rânduri au valori de etapă care nu sunt în modelul de etape „{model}”: "
                                  "{values}. Sunt păstrate; adăugați-le în model pentru a le folosi.",
    "ingest.note.no_model": "Nu ați ales încă un model de etape: alegeți unul (sau enumerați etapele) pentru a "
                            "vedea parcursul clientului.",
    "ingest.note.replaced": "Importul anterior al acestui fișier (importul {id}) a fost înlocuit.",
    "ingest.note.lifecycle": "Jurnal de evenimente: au fost lăsate deoparte {n} evenimente al căror „{column}” este "
                             "{others}, astfel încât fiecare activitate să conteze o dată, când a fost "
                             "„{lifecycle}”; evenimente păstrate: {kept}. (Alegeți „all” pentru a le păstra pe "
                             "toate.)",
    "ingest.note.ties_stage": "Evenimente cu aceeași oră: {customers} clienți au evenimente la aceeași oră ale "
                              "căror rânduri nu sunt în ordinea etapelor ({moves} pași înapoi în ordinea din "
                              "fișier). Evenimentele cu aceeași oră sunt ordonate după etapă, deci acestea nu sunt "
                              "numărate ca întoarceri. (Alegeți ordinea din fișier pentru a le număra.)",
    "ingest.note.ties_file": "Evenimente cu aceeași oră: {customers} clienți au evenimente la aceeași oră ale căror "
                             "rânduri nu sunt în ordinea etapelor; în ordinea din fișier ele contează ca {moves} "
                             "întoarceri. (Alegeți ordinea etapelor dacă rândurile cu aceeași oră nu au o ordine "
                             "anume.)",
    "ingest.note.values_chosen_once_vary": "Valori („{column}”): luate o dată pe client, cum ați ales (diferă între "
                                           "evenimentele a {varying} din {n} clienți).",
    "ingest.note.values_chosen_once_same": "Valori („{column}”): luate o dată pe client, cum ați ales (nu diferă "
                                           "între evenimente; clienți cu valori diferite: {varying} din {n}).",
    "ingest.note.values_chosen_sum_vary": "Valori („{column}”): adunate pe evenimentele fiecărui client, cum ați "
                                          "ales (diferă între evenimentele a {varying} din {n} clienți).",
    "ingest.note.values_chosen_sum_same": "Valori („{column}”): adunate pe evenimentele fiecărui client, cum ați "
                                          "ales (nu diferă între evenimente; clienți cu valori diferite: {varying} "
                                          "din {n}).",
    "ingest.note.values_once": "Valori („{column}”): aceleași pe fiecare rând al fiecăruia dintre cei {n} clienți "
                               "care au una, deci sunt citite ca valoarea clientului și luate o dată (nu adunate pe "
                               "rânduri). Dacă sunt sume pe eveniment, alegeți să le adunați.",
    "ingest.note.values_sum": "Valori („{column}”): diferă între evenimentele a {varying} din {n} clienți, deci "
                              "sunt citite ca sume pe eveniment și adunate pe client. Dacă sunt o singură valoare "
                              "pe client, alegeți să fie luate o dată.",
    "ingest.note.after_import_failed": "Importul a fost salvat; doar ordinea parcursului și rezumatul etapelor, "
                                       "scrise după el, au eșuat și vor fi aduse la zi la următoarea folosire a "
                                       "spațiului de lucru: {error}",
    "mapping.no_column": "Nu există coloana „{header}”. Coloanele sunt: {columns}.",
    "mapping.no_column_in_file": "Nu există coloana „{header}” în „{file}”. Coloanele sunt: {columns}.",
    "mapping.not_a_field": "„{field}” nu este un câmp. Asociați „{header}” cu unul dintre: {fields} (sau lăsați-o "
                           "deoparte).",
    "mapping.twice": "Atât „{first}”, cât și „{second}” sunt asociate cu {field}. Asociați doar una dintre ele.",
    "mapping.missing_one": "Nu există o coloană pentru {field}. Coloanele sunt: {columns}. Alegeți în tabelul de "
                           "asociere coloana care conține {field}.",
    "mapping.missing_one_in_file": "Nu există o coloană pentru {field} în „{file}”. Coloanele sunt: {columns}. "
                                   "Alegeți în tabelul de asociere coloana care conține {field}.",
    "mapping.missing_two": "Nu există coloane pentru {first} și {second}. Coloanele sunt: {columns}. Alegeți în "
                           "tabelul de asociere coloana care conține {first} și pe cea care conține {second}.",
    "mapping.missing_two_in_file": "Nu există coloane pentru {first} și {second} în „{file}”. Coloanele sunt: "
                                   "{columns}. Alegeți în tabelul de asociere coloana care conține {first} și pe "
                                   "cea care conține {second}.",
    "ingest.dates_ambiguous": "Datele din coloana „{column}” pot fi citite și cu ziua întâi, și cu luna întâi (de "
                              "ex. {examples}). Alegeți ordinea: zi/lună/an sau lună/zi/an.",
    "ingest.note.unknown_words": "Cuvinte de emoție necunoscute în coloana „{column}”: {words}. Rândurile sunt "
                                 "păstrate, cu cuvântul ca text; dați fiecărui cuvânt un scor în Setări.",
    "ingest.note.emotion_from": "Emoția a fost luată din „{column}” (scala {scale} -> -2..+2); asociați o coloană "
                                "de emoție pentru a o folosi pe aceea.",
    "ingest.bad_emotion_score": "Un scor de emoție este un număr întreg de la −2 la +2; verificați: {words}.",
    "store.backup.too_large": "Nu s-a păstrat nicio copie de siguranță înainte de această operație ({reason}): "
                              "spațiul de lucru ({mb} MB) este mai mare decât CJM_BACKUP_MAX_MB ({limit} MB).",
    "store.backup.no_room": "Nu s-a păstrat nicio copie de siguranță înainte de această operație ({reason}): discul "
                            "nu are loc pentru o copie a spațiului de lucru ({mb} MB).",
    "store.backup.failed": "Nu s-a păstrat nicio copie de siguranță înainte de această operație ({reason}): {detail}.",
    "store.backup.bad_copy": "Nu s-a păstrat nicio copie de siguranță înainte de această operație ({reason}): copia "
                             "nu a putut fi recitită întreagă (spațiul de lucru este deteriorat sau s-a schimbat în "
                             "timpul copierii).",
    "store.no_backups": "Nu există copia de siguranță „{id}” a spațiului de lucru „{workspace}” (copii: niciuna; le "
                        "puteți lista cu python -m cjm backups).",
    "store.no_such_backup": "Nu există copia de siguranță „{id}” a spațiului de lucru „{workspace}” (copii: {ids}; "
                            "le puteți lista cu python -m cjm backups).",
    "store.io": "Spațiul de lucru nu poate fi deschis sau scris: {detail}",
    "store.newer_schema": "Acest spațiu de lucru a fost scris de o versiune mai nouă de CJM Dashboard (schema "
                          "{schema}); actualizați CJM Dashboard pentru a-l deschide.",
    "store.saved_before": "Modificarea fusese salvată înainte de această problemă.",
    "store.nothing_changed": "Nu s-a modificat nimic.",
    "store.disk_full": "Discul pe care se află spațiul de lucru „{path}” este plin. {saved} Eliberați spațiu pe el "
                       "și încercați din nou.",
    "store.invalidated": "Spațiul de lucru „{path}” s-a oprit după o eroare anterioară de disc (de ex. disc plin). "
                         "Tot ce s-a salvat înainte este păstrat; remediați cauza și încercați din nou (spațiul de "
                         "lucru se redeschide).",
    "store.busy": "Spațiul de lucru „{path}” este deschis în alt CJM Dashboard. Închideți acea fereastră sau "
                  "comandă ori alegeți alt spațiu de lucru (--workspace sau CJM_WORKSPACE).",
    "store.read_only": "În spațiul de lucru „{path}” sau în dosarul lui nu se poate scrie (doar citire sau fără "
                       "permisiune: {detail}). {saved} Permiteți scrierea în fișier și în dosarul lui sau copiați "
                       "spațiul de lucru într-un dosar în care puteți scrie.",
    "store.io_fault": "Spațiul de lucru „{path}” nu poate fi citit sau scris ({detail}). {saved} Verificați discul "
                      "și încercați din nou.",
    "store.damaged": "Spațiul de lucru „{path}” este deteriorat ({detail}). {offer}",
    "store.damaged_no_backup": "Nu există nicio copie de siguranță a lui; alegeți alt spațiu de lucru sau importați "
                               "fișierele într-unul nou.",
    "store.damaged_backup": "Cea mai recentă copie de siguranță bună este {id} ({when}, înainte de: {reason}): o "
                            "puteți restaura cu: python -m cjm --workspace {path} backups --restore {id} (sau cu "
                            "butonul Restaurare din pagina Setări).",
    "store.not_workspace": "„{path}” nu este un spațiu de lucru CJM Dashboard sau este deteriorat ({detail}). "
                           "Alegeți alt fișier.",
    "store.not_prepared": "Spațiul de lucru „{path}” nu a putut fi pregătit ({detail}).",
    "store.stale_note": "Altcineva a salvat această notă în timp ce o editați; textul dumneavoastră nu a fost "
                        "salvat, al celuilalt este păstrat. Păstrați textul dumneavoastră, păstrați-l pe al lui sau "
                        "combinați-le și salvați din nou.",
    "store.bad_lane": "„{lane}” nu este un rând al hărții parcursului; rândurile sunt: {lanes}.",
    "store.bad_status": "Starea trebuie să fie una dintre: {statuses}.",
    "store.scenario_no_name": "Dați un nume scenariului înainte de a-l salva.",
    "store.bad_assumed_kind": "„{kind}” nu este un tip de curbă presupusă; tipurile sunt: {kinds}.",
    "store.assumed_out_of_range": "Emoția presupusă trebuie să fie între −2 și +2; {value} este în afara intervalului.",
    "store.moment_no_touchpoint": "Numiți punctul de contact de marcat ca moment important.",
    "store.persona_no_name": "Completați numele pentru persona înainte de a o salva.",
    "store.bad_role": "„{role}” nu este un rol din echipa de cumpărare; rolurile sunt: {roles}.",
    "core.two_stages": "Un model de etape are nevoie de cel puțin două etape.",
    "core.two_stages_example": "Un model de etape are nevoie de cel puțin două etape, în ordinea parcursului (de "
                               "ex. „awareness,purchase”).",
    "core.too_many_stages": "Un model de etape poate avea cel mult {max} etape; acesta are {n}. Uniți etapele care "
                            "sunt pași ai aceleiași faze (de ex. mai mulți pași de cercetare în Cercetare).",
    "core.stage_name": "„{label}”",
    "core.stage_name_was": "„{label}” (numită inițial „{key}”)",
    "core.same_stage_name": "Două etape au același nume: {first} și {second}. Dați fiecărei etape un nume diferit.",
    "core.same_outcome_name": "Două rezultate au același nume: „{first}” și „{second}”. Dați fiecărui rezultat un "
                              "nume diferit.",
    "core.not_enough_to_infer": "Nu sunt destule date pentru a propune etape (sunt necesare evenimente cu cel puțin "
                                "două valori de etapă diferite): importați mai întâi un fișier sau indicați etapele "
                                "dumneavoastră.",
    "core.too_many_values": "Datele au {n} valori de etapă diferite; un model de etape poate avea cel mult {max}. "
                            "Indicați etapele dumneavoastră (valorile de etapă care contează, în ordinea "
                            "parcursului); celelalte valori sunt păstrate și raportate ca fiind în afara modelului.",
    "core.keep_two": "Păstrați cel puțin două valori de etapă ca etape, în ordinea parcursului.",
    "core.too_many_kept": "Sunt păstrate {n} valori de etapă; un model de etape poate avea cel mult {max}. "
                          "Renunțați la valorile care nu sunt etape ale parcursului (ele rămân în date).",
    "core.outcome_of_dropped": "„{value}” este un rezultat al „{target}”, care nu este o etapă păstrată. Etapele "
                               "sunt: {stages}.",
    "core.won_not_kept": "Etapa câștigată „{won}” nu este o etapă păstrată. Etapele sunt: {stages}.",
    "core.won_not_in_model": "Etapa câștigată „{won}” nu este o etapă a modelului. Etapele sunt: {stages}.",
    "core.unknown_stage": "Etapă necunoscută: „{stage}”. Etapele sunt: {stages}.",
    "core.unknown_model": "Model de etape necunoscut: „{name}”. Alegeți unul dintre: {presets} sau indicați etapele "
                          "dumneavoastră cu --stages „a,b,c”.",
    "core.stage_twice": "Etapa „{stage}” apare de două ori în lista de etape (ca „{first}”). Indicați fiecare etapă "
                        "o singură dată.",
    "analyses.flows_by": "Fluxurile pot fi arătate după „stage” sau „touchpoint”, nu după „{value}”.",
    "analyses.flows_top": "Numărul de puncte de contact afișate trebuie să fie un număr întreg de cel puțin 1, nu "
                          "{value}.",
    "analyses.emotion_by": "Emoția nu poate fi defalcată după „{by}”; alegeți unul dintre: {fields}.",
    "analyses.stage_filter_needs_model": "Un filtru de etapă are nevoie de un model de etape; alegeți unul în "
                                         "Setări sau cu --stage-model.",
    "analyses.funnel_mode": "Mod de pâlnie necunoscut: „{mode}”; alegeți „furthest” sau „visited”.",
    "analyses.funnel_window": "Fereastra de conversie trebuie să fie un număr întreg de zile (0 sau mai mult), nu "
                              "{value}.",
    "analyses.funnel_window_mode": "Fereastra de conversie funcționează cu modul de pâlnie „furthest”; schimbați "
                                   "modul sau renunțați la fereastră.",
    "analyses.funnel_by": "Pâlnia nu poate fi defalcată după „{by}”; alegeți unul dintre: {fields}.",
    "analyses.period_two_dates": "Perioada {name} trebuie să fie două date (prima zi, ultima zi).",
    "analyses.period_not_dates": "Perioada {name} trebuie să fie două date (prima zi, ultima zi), nu {value}.",
    "analyses.period_reversed": "Perioada {name} se termină ({end}) înainte să înceapă ({start}); inversați datele.",
    "analyses.as_of": "Data de referință trebuie să fie o dată, nu {value}.",
    "analyses.idle_days": "Numărul de zile de inactivitate trebuie să fie un număr de 0 sau mai mult, nu {value}.",
    "pain.formula_text": "impact = negativitate × (clienți + pierduți) × pondere a valorii\n"
                         "negativitate = minus emoția medie a punctului de contact în acea etapă, când este sub 0 "
                         "(scala −2..+2); altfel 0\n"
                         "clienți = clienții care au avut punctul de contact în acea etapă\n"
                         "pierduți = cei dintre ei care nu au trecut de acea etapă (o etapă finală nu pierde pe "
                         "nimeni)\n"
                         "pondere a valorii = valoarea medie a acestor clienți ÷ valoarea medie a tuturor "
                         "clienților (1 fără valori)\n"
                         "Un client fără valoare contează cu valoarea medie a segmentului său (sau a tuturor).\n"
                         "Punctele de contact a căror emoție medie nu este negativă au impactul 0 și nu sunt "
                         "listate.",
    "whatif.last_stage": "„{stage}” este ultima etapă; nu are o conversie de modificat. Alegeți una dintre: {stages}.",
    "whatif.why_last_stage": "este ultima etapă",
    "whatif.why_no_scores": "acolo nu există scoruri de emoție",
    "whatif.fix_unavailable": "Rezolvarea unui punct dureros la {where} nu este disponibilă: {why}.",
    "whatif.bad_horizon": "Orizontul este un număr întreg de luni de la 1 la 120, nu {value}.",
    "whatif.bad_unit": "O modificare de conversie se dă în „pp” (puncte procentuale) sau „%” (relativ), nu în "
                       "„{unit}”.",
    "whatif.target_off_scale": "O țintă de emoție este pe scala −2..+2; {target} este în afara ei.",
    "whatif.not_a_number": "Valoarea pentru {what} trebuie să fie un număr, nu {value}.",
    "whatif.what.conversion_change": "modificarea conversiei",
    "whatif.what.emotion_target": "ținta de emoție",
    "whatif.what.inflow_change": "modificarea afluxului de clienți noi",
    "whatif.what.value_change": "modificarea valorii",
    "whatif.what.referral_rate": "rata de recomandare",
    "whatif.below_minus_100": "O scădere de peste −100 % ar face afluxul sau valoarea negative; folosiți cel mult "
                              "−100 %.",
    "whatif.negative_referral_rate": "Rata de recomandare (clienți potențiali noi pe client câștigat) nu poate fi "
                                     "negativă.",
    "whatif.bad_saved_scenario": "Scenariul salvat „{name}” nu poate fi citit ({detail}); ștergeți-l și salvați-l "
                                 "din nou.",
    "whatif.no_events": "Nu există evenimente în etapele modelului „{model}” cu filtrele actuale. Lărgiți filtrele "
                        "sau verificați modelul de etape în Setări.",
    "whatif.no_dates": "Modelul de scenarii are nevoie de date calendaristice pentru a calcula clienții pe lună, "
                       "iar niciunul dintre evenimentele selectate nu are. Asociați o coloană de dată (timestamp) "
                       "la import.",
    "whatif.lever.inflow": "Aflux {pct} %",
    "whatif.lever.conversion_pp": "Conversie {stage} → {next} {amount} pp",
    "whatif.lever.conversion_pct": "Conversie {stage} → {next} {amount} % (relativ)",
    "whatif.lever.fix": "Emoția la {where} → {target}",
    "whatif.lever.value": "Valoare pe client {pct} %",
    "whatif.lever.referral": "Rata de recomandare {rate}",
    "whatif.note.no_referrals": "Nu există o sursă de recomandări în date și nu este setată o rată de recomandare: "
                                "bucla de recomandări este oprită.",
    "whatif.why.no_scores": "nu există scoruri de emoție în această etapă",
    "whatif.why.few_customers": "doar {n} clienți cu scor de emoție (sunt necesari cel puțin {min})",
    "whatif.why.few_each": "{k} din {n} clienți au trecut la etapa următoare; sunt necesari cel puțin {min} care au "
                           "trecut și {min} care nu au trecut",
    "whatif.why.same_score": "toți clienții au același scor de emoție, deci efectul lui nu se poate vedea",
    "whatif.why.separation": "scorul de emoție îi separă aproape perfect pe cei care au continuat de cei care nu au "
                             "continuat, deci nu există o estimare stabilă",
    "whatif.elasticity.none": "{where}: nicio estimare — {reason}.",
    "whatif.elasticity.clear": "{where}: fiecare punct de emoție în plus ≈ {slope} pp conversie (IÎ 95 % {low} până "
                               "la {high}; n = {n}, emoție medie {mean}).",
    "whatif.elasticity.unclear": "{where}: fiecare punct de emoție în plus ≈ {slope} pp conversie (IÎ 95 % {low} "
                                 "până la {high}; n = {n}, emoție medie {mean}); intervalul include zero, deci "
                                 "datele nu arată un efect clar.",
    "whatif.source.referred": "{n} clienți recomandați în date / {won} câștigați",
    "whatif.source.advocates": "{n} susținători în date / {won} câștigați, presupunând {per} recomandare pe susținător",
    "whatif.source.none": "nicio sursă de recomandări în date",
    "whatif.source.no_won": "{source} (niciun client câștigat)",
    "whatif.assume.inflow": "{customers} clienți au intrat în {stage} în {months} luni: {per_month} pe lună.",
    "whatif.assume.inflow_period": "{customers} clienți au intrat în {stage} în {months} luni (de la {start} până "
                                   "la {end}): {per_month} pe lună.",
    "whatif.assume.conversion": "{stage} → {next}: {pct} din {n} clienți au continuat.",
    "whatif.assume.won": "„Câștigat” = a ajuns la {stage}: {per_month} pe lună.",
    "whatif.assume.won_assumed": "„Câștigat” = a ajuns la {stage}: {per_month} pe lună. Modelul de etape nu numește "
                                 "o etapă câștigată, așa că se presupune a doua etapă: alegeți etapa câștigată în "
                                 "Setări.",
    "whatif.assume.no_values": "Nu există valori ale contractelor în date: venitul nu este proiectat.",
    "whatif.assume.value_once": "Valoare pe client câștigat: {value} (media pe {n} clienți câștigați cu o valoare; "
                                "valoarea fiecărui client luată o dată, fiind aceeași pe toate rândurile lui).",
    "whatif.assume.value_summed": "Valoare pe client câștigat: {value} (media pe {n} clienți câștigați cu o "
                                  "valoare; sumele fiecărui client adunate pe evenimentele lui).",
    "whatif.assume.no_referrals": "Nu există o sursă de recomandări în date: bucla de recomandări este oprită până "
                                  "setați o rată de recomandare.",
    "whatif.assume.referrals": "Rata de recomandare: {rate} clienți potențiali noi pe client câștigat ({source}); "
                               "recomandările făcute într-o lună intră în {stage} luna următoare.",
    "whatif.assume.steady": "Clienții trec prin pâlnie în luna în care intră (un flux constant); banda este "
                            "intervalul percentilelor 5–95 din {n} extrageri bootstrap pe clienți.",
    "cli.map_needs_pair": "--map are nevoie de HEADER=FIELD (de ex. --map „Kod=customer_id”), nu de „{item}”.",
    "cli.map_hint": "{error} Aici: --map „Antet=câmp” (de ex. --map „Kod=customer_id”).",
    "cli.dates_hint": "{error} Aici: --dayfirst sau --monthfirst.",
    "cli.option_needs": "{option} are nevoie de {example}, nu de „{item}”.",
    "cli.not_a_stage_value": "{option}: „{name}” nu este o valoare de etapă din date. Valorile sunt: {values}.",
    "cli.apply_needs_infer": "--apply se folosește cu --infer (python -m cjm stages --infer --apply).",
    "cli.keep_needs_infer": "--keep și --outcome se folosesc cu --infer (python -m cjm stages --infer --keep A,B,C).",
    "cli.model_first_edit": "Alegeți mai întâi un model de etape (--set NUME sau --set „a,b,c”), apoi editați-l.",
    "cli.model_first_won": "Alegeți mai întâi un model de etape (--set NUME sau --set „a,b,c”), apoi etapa lui "
                           "câștigată.",
    "cli.command_missing": "Comanda „{command}” nu este disponibilă în această instalare (lipsește {module}).",
    "cli.not_a_date": "{option} „{text}” nu este o dată; scrieți-o ca AAAA-LL-ZZ, de ex. 2026-01-31.",
    "cli.interrupted": "întrerupt",
    "cli.import_done": "{file}: rânduri citite {read}, încărcate {loaded}, respinse {rejected} (importul {id})",
    "cli.import_done_skipped": "{file}: rânduri citite {read}, încărcate {loaded}, respinse {rejected}, lăsate "
                               "deoparte {skipped} (importul {id})",
    "cli.mapping": "asociere: {pairs}",
    "cli.ignored": "coloane ignorate: {columns}",
    "cli.and_more": "... și încă {n}",
    "cli.infer_intro": "valorile de etapă din date (poziția tipică: rangul median al primei apariții; ultima: "
                       "ponderea clienților al căror parcurs se termină acolo):",
    "cli.col.value": "valoare",
    "cli.col.events": "evenimente",
    "cli.col.customers": "clienți",
    "cli.col.position": "poziție",
    "cli.col.last": "ultima",
    "cli.col.suggested": "sugestie",
    "cli.col.id": "cod",
    "cli.col.time": "ora",
    "cli.col.size": "mărime",
    "cli.col.reason": "motiv",
    "cli.word.final": "finală",
    "cli.word.won": "câștigată",
    "cli.word.dropped": "eliminată",
    "cli.stages": "etape:",
    "cli.outcome_positive": "rezultatul {outcome} la {stage} (pozitiv)",
    "cli.outcome_negative": "rezultatul {outcome} la {stage} (negativ)",
    "cli.infer_apply": "pentru a le folosi: adăugați --apply (alegeți cu --keep A,B,C, --final X, --outcome "
                       "VALOARE=ETAPĂ, --rename VALOARE=NOU, --won-stage S)",
    "cli.model_set": "model de etape setat: {name}",
    "cli.won_set": "etapa câștigată setată: {stage}",
    "cli.no_model": "niciun model de etape ales; modele predefinite: {presets} (setați unul cu --set NUME sau --set "
                    "„a,b,c”)",
    "cli.model": "model de etape: {name}",
    "cli.model_none": "model de etape: (niciunul)",
    "cli.events": "{n} evenimente",
    "cli.not_in_model": "valori de etapă care nu sunt în model:",
    "cli.info_workspace": "spațiu de lucru: {path}",
    "cli.info_events": "evenimente: {n} ({customers} clienți)",
    "cli.info_imports": "importuri: {n}",
    "cli.info_import": "{file}: citite {read}, încărcate {loaded}, respinse {rejected} ({when})",
    "cli.restored": "copia de siguranță {id} ({when}, înainte de: {reason}) a fost restaurată în {path}",
    "cli.restore_kept": "starea dinainte de restaurare este păstrată ca copia de siguranță {id}",
    "cli.no_backups": "încă nu există copii de siguranță pentru {path} (sunt păstrate în {folder} înainte de "
                      "fiecare import, înlocuire și schimbare a modelului de etape)",
    "cli.backups": "copiile de siguranță pentru {path} (cele mai noi întâi):",
    "cli.restore_how": "restaurați una cu: python -m cjm backups --restore ID",
    "report.cannot_write": "Registrul de lucru „{path}” nu poate fi scris: {detail}. Alegeți alt nume de fișier sau "
                           "alt dosar și închideți fișierul dacă este deschis în Excel.",
    "report.sheet.about": "Despre",
    "report.sheet.funnel": "Pâlnie",
    "report.sheet.transitions": "Tranziții",
    "report.sheet.channels": "Canale",
    "report.sheet.channel_gaps": "Goluri de canal",
    "report.sheet.touchpoints": "Puncte de contact",
    "report.sheet.emotion_curve": "Curba emoțiilor",
    "report.sheet.emotion_touchpoints": "Emoții pe puncte de contact",
    "report.sheet.nps": "NPS (general)",
    "report.sheet.nps_by_stage": "NPS pe etape",
    "report.sheet.nps_by_segment": "NPS pe segmente",
    "report.sheet.pain_points": "Puncte dureroase",
    "report.sheet.stuck": "Blocați",
    "report.sheet.stuck_customers": "Clienți blocați",
    "report.sheet.backwards": "Întoarceri",
    "report.sheet.backwards_moves": "Întoarceri, fiecare",
    "report.col.item": "Element",
    "report.col.value": "Valoare",
    "report.col.stage_idx": "Nr. etapă",
    "report.col.stage": "Cheia etapei",
    "report.col.label": "Etapă",
    "report.col.customers": "Clienți",
    "report.col.conversion": "Conversie din etapa anterioară",
    "report.col.conversion_from_first": "Conversie din prima etapă",
    "report.col.dropped": "Pierduți",
    "report.col.source": "Cheia etapei de plecare",
    "report.col.target": "Cheia etapei de sosire",
    "report.col.count": "Număr",
    "report.col.median_days": "Zile (mediana)",
    "report.col.source_label": "Etapa de plecare",
    "report.col.target_label": "Etapa de sosire",
    "report.col.channel": "Canal",
    "report.col.medium": "Mediu",
    "report.col.events": "Evenimente",
    "report.col.mean_emotion": "Emoție medie",
    "report.col.n_emotion": "Scoruri de emoție",
    "report.col.kind": "Tip",
    "report.col.touches_per_customer": "Contacte pe client",
    "report.col.median_touches_per_customer": "Contacte pe client (mediana)",
    "report.col.stages_with_channel": "Etape cu acest canal",
    "report.col.channel_events": "Evenimentele canalului",
    "report.col.touchpoint": "Punct de contact",
    "report.col.progressed_with": "Au continuat, cu punctul de contact",
    "report.col.n_with": "Clienți cu punctul de contact",
    "report.col.progressed_without": "Au continuat, fără punctul de contact",
    "report.col.n_without": "Clienți fără punctul de contact",
    "report.col.lift": "Creștere",
    "report.col.mean": "Emoție medie (curbă)",
    "report.col.n": "Număr (n)",
    "report.col.sd": "Abatere standard",
    "report.col.ci_low": "Interval 95 %, minim",
    "report.col.ci_high": "Interval 95 %, maxim",
    "report.col.order": "Ordine",
    "report.col.position": "Poziție",
    "report.col.promoters": "Promotori",
    "report.col.passives": "Pasivi",
    "report.col.detractors": "Detractori",
    "report.col.nps": "Scor NPS",
    "report.col.group": "Grup",
    "report.col.rank": "Loc",
    "report.col.drop_rate": "Rata de pierdere",
    "report.col.value_at_stake": "Valoare în joc",
    "report.col.negativity": "Negativitate",
    "report.col.value_weight": "Pondere a valorii",
    "report.col.impact": "Scor de impact",
    "report.col.stuck": "Clienți blocați",
    "report.col.threshold_days": "Prag de inactivitate (zile)",
    "report.col.customer_id": "ID client",
    "report.col.last_seen": "Văzut ultima dată",
    "report.col.days_idle": "Zile de inactivitate",
    "report.col.moves": "Întoarceri",
    "report.col.from_stage": "Cheia etapei anterioare",
    "report.col.to_stage": "Cheia etapei următoare",
    "report.col.from_label": "Etapa anterioară",
    "report.col.to_label": "Etapa următoare",
    "report.col.ts": "Ora",
    "report.col.from_idx": "Nr. etapei anterioare",
    "report.col.to_idx": "Nr. etapei următoare",
    "report.about.model": "Model de etape",
    "report.about.stages": "Etape",
    "report.about.filters": "Filtre",
    "report.about.formula": "Formula punctelor dureroase",
    "report.about.none": "niciunul",
    "report.filter.from": "De la",
    "report.filter.to": "Până la",
    "report.filter.segment": "Segment",
    "report.filter.persona": "Persona",
    "report.filter.role": "Rol",
    "report.filter.channel": "Canal",
    "report.filter.stages": "Etape",
    "analyses.persona_field": "Un card de persona reprezintă o valoare a câmpului {fields}, nu „{field}”.",
    "cli.report_no_model": "Acest spațiu de lucru nu are încă un model de etape. Importați un fișier cu --stage-model "
                           "NUME sau setați unul cu: python -m cjm stages --set five-stage (sau --set „a,b,c”).",
    "cli.report_no_events": "Acest spațiu de lucru nu are încă evenimente. Importați mai întâi un fișier: python -m cjm "
                            "import FIȘIER (sau încărcați datele de exemplu: python -m cjm sample).",
    "cli.whatif_conversion": "--conversion „{text}”: scrieți ETAPĂ=+5pp (puncte procentuale) sau ETAPĂ=+10% (relativ), "
                             "de ex. --conversion pre-purchase=+5pp.",
    "cli.whatif_percent": "{option} „{text}”: scrieți un procent precum +10% sau -5%.",
    "cli.whatif_fix": "--fix „{text}”: scrieți ETAPĂ=ȚINTĂ sau ETAPĂ:PUNCT=ȚINTĂ, cu ȚINTĂ pe scala de emoție -2..+2, "
                      "de ex. --fix client-experience=0.5.",
    "cli.whatif_no_scenario": "Nu există scenariul salvat „{name}” (salvate: {names}).",
    "cli.whatif_horizon": "--horizon „{text}”: scrieți un număr întreg de luni, de ex. 12.",
    "cli.whatif_referral_rate": "--referral-rate „{text}”: scrieți un număr precum 0.1 (clienți potențiali noi pe client "
                                "câștigat).",
    "ingest.reason.empty_customer_id": "Rândul {row}: ID-ul clientului lipsește (coloana „{column}”)",
    "ingest.reason.empty_stage": "Rândul {row}: etapa lipsește (coloana „{column}”)",
    "ingest.reason.not_date": "Rândul {row}: „{value}” nu este o dată (coloana „{column}”)",
    "ingest.reason.not_number": "Rândul {row}: „{value}” nu este un număr (coloana „{column}”)",
    "ingest.reason.not_nps": "Rândul {row}: „{value}” nu este un scor NPS (un număr întreg de la 0 la 10) (coloana "
                             "„{column}”)",
    "ingest.reason.off_scale": "Rândul {row}: „{value}” este în afara scalei de emoție (această coloană folosește scala "
                               "{scale}) (coloana „{column}”)",
    "ingest.reason.fields": "Rândul {row} are {got} câmpuri, antetul are {n} (verificați separatorii și ghilimelele din "
                            "acest rând)",
    "ingest.reason.unreadable": "Rândul {row} nu poate fi citit ({detail}); verificați ghilimelele",
    "store.reason.import": "importul „{file}”",
    "store.reason.replace": "înlocuirea „{file}”",
    "store.reason.stage_model": "schimbarea modelului de etape",
    "store.reason.restore": "restaurarea",
}
