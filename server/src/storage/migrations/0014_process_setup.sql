-- Processes set up in the staff app (issue 12): dates, one current process, fields of action
-- that can be retired, and dated phases that open modules (domain::setup::gate).
ALTER TABLE process ADD COLUMN starts_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE process ADD COLUMN ends_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE process ADD COLUMN is_current INTEGER NOT NULL DEFAULT 0
    CHECK (is_current IN (0, 1));
-- Earlier processes ran from their creation for a year; the newest is the current one.
UPDATE process SET starts_at = created_at, ends_at = created_at + 366 * 86400000;
UPDATE process SET is_current = 1
    WHERE id = (SELECT id FROM process ORDER BY created_at DESC, id DESC LIMIT 1);
CREATE UNIQUE INDEX process_current ON process (is_current) WHERE is_current = 1;

ALTER TABLE theme ADD COLUMN retired_at INTEGER;

CREATE TABLE phase (
    process_id TEXT NOT NULL REFERENCES process (id),
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL CHECK (ends_at > starts_at),
    ideas      INTEGER NOT NULL CHECK (ideas IN (0, 1)),
    supports   INTEGER NOT NULL CHECK (supports IN (0, 1)),
    dots       INTEGER NOT NULL CHECK (dots IN (0, 1)),
    comments   INTEGER NOT NULL CHECK (comments IN (0, 1)),
    PRIMARY KEY (process_id, position)
) STRICT, WITHOUT ROWID;
