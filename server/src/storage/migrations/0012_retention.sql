-- Retention (storage::retention): old mutation records and the change feed's private
-- tombstones are compacted; what a client must know about that lives here.
--
-- One row. `horizon_seq`: every change-feed entry ever compacted had a sequence number at or
-- below it, so a pull with 0 < cursor < horizon_seq may have missed one and is told to start
-- over (reset_required). `horizon_ms`: every compacted mutation record had a UUIDv7 id dated
-- before it, so a new mutation dated before it is refused (mutation_expired) instead of being
-- applied a second time.
CREATE TABLE retention (
    id           INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    horizon_seq  INTEGER NOT NULL,
    horizon_ms   INTEGER NOT NULL,
    compacted_at INTEGER
) STRICT;
INSERT INTO retention (id, horizon_seq, horizon_ms) VALUES (1, 0, 0);

-- The change feed has no timestamps. A mark (seq, at) states that every entry with a sequence
-- number up to `seq` was written before `at` (Unix ms); compaction records one each run and
-- ages feed entries by them.
CREATE TABLE feed_mark (
    seq INTEGER PRIMARY KEY NOT NULL,
    at  INTEGER NOT NULL
) STRICT;
INSERT INTO feed_mark (seq, at)
    SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'change_log'), 0),
           CAST(unixepoch('subsec') * 1000 AS INTEGER);
