-- Participation codes (stored as SHA-256 only) and processes that count verified votes only.
CREATE TABLE participation_code (
    code_hash   TEXT NOT NULL PRIMARY KEY,
    label       TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES staff (id),
    created_at  INTEGER NOT NULL,
    redeemed_by TEXT REFERENCES participant (id),
    redeemed_at INTEGER
) STRICT;
ALTER TABLE process ADD COLUMN verified_only INTEGER NOT NULL DEFAULT 0
    CHECK (verified_only IN (0, 1));
