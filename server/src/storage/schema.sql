CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TRIGGER idea_fts_update AFTER UPDATE OF title ON idea BEGIN
    INSERT OR IGNORE INTO idea_fts_queue (idea_rowid) VALUES (new.rowid);
END;

CREATE TRIGGER tally_comment_delete AFTER DELETE ON comment
WHEN old.status = 'published' BEGIN
    UPDATE idea SET comment_count = comment_count - 1 WHERE id = old.idea_id;
END;

CREATE TRIGGER tally_comment_insert AFTER INSERT ON comment
WHEN new.status = 'published' BEGIN
    UPDATE idea SET comment_count = comment_count + 1 WHERE id = new.idea_id;
END;

CREATE TRIGGER tally_comment_update AFTER UPDATE OF status, idea_id ON comment
WHEN (old.status = 'published') <> (new.status = 'published') OR old.idea_id <> new.idea_id BEGIN
    UPDATE idea SET comment_count = comment_count - 1
        WHERE id = old.idea_id AND old.status = 'published';
    UPDATE idea SET comment_count = comment_count + 1
        WHERE id = new.idea_id AND new.status = 'published';
END;

CREATE TRIGGER tally_dot_delete AFTER DELETE ON dot_vote BEGIN
    UPDATE theme SET dot_points = dot_points - old.points WHERE id = old.theme_id;
    UPDATE process SET
        dots_placed = dots_placed - old.points,
        dot_voters = dot_voters - NOT EXISTS (
            SELECT 1 FROM dot_vote d WHERE d.process_id = old.process_id
            AND d.participant_id = old.participant_id)
    WHERE id = old.process_id;
END;

CREATE TRIGGER tally_dot_insert AFTER INSERT ON dot_vote BEGIN
    UPDATE theme SET dot_points = dot_points + new.points WHERE id = new.theme_id;
    UPDATE process SET
        dots_placed = dots_placed + new.points,
        dot_voters = dot_voters + NOT EXISTS (
            SELECT 1 FROM dot_vote d WHERE d.process_id = new.process_id
            AND d.participant_id = new.participant_id AND d.theme_id <> new.theme_id)
    WHERE id = new.process_id;
END;

CREATE TRIGGER tally_dot_update AFTER UPDATE ON dot_vote BEGIN
    UPDATE theme SET dot_points = dot_points - old.points WHERE id = old.theme_id;
    UPDATE theme SET dot_points = dot_points + new.points WHERE id = new.theme_id;
    UPDATE process SET dots_placed = dots_placed - old.points WHERE id = old.process_id;
    UPDATE process SET dots_placed = dots_placed + new.points WHERE id = new.process_id;
    UPDATE process SET dot_voters = dot_voters - NOT EXISTS (
            SELECT 1 FROM dot_vote d WHERE d.process_id = old.process_id
            AND d.participant_id = old.participant_id)
    WHERE id = old.process_id
      AND (old.process_id <> new.process_id OR old.participant_id <> new.participant_id);
    UPDATE process SET dot_voters = dot_voters + (
            SELECT COUNT(*) = 1 FROM dot_vote d WHERE d.process_id = new.process_id
            AND d.participant_id = new.participant_id)
    WHERE id = new.process_id
      AND (old.process_id <> new.process_id OR old.participant_id <> new.participant_id);
END;

CREATE TRIGGER tally_idea_delete AFTER DELETE ON idea
WHEN old.status = 'published' BEGIN
    UPDATE theme SET idea_count = idea_count - 1 WHERE id = old.theme_id;
END;

CREATE TRIGGER tally_idea_insert AFTER INSERT ON idea
WHEN new.status = 'published' BEGIN
    UPDATE theme SET idea_count = idea_count + 1 WHERE id = new.theme_id;
END;

CREATE TRIGGER tally_idea_update AFTER UPDATE OF status, theme_id ON idea
WHEN (old.status = 'published') <> (new.status = 'published') OR old.theme_id <> new.theme_id BEGIN
    UPDATE theme SET idea_count = idea_count - 1
        WHERE id = old.theme_id AND old.status = 'published';
    UPDATE theme SET idea_count = idea_count + 1
        WHERE id = new.theme_id AND new.status = 'published';
END;

