-- Workshops (issue 15): events of a process that phones join by a short code, and the channel
-- every contribution came through (web, participation code, kiosk, workshop phone), so the
-- results can be counted per workshop and per channel.

CREATE TABLE workshop (
    id          TEXT PRIMARY KEY NOT NULL,
    process_id  TEXT NOT NULL REFERENCES process (id),
    code        TEXT NOT NULL UNIQUE,        -- join code, 6 symbols (domain::workshop)
    title       TEXT NOT NULL,
    place       TEXT NOT NULL,
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL CHECK (ends_at > starts_at),
    open_ideas    INTEGER NOT NULL CHECK (open_ideas IN (0, 1)),
    open_supports INTEGER NOT NULL CHECK (open_supports IN (0, 1)),
    open_dots     INTEGER NOT NULL CHECK (open_dots IN (0, 1)),
    open_comments INTEGER NOT NULL CHECK (open_comments IN (0, 1)),
    reset_secs  INTEGER NOT NULL CHECK (reset_secs BETWEEN 30 AND 600),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX workshop_process ON workshop (process_id, starts_at);

-- Phones that joined a workshop by its code (`POST /api/workshops/{code}/join`): their pushes
-- count for it while it runs. One row per participant; a new join replaces the previous one,
-- leaving deletes it.
CREATE TABLE workshop_join (
    participant_id TEXT PRIMARY KEY NOT NULL REFERENCES participant (id),
    workshop_id    TEXT NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
    joined_at      INTEGER NOT NULL
) STRICT;

-- Who took part through which channel: one row per participant, process, channel and
-- workshop, written with the first applied mutation that came that way. Not compacted (unlike
-- the mutation records), so the counts per channel and workshop last.
CREATE TABLE participation (
    participant_id TEXT NOT NULL REFERENCES participant (id),
    process_id     TEXT NOT NULL REFERENCES process (id),
    channel        TEXT NOT NULL CHECK (channel IN ('web', 'code', 'kiosk', 'workshop')),
    workshop_id    TEXT REFERENCES workshop (id),
    first_at       INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX participation_unique
    ON participation (participant_id, process_id, channel, coalesce(workshop_id, ''));
CREATE INDEX participation_workshop ON participation (workshop_id, participant_id);
CREATE INDEX participation_process ON participation (process_id, participant_id);

-- Each applied mutation's channel and workshop (NULL: recorded before tagging, or refused).
ALTER TABLE mutation ADD COLUMN channel TEXT
    CHECK (channel IN ('web', 'code', 'kiosk', 'workshop'));
ALTER TABLE mutation ADD COLUMN workshop_id TEXT REFERENCES workshop (id) ON DELETE SET NULL;
-- An idea's channel and workshop: ideas are the contribution counted per workshop for good.
ALTER TABLE idea ADD COLUMN channel TEXT NOT NULL DEFAULT 'web'
    CHECK (channel IN ('web', 'code', 'kiosk', 'workshop'));
ALTER TABLE idea ADD COLUMN workshop_id TEXT REFERENCES workshop (id) ON DELETE SET NULL;

-- Who took part before channels were recorded: through the web, or by participation code.
INSERT OR IGNORE INTO participation (participant_id, process_id, channel, first_at)
SELECT p.participant_id, p.process_id,
       CASE WHEN EXISTS (SELECT 1 FROM participation_code c WHERE c.redeemed_by = p.participant_id)
            THEN 'code' ELSE 'web' END,
       (SELECT created_at FROM participant WHERE id = p.participant_id)
  FROM (SELECT i.author_id AS participant_id, t.process_id FROM idea i JOIN theme t ON t.id = i.theme_id
        UNION SELECT s.participant_id, t.process_id FROM support s JOIN idea i ON i.id = s.idea_id
              JOIN theme t ON t.id = i.theme_id
        UNION SELECT d.participant_id, d.process_id FROM dot_vote d
        UNION SELECT c.author_id, t.process_id FROM comment c JOIN idea i ON i.id = c.idea_id
              JOIN theme t ON t.id = i.theme_id) p;
UPDATE idea SET channel = 'code'
 WHERE EXISTS (SELECT 1 FROM participation_code c WHERE c.redeemed_by = idea.author_id);
