-- Evaluation matrices (issue 14): options scored against criteria by invited
-- DigitalSupporters, each on a sheet of their own; and the role 'expert' for them.
--
-- SQLite cannot change a CHECK constraint, and rebuilding `staff` would need foreign keys
-- switched off (sessions, the audit log and participation codes refer to it), which cannot be
-- done inside the transaction a migration runs in. The constraint is widened in place instead,
-- the way SQLite documents for loosening constraints (lang_altertable.html#otheralter): no
-- stored row changes. `writable_schema = RESET` reloads this connection's schema; the CREATE
-- statements below bump the schema cookie, so every other connection reloads it too.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (role IN (''moderator'', ''admin''))',
                          'CHECK (role IN (''moderator'', ''admin'', ''expert''))')
 WHERE type = 'table' AND name = 'staff';
PRAGMA writable_schema = RESET;

CREATE TABLE matrix (
    id           TEXT PRIMARY KEY NOT NULL,
    process_id   TEXT NOT NULL REFERENCES process (id),
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('open', 'closed', 'published')),
    scale_min    INTEGER NOT NULL CHECK (scale_min BETWEEN 0 AND 10),
    scale_max    INTEGER NOT NULL CHECK (scale_max BETWEEN 1 AND 10 AND scale_max > scale_min),
    scale_labels TEXT NOT NULL,                -- JSON array of strings (none, or one per point)
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX matrix_process ON matrix (process_id, created_at);

-- Columns of the matrix, with the advantages and disadvantages noted for each (Tabelle 2).
CREATE TABLE matrix_option (
    id            TEXT PRIMARY KEY NOT NULL,
    matrix_id     TEXT NOT NULL REFERENCES matrix (id),
    position      INTEGER NOT NULL,
    source_kind   TEXT NOT NULL CHECK (source_kind IN ('text', 'idea', 'project')),
    source_id     TEXT,                         -- the idea's or project's id
    title         TEXT NOT NULL,
    advantages    TEXT NOT NULL,                -- JSON array of strings
    disadvantages TEXT NOT NULL                 -- JSON array of strings
) STRICT;
CREATE INDEX matrix_option_matrix ON matrix_option (matrix_id, position);

CREATE TABLE matrix_criterion (
    id          TEXT PRIMARY KEY NOT NULL,
    matrix_id   TEXT NOT NULL REFERENCES matrix (id),
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    weight      INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 10)
) STRICT;
CREATE INDEX matrix_criterion_matrix ON matrix_criterion (matrix_id, position);

-- Who may score a matrix (moderators and admins may without an invitation).
CREATE TABLE matrix_expert (
    matrix_id  TEXT NOT NULL REFERENCES matrix (id),
    staff_id   TEXT NOT NULL REFERENCES staff (id),
    invited_at INTEGER NOT NULL,
    PRIMARY KEY (matrix_id, staff_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX matrix_expert_staff ON matrix_expert (staff_id);

-- One row per scored cell of one staff member's sheet. A sheet is replaced as a whole by its
-- author; removing an option or criterion removes its cells.
CREATE TABLE matrix_score (
    matrix_id    TEXT NOT NULL REFERENCES matrix (id),
    staff_id     TEXT NOT NULL REFERENCES staff (id),
    option_id    TEXT NOT NULL REFERENCES matrix_option (id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL REFERENCES matrix_criterion (id) ON DELETE CASCADE,
    score        INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    note         TEXT,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (matrix_id, staff_id, option_id, criterion_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX matrix_score_option ON matrix_score (option_id);
CREATE INDEX matrix_score_criterion ON matrix_score (criterion_id);
