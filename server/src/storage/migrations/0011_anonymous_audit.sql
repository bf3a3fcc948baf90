-- A participant who deletes their identity leaves a line in the audit log that says a
-- deletion happened, not whose: its actor is NULL. SQLite cannot drop a NOT NULL, so the
-- table is rebuilt (rows, sequence numbers and the append-only triggers kept).
DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;
ALTER TABLE audit_log RENAME TO audit_log_old;
CREATE TABLE audit_log (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL,
    actor_id TEXT REFERENCES staff (id),     -- NULL: an anonymous participant
    action   TEXT NOT NULL,
    target   TEXT NOT NULL,
    before   TEXT,
    after    TEXT
) STRICT;
INSERT INTO audit_log (seq, at, actor_id, action, target, before, after)
    SELECT seq, at, actor_id, action, target, before, after FROM audit_log_old;
DROP TABLE audit_log_old;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