CREATE TRIGGER tally_support_delete AFTER DELETE ON support BEGIN
    UPDATE idea SET support_count = support_count - 1 WHERE id = old.idea_id;
END;

CREATE TRIGGER tally_support_insert AFTER INSERT ON support BEGIN
    UPDATE idea SET support_count = support_count + 1 WHERE id = new.idea_id;
END;

CREATE TRIGGER tally_support_update AFTER UPDATE OF idea_id ON support
WHEN old.idea_id <> new.idea_id BEGIN
    UPDATE idea SET support_count = support_count - 1 WHERE id = old.idea_id;
    UPDATE idea SET support_count = support_count + 1 WHERE id = new.idea_id;
END;

CREATE TRIGGER tally_verified_dot_delete AFTER DELETE ON dot_vote
WHEN EXISTS (SELECT 1 FROM participant p WHERE p.id = old.participant_id
             AND p.verified_at IS NOT NULL) BEGIN
    UPDATE theme SET verified_dot_points = verified_dot_points - old.points
    WHERE id = old.theme_id;
    UPDATE process SET
        verified_dots_placed = verified_dots_placed - old.points,
        verified_dot_voters = verified_dot_voters - NOT EXISTS (
            SELECT 1 FROM dot_vote d WHERE d.process_id = old.process_id
            AND d.participant_id = old.participant_id)
    WHERE id = old.process_id;
END;

CREATE TRIGGER tally_verified_dot_insert AFTER INSERT ON dot_vote
WHEN EXISTS (SELECT 1 FROM participant p WHERE p.id = new.participant_id
             AND p.verified_at IS NOT NULL) BEGIN
    UPDATE theme SET verified_dot_points = verified_dot_points + new.points
    WHERE id = new.theme_id;
    UPDATE process SET
        verified_dots_placed = verified_dots_placed + new.points,
        verified_dot_voters = verified_dot_voters + NOT EXISTS (
            SELECT 1 FROM dot_vote d WHERE d.process_id = new.process_id
            AND d.participant_id = new.participant_id AND d.theme_id <> new.theme_id)
    WHERE id = new.process_id;
END;

CREATE TRIGGER tally_verified_dot_update AFTER UPDATE ON dot_vote BEGIN
    UPDATE theme SET verified_dot_points = verified_dot_points - old.points
    WHERE id = old.theme_id AND EXISTS (SELECT 1 FROM participant p
        WHERE p.id = old.participant_id AND p.verified_at IS NOT NULL);
    UPDATE theme SET verified_dot_points = verified_dot_points + new.points
    WHERE id = new.theme_id AND EXISTS (SELECT 1 FROM participant p
        WHERE p.id = new.participant_id AND p.verified_at IS NOT NULL);
    UPDATE process SET verified_dots_placed = verified_dots_placed - old.points
    WHERE id = old.process_id AND EXISTS (SELECT 1 FROM participant p
        WHERE p.id = old.participant_id AND p.verified_at IS NOT NULL);
    UPDATE process SET verified_dots_placed = verified_dots_placed + new.points
    WHERE id = new.process_id AND EXISTS (SELECT 1 FROM participant p
        WHERE p.id = new.participant_id AND p.verified_at IS NOT NULL);
    UPDATE process SET verified_dot_voters = verified_dot_voters - NOT EXISTS (
            SELECT 1 FROM dot_vote d WHERE d.process_id = old.process_id
            AND d.participant_id = old.participant_id)
    WHERE id = old.process_id
      AND (old.process_id <> new.process_id OR old.participant_id <> new.participant_id)
      AND EXISTS (SELECT 1 FROM participant p
          WHERE p.id = old.participant_id AND p.verified_at IS NOT NULL);
    UPDATE process SET verified_dot_voters = verified_dot_voters + (
            SELECT COUNT(*) = 1 FROM dot_vote d WHERE d.process_id = new.process_id
            AND d.participant_id = new.participant_id)
    WHERE id = new.process_id
      AND (old.process_id <> new.process_id OR old.participant_id <> new.participant_id)
      AND EXISTS (SELECT 1 FROM participant p
          WHERE p.id = new.participant_id AND p.verified_at IS NOT NULL);
END;

