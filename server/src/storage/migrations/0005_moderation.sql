-- Moderation: a process is pre- or post-moderated; ideas have a state, a reason the author
-- sees, a link to the idea a duplicate was merged into, and the office's official answer.
ALTER TABLE process ADD COLUMN moderation TEXT NOT NULL DEFAULT 'post'
    CHECK (moderation IN ('pre', 'post'));
ALTER TABLE idea ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
    CHECK (status IN ('pending', 'published', 'rejected', 'hidden', 'merged'));
ALTER TABLE idea ADD COLUMN reason TEXT;
ALTER TABLE idea ADD COLUMN merged_into TEXT REFERENCES idea (id);
ALTER TABLE idea ADD COLUMN answer_status TEXT
    CHECK (answer_status IN ('received', 'in_review', 'accepted', 'implemented', 'declined'));
ALTER TABLE idea ADD COLUMN answer_text TEXT;
ALTER TABLE idea ADD COLUMN answered_at INTEGER;
