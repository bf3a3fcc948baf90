-- Projects (Maßnahmen, issue 13): created by staff, directly or from published ideas, with
-- milestones, committee decisions and dated updates; and what participants follow.
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
CREATE INDEX project_theme ON project (theme_id);

-- An idea belongs to at most one project ("Daraus wurde: Projekt X").
CREATE TABLE project_idea (
    idea_id    TEXT PRIMARY KEY NOT NULL REFERENCES idea (id),
    project_id TEXT NOT NULL REFERENCES project (id),
    position   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX project_idea_project ON project_idea (project_id, position);

CREATE TABLE milestone (
    id         TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES project (id),
    title      TEXT NOT NULL,
    due_on     INTEGER NOT NULL,
    done_on    INTEGER
) STRICT;
CREATE INDEX milestone_project ON milestone (project_id, due_on);

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
CREATE INDEX committee_decision_project ON committee_decision (project_id, decided_on);

-- Every status a project had, for its dated history.
CREATE TABLE project_status (
    project_id TEXT NOT NULL REFERENCES project (id),
    at         INTEGER NOT NULL,
    status     TEXT NOT NULL
        CHECK (status IN ('planned', 'in_progress', 'paused', 'completed', 'discarded'))
) STRICT;
CREATE INDEX project_status_project ON project_status (project_id, at);

-- No author column: updates carry no personal data.
CREATE TABLE project_update (
    id         TEXT PRIMARY KEY NOT NULL,
    project_id TEXT NOT NULL REFERENCES project (id),
    at         INTEGER NOT NULL,
    body_text  TEXT NOT NULL
) STRICT;
CREATE INDEX project_update_project ON project_update (project_id, at);

-- A row present = following. Last state wins (SetFollow states the wanted end state).
CREATE TABLE follow (
    participant_id TEXT NOT NULL REFERENCES participant (id),
    target_kind    TEXT NOT NULL CHECK (target_kind IN ('project', 'theme', 'idea')),
    target_id      TEXT NOT NULL,
    updated_at     INTEGER NOT NULL,
    PRIMARY KEY (participant_id, target_kind, target_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX follow_target ON follow (target_kind, target_id);