CREATE TRIGGER tally_verified_participant AFTER UPDATE OF verified_at ON participant
WHEN (old.verified_at IS NULL) <> (new.verified_at IS NULL) BEGIN
    UPDATE idea SET verified_support_count = verified_support_count
        + CASE WHEN new.verified_at IS NULL THEN -1 ELSE 1 END
    WHERE id IN (SELECT s.idea_id FROM support s WHERE s.participant_id = new.id);
    UPDATE theme SET verified_dot_points = verified_dot_points
        + CASE WHEN new.verified_at IS NULL THEN -1 ELSE 1 END
          * (SELECT COALESCE(SUM(d.points), 0) FROM dot_vote d
             WHERE d.participant_id = new.id AND d.theme_id = theme.id)
    WHERE id IN (SELECT d.theme_id FROM dot_vote d WHERE d.participant_id = new.id);
    UPDATE process SET
        verified_dots_placed = verified_dots_placed
            + CASE WHEN new.verified_at IS NULL THEN -1 ELSE 1 END
              * (SELECT COALESCE(SUM(d.points), 0) FROM dot_vote d
                 WHERE d.participant_id = new.id AND d.process_id = process.id),
        verified_dot_voters = verified_dot_voters
            + CASE WHEN new.verified_at IS NULL THEN -1 ELSE 1 END
    WHERE id IN (SELECT d.process_id FROM dot_vote d WHERE d.participant_id = new.id);
END;

CREATE TRIGGER tally_verified_support_delete AFTER DELETE ON support
WHEN EXISTS (SELECT 1 FROM participant p WHERE p.id = old.participant_id
             AND p.verified_at IS NOT NULL) BEGIN
    UPDATE idea SET verified_support_count = verified_support_count - 1 WHERE id = old.idea_id;
END;

CREATE TRIGGER tally_verified_support_insert AFTER INSERT ON support
WHEN EXISTS (SELECT 1 FROM participant p WHERE p.id = new.participant_id
             AND p.verified_at IS NOT NULL) BEGIN
    UPDATE idea SET verified_support_count = verified_support_count + 1 WHERE id = new.idea_id;
END;

CREATE TRIGGER tally_verified_support_update AFTER UPDATE OF idea_id, participant_id ON support
WHEN old.idea_id <> new.idea_id OR old.participant_id <> new.participant_id BEGIN
    UPDATE idea SET verified_support_count = verified_support_count - 1
    WHERE id = old.idea_id AND EXISTS (SELECT 1 FROM participant p
        WHERE p.id = old.participant_id AND p.verified_at IS NOT NULL);
    UPDATE idea SET verified_support_count = verified_support_count + 1
    WHERE id = new.idea_id AND EXISTS (SELECT 1 FROM participant p
        WHERE p.id = new.participant_id AND p.verified_at IS NOT NULL);
END;

CREATE TABLE audit_log (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    at       INTEGER NOT NULL,
    actor_id TEXT REFERENCES staff (id),     -- NULL: an anonymous participant
    action   TEXT NOT NULL,
    target   TEXT NOT NULL,
    before   TEXT,
    after    TEXT
) STRICT;

CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    kind      TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    owner_id  TEXT,
    UNIQUE (kind, entity_id)
) STRICT;

CREATE TABLE comment (
    id          TEXT PRIMARY KEY NOT NULL,
    idea_id     TEXT NOT NULL REFERENCES idea (id),
    author_id   TEXT NOT NULL REFERENCES participant (id),
    body        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
, status TEXT NOT NULL DEFAULT 'published'
    CHECK (status IN ('pending', 'published', 'rejected', 'hidden')), reason TEXT) STRICT;

CREATE TABLE committee_decision (
    id         TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES project (id),
    body       TEXT NOT NULL CHECK (body IN ('digitalisierungsausschuss', 'verwaltungsvorstand',
                                             'aufsichtsrat_swb', 'rat', 'other')),
    body_other TEXT,
    decided_on INTEGER NOT NULL,
    reference  TEXT NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('adopted', 'rejected', 'deferred', 'noted')),
    link       TEXT,
    body_text  TEXT NOT NULL
) STRICT;

