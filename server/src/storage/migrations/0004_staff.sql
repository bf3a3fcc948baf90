-- Staff of the Digitalisierungsbüro, their sessions, and the append-only audit log.
CREATE TABLE staff (
    id            TEXT NOT NULL PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,              -- argon2id, PHC string
    role          TEXT NOT NULL CHECK (role IN ('moderator', 'admin')),
    created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE staff_session (
    token_hash TEXT NOT NULL PRIMARY KEY,     -- SHA-256 of the cookie value
    staff_id   TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX staff_session_expiry ON staff_session (expires_at);

CREATE TABLE audit_log (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES staff (id),
    action   TEXT NOT NULL,
    target   TEXT NOT NULL,
    before   TEXT,
    after    TEXT
) STRICT;

-- Append-only: the log cannot be changed or shortened, not even by a bug.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
