-- Comments are moderated like ideas: under pre-moderation they wait; moderators approve,
-- reject or hide them with a reason their author sees.
ALTER TABLE comment ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
    CHECK (status IN ('pending', 'published', 'rejected', 'hidden'));
ALTER TABLE comment ADD COLUMN reason TEXT;