CREATE TABLE dot_vote (
    process_id     TEXT NOT NULL REFERENCES process (id),
    participant_id TEXT NOT NULL REFERENCES participant (id),
    theme_id       TEXT NOT NULL REFERENCES theme (id),
    points         INTEGER NOT NULL CHECK (points BETWEEN 1 AND 255), placed_at INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (process_id, participant_id, theme_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE feed_mark (
    seq INTEGER PRIMARY KEY NOT NULL,
    at  INTEGER NOT NULL
) STRICT;

CREATE TABLE follow (
    participant_id TEXT NOT NULL REFERENCES participant (id),
    target_kind    TEXT NOT NULL CHECK (target_kind IN ('project', 'theme', 'idea')),
    target_id      TEXT NOT NULL,
    updated_at     INTEGER NOT NULL,
    PRIMARY KEY (participant_id, target_kind, target_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE idea (
    id          TEXT PRIMARY KEY NOT NULL,
    theme_id    TEXT NOT NULL REFERENCES theme (id),
    author_id   TEXT NOT NULL REFERENCES participant (id),
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
, status TEXT NOT NULL DEFAULT 'published'
    CHECK (status IN ('pending', 'published', 'rejected', 'hidden', 'merged')), reason TEXT, merged_into TEXT REFERENCES idea (id), answer_status TEXT
    CHECK (answer_status IN ('received', 'in_review', 'accepted', 'implemented', 'declined')), answer_text TEXT, answered_at INTEGER, support_count INTEGER NOT NULL DEFAULT 0, comment_count INTEGER NOT NULL DEFAULT 0, verified_support_count INTEGER NOT NULL DEFAULT 0, channel TEXT NOT NULL DEFAULT 'web'
    CHECK (channel IN ('web', 'code', 'kiosk', 'workshop')), workshop_id TEXT REFERENCES workshop (id) ON DELETE SET NULL) STRICT;

CREATE TABLE idea_decision (
    id         TEXT PRIMARY KEY NOT NULL,
    idea_id    TEXT NOT NULL REFERENCES idea (id),
    body       TEXT NOT NULL CHECK (body IN ('digitalisierungsausschuss', 'verwaltungsvorstand',
                                             'aufsichtsrat_swb', 'rat', 'other')),
    body_other TEXT,
    decided_on INTEGER NOT NULL,
    reference  TEXT NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('adopted', 'rejected', 'deferred', 'noted')),
    link       TEXT,
    body_text  TEXT NOT NULL
) STRICT;

CREATE VIRTUAL TABLE idea_fts USING fts5(
    words,
    content = '', contentless_delete = 1,
    tokenize = 'ascii'
);

CREATE TABLE 'idea_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'idea_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'idea_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);

CREATE TABLE 'idea_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE TABLE idea_fts_queue (
    idea_rowid INTEGER PRIMARY KEY       -- ideas whose title changed
) STRICT;

CREATE TABLE idea_fts_state (
    watermark INTEGER NOT NULL           -- highest idea rowid indexed
) STRICT;

CREATE TABLE instance (
    id TEXT NOT NULL PRIMARY KEY
) STRICT;

CREATE TABLE kiosk (
    id                 TEXT PRIMARY KEY NOT NULL,
    label              TEXT NOT NULL,
    workshop_id        TEXT,
    reset_seconds      INTEGER NOT NULL DEFAULT 90 CHECK (reset_seconds BETWEEN 20 AND 1800),
    pairing_code_hash  TEXT UNIQUE,             -- SHA-256 of the pairing code while it is open
    pairing_expires_at INTEGER,
    secret_hash        TEXT,                    -- SHA-256 of the credential, once paired
    pin_hash           TEXT,                    -- argon2id PHC string of the exit PIN
    created_by         TEXT NOT NULL REFERENCES staff (id),
    created_at         INTEGER NOT NULL,
    paired_at          INTEGER,
    revoked_at         INTEGER,
    last_seen          INTEGER
, own_reset INTEGER NOT NULL DEFAULT 1 CHECK (own_reset IN (0, 1))) STRICT;

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

CREATE TABLE matrix_criterion (
    id          TEXT PRIMARY KEY NOT NULL,
    matrix_id   TEXT NOT NULL REFERENCES matrix (id),
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    weight      INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 10)
) STRICT;

CREATE TABLE matrix_expert (
    matrix_id  TEXT NOT NULL REFERENCES matrix (id),
    staff_id   TEXT NOT NULL REFERENCES staff (id),
    invited_at INTEGER NOT NULL,
    PRIMARY KEY (matrix_id, staff_id)
) STRICT, WITHOUT ROWID;

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

CREATE TABLE milestone (
    id         TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES project (id),
    title      TEXT NOT NULL,
    due_on     INTEGER NOT NULL,
    done_on    INTEGER
) STRICT;

CREATE TABLE mutation (
    id             TEXT PRIMARY KEY NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participant (id),
    outcome        TEXT NOT NULL CHECK (outcome IN ('applied', 'rejected')),
    code           TEXT,
    message        TEXT,
    received_at    INTEGER NOT NULL
, channel TEXT
    CHECK (channel IN ('web', 'code', 'kiosk', 'workshop')), workshop_id TEXT REFERENCES workshop (id) ON DELETE SET NULL) STRICT;

CREATE TABLE participant (
    id          TEXT PRIMARY KEY NOT NULL,
    secret_hash TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT 'participant'
                CHECK (role IN ('participant', 'moderator', 'admin')),
    verified_at INTEGER,
    created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE participant_channel (
    participant_id TEXT PRIMARY KEY NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    channel        TEXT NOT NULL CHECK (channel IN ('web', 'code', 'kiosk', 'workshop')),
    kiosk_id       TEXT REFERENCES kiosk (id),
    workshop_id    TEXT,
    created_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE participation (
    participant_id TEXT NOT NULL REFERENCES participant (id),
    process_id     TEXT NOT NULL REFERENCES process (id),
    channel        TEXT NOT NULL CHECK (channel IN ('web', 'code', 'kiosk', 'workshop')),
    workshop_id    TEXT REFERENCES workshop (id),
    first_at       INTEGER NOT NULL
) STRICT;

CREATE TABLE participation_code (
    code_hash   TEXT NOT NULL PRIMARY KEY,
    label       TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES staff (id),
    created_at  INTEGER NOT NULL,
    redeemed_by TEXT REFERENCES participant (id),
    redeemed_at INTEGER
) STRICT;

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

CREATE TABLE process (
    id          TEXT PRIMARY KEY NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    dot_budget  INTEGER NOT NULL CHECK (dot_budget BETWEEN 0 AND 255),
    created_at  INTEGER NOT NULL
, moderation TEXT NOT NULL DEFAULT 'post'
    CHECK (moderation IN ('pre', 'post')), verified_only INTEGER NOT NULL DEFAULT 0
    CHECK (verified_only IN (0, 1)), dot_voters INTEGER NOT NULL DEFAULT 0, dots_placed INTEGER NOT NULL DEFAULT 0, starts_at INTEGER NOT NULL DEFAULT 0, ends_at INTEGER NOT NULL DEFAULT 0, is_current INTEGER NOT NULL DEFAULT 0
    CHECK (is_current IN (0, 1)), verified_dot_voters INTEGER NOT NULL DEFAULT 0, verified_dots_placed INTEGER NOT NULL DEFAULT 0, licence TEXT NOT NULL DEFAULT 'dl-de/by-2-0') STRICT;

CREATE TABLE project (
    id               TEXT PRIMARY KEY NOT NULL,
    process_id       TEXT NOT NULL REFERENCES process (id),
    theme_id         TEXT NOT NULL REFERENCES theme (id),
    title            TEXT NOT NULL,
    description      TEXT NOT NULL,
    responsible      TEXT NOT NULL,
    own_budget_cents INTEGER CHECK (own_budget_cents >= 0),
    programme        TEXT,
    programme_cents  INTEGER CHECK (programme_cents >= 0),
    status           TEXT NOT NULL
        CHECK (status IN ('planned', 'in_progress', 'paused', 'completed', 'discarded')),
    starts_on        INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
) STRICT;

CREATE TABLE project_idea (
    idea_id    TEXT PRIMARY KEY NOT NULL REFERENCES idea (id),
    project_id TEXT NOT NULL REFERENCES project (id),
    position   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE project_status (
    project_id TEXT NOT NULL REFERENCES project (id),
    at         INTEGER NOT NULL,
    status     TEXT NOT NULL
        CHECK (status IN ('planned', 'in_progress', 'paused', 'completed', 'discarded'))
) STRICT;

CREATE TABLE project_update (
    id         TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES project (id),
    at         INTEGER NOT NULL,
    body_text  TEXT NOT NULL
) STRICT;

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

CREATE TABLE retention (
    id           INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    horizon_seq  INTEGER NOT NULL,
    horizon_ms   INTEGER NOT NULL,
    compacted_at INTEGER
) STRICT;

CREATE TABLE sqlite_sequence(name,seq);

CREATE TABLE staff (
    id            TEXT NOT NULL PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,              -- argon2id, PHC string
    role          TEXT NOT NULL CHECK (role IN ('moderator', 'admin', 'expert')),
    created_at    INTEGER NOT NULL
, deactivated_at INTEGER, password_set_at INTEGER) STRICT;

CREATE TABLE staff_session (
    token_hash TEXT NOT NULL PRIMARY KEY,     -- SHA-256 of the cookie value
    staff_id   TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;

CREATE TABLE support (
    idea_id        TEXT NOT NULL REFERENCES idea (id),
    participant_id TEXT NOT NULL REFERENCES participant (id),
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (idea_id, participant_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE theme (
    id          TEXT PRIMARY KEY NOT NULL,
    process_id  TEXT NOT NULL REFERENCES process (id),
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    position    INTEGER NOT NULL
, idea_count INTEGER NOT NULL DEFAULT 0, dot_points INTEGER NOT NULL DEFAULT 0, retired_at INTEGER, verified_dot_points INTEGER NOT NULL DEFAULT 0) STRICT;

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

CREATE TABLE workshop_join (
    participant_id TEXT PRIMARY KEY NOT NULL REFERENCES participant (id),
    workshop_id    TEXT NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
    joined_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX change_log_owner ON change_log (owner_id, seq);

CREATE INDEX comment_idea ON comment (idea_id, created_at);

CREATE INDEX committee_decision_project ON committee_decision (project_id, decided_on);

CREATE INDEX dot_vote_participant ON dot_vote (participant_id);

CREATE INDEX dot_vote_theme ON dot_vote (theme_id);

CREATE INDEX follow_target ON follow (target_kind, target_id);

CREATE INDEX idea_decision_idea ON idea_decision (idea_id, decided_on);

CREATE INDEX idea_theme_created ON idea (theme_id, created_at);

CREATE INDEX idea_theme_support ON idea (theme_id, status, support_count DESC, created_at, id);

CREATE INDEX idea_theme_verified_support
    ON idea (theme_id, status, verified_support_count DESC, created_at, id);

CREATE INDEX kiosk_created ON kiosk (created_at);

CREATE INDEX matrix_criterion_matrix ON matrix_criterion (matrix_id, position);

CREATE INDEX matrix_expert_staff ON matrix_expert (staff_id);

CREATE INDEX matrix_option_matrix ON matrix_option (matrix_id, position);

CREATE INDEX matrix_process ON matrix (process_id, created_at);

CREATE INDEX matrix_score_criterion ON matrix_score (criterion_id);

CREATE INDEX matrix_score_option ON matrix_score (option_id);

CREATE INDEX milestone_project ON milestone (project_id, due_on);

CREATE INDEX mutation_participant ON mutation (participant_id);

CREATE INDEX participant_channel_kiosk ON participant_channel (kiosk_id, created_at);

CREATE INDEX participation_process ON participation (process_id, participant_id);

CREATE UNIQUE INDEX participation_unique
    ON participation (participant_id, process_id, channel, coalesce(workshop_id, ''));

CREATE INDEX participation_workshop ON participation (workshop_id, participant_id);

CREATE UNIQUE INDEX process_current ON process (is_current) WHERE is_current = 1;

CREATE INDEX project_idea_project ON project_idea (project_id, position);

CREATE INDEX project_status_project ON project_status (project_id, at);

CREATE INDEX project_theme ON project (theme_id);

CREATE INDEX project_update_project ON project_update (project_id, at);

CREATE INDEX report_open ON report (resolved_at, created_at);

CREATE INDEX staff_session_expiry ON staff_session (expires_at);

CREATE INDEX support_participant ON support (participant_id);

CREATE INDEX theme_process ON theme (process_id, position);

CREATE INDEX workshop_process ON workshop (process_id, starts_at);
