"""The workspace's schema: canonical event fields, migrations, and how ``events`` is stored.

``meta.schema_version`` says which migrations ran; :func:`cjm.store.workspace.open_workspace` runs the rest.
"""

from __future__ import annotations

#: Canonical event fields, in display order, with their DuckDB types.
EVENT_FIELDS: dict[str, str] = {
    "customer_id": "VARCHAR",
    "timestamp": "TIMESTAMP",
    "stage": "VARCHAR",
    "touchpoint": "VARCHAR",
    "channel": "VARCHAR",
    "emotion": "DOUBLE",  # canonical -2..+2
    "satisfaction": "DOUBLE",
    "nps": "SMALLINT",
    "outcome": "VARCHAR",
    "segment": "VARCHAR",
    "persona": "VARCHAR",
    "role": "VARCHAR",
    "value": "DOUBLE",
    "cost": "DOUBLE",
    "comment": "VARCHAR",
}
REQUIRED_FIELDS = ("customer_id", "stage")

MIGRATIONS: list[tuple[int, list[str]]] = [
    (1, [
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        """CREATE TABLE imports (
            import_id INTEGER PRIMARY KEY, file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, sheet VARCHAR,
            rows_read BIGINT NOT NULL, rows_loaded BIGINT NOT NULL, rows_rejected BIGINT NOT NULL,
            mapping VARCHAR NOT NULL, options VARCHAR, warnings VARCHAR, imported_at TIMESTAMP NOT NULL)""",
        # seq: global file order (import order, then row order); the tie-breaker for equal timestamps.
        """CREATE TABLE events (
            seq BIGINT NOT NULL, import_id INTEGER NOT NULL, source_file VARCHAR NOT NULL, source_row BIGINT NOT NULL,
            customer_id VARCHAR NOT NULL, ts TIMESTAMP, stage VARCHAR NOT NULL,
            stage_idx SMALLINT, outcome_key VARCHAR,
            touchpoint VARCHAR, channel VARCHAR, emotion DOUBLE, emotion_raw VARCHAR, satisfaction DOUBLE,
            nps SMALLINT, outcome VARCHAR, segment VARCHAR, persona VARCHAR, role VARCHAR,
            value DOUBLE, cost DOUBLE, comment VARCHAR)""",
        """CREATE TABLE rejected (
            import_id INTEGER NOT NULL, file_name VARCHAR NOT NULL, source_row BIGINT, column_name VARCHAR,
            raw VARCHAR, reason VARCHAR NOT NULL)""",
        # The active stage model (one row), stored whole as JSON; see cjm.core.stage_model.StageModel.
        "CREATE TABLE stage_model (name VARCHAR NOT NULL, spec VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL)",
        """CREATE TABLE lanes (stage_key VARCHAR NOT NULL, lane VARCHAR NOT NULL, text VARCHAR NOT NULL,
            updated_at TIMESTAMP NOT NULL, PRIMARY KEY (stage_key, lane))""",
        """CREATE TABLE pain_status (stage_key VARCHAR NOT NULL, touchpoint VARCHAR NOT NULL, status VARCHAR NOT NULL,
            note VARCHAR, updated_at TIMESTAMP NOT NULL, PRIMARY KEY (stage_key, touchpoint))""",
        """CREATE TABLE scenarios (name VARCHAR PRIMARY KEY, spec VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)""",
    ]),
    # Customer keys: a small integer per customer id (customers), carried by every event (events.ckey). Journey
    # analyses group and partition by it, and events are stored in STORAGE_ORDER, which makes the per-customer
    # windows several times cheaper than on the text id in file order. Existing events get their keys here.
    (2, [
        "ALTER TABLE events ADD COLUMN ckey INTEGER",
        "CREATE TABLE customers (customer_id VARCHAR NOT NULL, ckey INTEGER NOT NULL)",
        """INSERT INTO customers SELECT customer_id, row_number() OVER (ORDER BY customer_id)
           FROM (SELECT DISTINCT customer_id FROM events)""",
        "UPDATE events SET ckey = c.ckey FROM customers c WHERE c.customer_id = events.customer_id",
    ]),
    # Each customer's furthest stage, set of stages, largest value and first segment over all events (no filters),
    # written after each import and valid for the data fingerprint noted in meta (see
    # cjm.store.kept.kept_in_workspace, which replaces the table whole with the columns of its query): the
    # unfiltered funnel, touchpoint lift and pain points read it instead of grouping every event again.
    (3, [
        """CREATE TABLE customer_reach (ckey INTEGER NOT NULL, furthest SMALLINT NOT NULL, mask BIGINT NOT NULL,
                                        v DOUBLE, seg VARCHAR)""",
    ]),
    # Team notes carry a version each (1 on first save, +1 on every save): a save that names the version it
    # started from is refused when someone saved in between (cjm.store.notes.StaleNoteError), instead of
    # silently overwriting their text. A cleared note keeps its row (empty text) so its version goes on.
    (4, [
        "ALTER TABLE lanes ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        "ALTER TABLE pain_status ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        "ALTER TABLE scenarios ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
        "ALTER TABLE scenarios ADD COLUMN updated_at TIMESTAMP",
        "INSERT OR IGNORE INTO meta VALUES ('notes_version', '0')",
    ]),
    # Workshop notes (issue 11): the team's assumed emotion per stage ("as is" and "to be", -2..+2; NULL when
    # cleared), the touchpoints the team marks as moments that matter, and persona cards. Versioned like lanes;
    # a deleted persona keeps its row (deleted = true) so its version goes on.
    (5, [
        """CREATE TABLE assumed (stage_key VARCHAR NOT NULL, kind VARCHAR NOT NULL, value DOUBLE,
            updated_at TIMESTAMP NOT NULL, version BIGINT NOT NULL, PRIMARY KEY (stage_key, kind))""",
        """CREATE TABLE moments (touchpoint VARCHAR PRIMARY KEY, marked BOOLEAN NOT NULL,
            updated_at TIMESTAMP NOT NULL, version BIGINT NOT NULL)""",
        """CREATE TABLE personas (persona_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, role VARCHAR,
            goals VARCHAR, quote VARCHAR, data_value VARCHAR, deleted BOOLEAN NOT NULL DEFAULT false,
            updated_at TIMESTAMP NOT NULL, version BIGINT NOT NULL)""",
    ]),
    # Journey management (issue 16): KPIs with a target per stage, actions taken on pain points (owner, due and
    # done dates: the effect is measured from the done date), and the team's touchpoint types. Versioned notes;
    # deleted rows stay (deleted = true) so their versions go on.
    (6, [
        """CREATE TABLE kpis (kpi_id VARCHAR PRIMARY KEY, stage_key VARCHAR NOT NULL, metric VARCHAR NOT NULL,
            target DOUBLE NOT NULL, direction VARCHAR NOT NULL, owner VARCHAR, breakdown VARCHAR,
            deleted BOOLEAN NOT NULL DEFAULT false, updated_at TIMESTAMP NOT NULL, version BIGINT NOT NULL)""",
        """CREATE TABLE actions (action_id VARCHAR PRIMARY KEY, stage_key VARCHAR NOT NULL, touchpoint VARCHAR,
            title VARCHAR NOT NULL, owner VARCHAR, due DATE, done DATE, deleted BOOLEAN NOT NULL DEFAULT false,
            updated_at TIMESTAMP NOT NULL, version BIGINT NOT NULL)""",
        """CREATE TABLE touchpoint_types (touchpoint VARCHAR PRIMARY KEY, type VARCHAR NOT NULL,
            updated_at TIMESTAMP NOT NULL, version BIGINT NOT NULL)""",
    ]),
]
#: How ``events`` is stored: each customer's events together, in journey order (see :mod:`cjm.store.order`).
STORAGE_ORDER = "ckey, ts NULLS LAST, seq"

SCHEMA_VERSION = MIGRATIONS[-1][0]
