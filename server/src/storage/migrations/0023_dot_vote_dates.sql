-- When a participant last changed their dot-vote allocation (ms since the Unix epoch), for the
-- participation statistics per day. Ballots placed before this migration keep 0 (undated).
ALTER TABLE dot_vote ADD COLUMN placed_at INTEGER NOT NULL DEFAULT 0;
