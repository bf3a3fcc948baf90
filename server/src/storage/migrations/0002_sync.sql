-- werkstadt schema, version 2: comments, the mutation log (at-most-once) and the change feed.

CREATE TABLE comment (
    id          TEXT PRIMARY KEY NOT NULL,
    idea_id     TEXT NOT NULL REFERENCES idea (id),
    author_id   TEXT NOT NULL REFERENCES participant (id),
    body        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX comment_idea ON comment (idea_id, created_at);

-- Every mutation ever received and its final result. Written in the same transaction as the
-- mutation's effects, so "applied" and the effects commit (or vanish) together.
CREATE TABLE mutation (
    id             TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participant (id),
    outcome        TEXT NOT NULL CHECK (outcome IN ('applied', 'rejected')),
    code           TEXT,
    message        TEXT,
    received_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX mutation_participant ON mutation (participant_id);

-- The change feed: one row per entity, moved to a new sequence number whenever the entity
-- changes. `owner_id` NULL means everyone may see it; otherwise only that participant.
CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    kind      TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    owner_id  TEXT,
    UNIQUE (kind, entity_id)
) STRICT;
CREATE INDEX change_log_owner ON change_log (owner_id, seq);

INSERT INTO change_log (kind, entity_id) SELECT 'process', id FROM process ORDER BY created_at, id;
INSERT INTO change_log (kind, entity_id) SELECT 'theme', id FROM theme ORDER BY position, id;
INSERT INTO change_log (kind, entity_id) SELECT 'idea', id FROM idea ORDER BY created_at, id;
INSERT INTO change_log (kind, entity_id, owner_id)
    SELECT 'support', idea_id || ':' || participant_id, participant_id FROM support ORDER BY created_at;
INSERT INTO change_log (kind, entity_id, owner_id)
    SELECT DISTINCT 'dots', participant_id, participant_id FROM dot_vote;
