-- Committee decisions on an idea itself (not on a project): the same columns as
-- committee_decision, keyed by the idea. Merging an idea moves them to the idea it was merged
-- into; deleting an idea (its author's data) deletes them.
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
CREATE INDEX idea_decision_idea ON idea_decision (idea_id, decided_on);
