-- Citizens report ideas or comments to the moderators, once each.
CREATE TABLE report (
    id          TEXT NOT NULL PRIMARY KEY,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('idea', 'comment')),
    target_id   TEXT NOT NULL,
    reporter_id TEXT NOT NULL REFERENCES participant (id),
    reason      TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    resolved_at INTEGER,
    UNIQUE (target_kind, target_id, reporter_id)
) STRICT;
CREATE INDEX report_open ON report (resolved_at, created_at);
