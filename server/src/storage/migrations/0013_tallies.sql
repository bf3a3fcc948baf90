-- Tallies maintained on write (storage::tally): the counts and sums every read used to
-- recompute from the vote tables now live beside the rows they describe and are kept current
-- by triggers, in the transaction of the write that changes them. What each counts is exactly
-- what the recount queries counted (storage::tally::RECOUNT is the specification):
--   idea.support_count     supports of the idea (any state of the idea);
--   idea.comment_count     its published comments;
--   theme.idea_count       its published ideas;
--   theme.dot_points       the dot points placed on it;
--   process.dot_voters     participants with at least one dot vote in it;
--   process.dots_placed    the dot points placed in it.
ALTER TABLE idea ADD COLUMN support_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE idea ADD COLUMN comment_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE theme ADD COLUMN idea_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE theme ADD COLUMN dot_points INTEGER NOT NULL DEFAULT 0;
ALTER TABLE process ADD COLUMN dot_voters INTEGER NOT NULL DEFAULT 0;
ALTER TABLE process ADD COLUMN dots_placed INTEGER NOT NULL DEFAULT 0;

UPDATE idea SET
    support_count = (SELECT COUNT(*) FROM support s WHERE s.idea_id = idea.id),
    comment_count = (SELECT COUNT(*) FROM comment c
                     WHERE c.idea_id = idea.id AND c.status = 'published');
UPDATE theme SET
    idea_count = (SELECT COUNT(*) FROM idea i
                  WHERE i.theme_id = theme.id AND i.status = 'published'),
    dot_points = (SELECT COALESCE(SUM(d.points), 0) FROM dot_vote d WHERE d.theme_id = theme.id);
UPDATE process SET
    dot_voters = (SELECT COUNT(DISTINCT d.participant_id) FROM dot_vote d
                  WHERE d.process_id = process.id),
    dots_placed = (SELECT COALESCE(SUM(d.points), 0) FROM dot_vote d
                   WHERE d.process_id = process.id);

-- A theme's ideas by support (the list's default order and the results' top ideas) without
-- sorting: one index range per theme.
CREATE INDEX idea_theme_support ON idea (theme_id, status, support_count DESC, created_at, id);

-- Supports. (INSERT OR IGNORE of an existing support inserts nothing and fires nothing.)
CREATE TRIGGER tally_support_insert AFTER INSERT ON support BEGIN
    UPDATE idea SET support_count = support_count + 1 WHERE id = new.idea_id;
END;
CREATE TRIGGER tally_support_delete AFTER DELETE ON support BEGIN
    UPDATE idea SET support_count = support_count - 1 WHERE id = old.idea_id;
END;
CREATE TRIGGER tally_support_update AFTER UPDATE OF idea_id ON support
WHEN old.idea_id <> new.idea_id BEGIN
    UPDATE idea SET support_count = support_count - 1 WHERE id = old.idea_id;
    UPDATE idea SET support_count = support_count + 1 WHERE id = new.idea_id;
END;

-- Comments: only published ones count.
CREATE TRIGGER tally_comment_insert AFTER INSERT ON comment
WHEN new.status = 'published' BEGIN
    UPDATE idea SET comment_count = comment_count + 1 WHERE id = new.idea_id;
END;
CREATE TRIGGER tally_comment_delete AFTER DELETE ON comment
WHEN old.status = 'published' BEGIN
    UPDATE idea SET comment_count = comment_count - 1 WHERE id = old.idea_id;
END;
CREATE TRIGGER tally_comment_update AFTER UPDATE OF status, idea_id ON comment
WHEN (old.status = 'published') <> (new.status = 'published') OR old.idea_id <> new.idea_id BEGIN
    UPDATE idea SET comment_count = comment_count - 1
        WHERE id = old.idea_id AND old.status = 'published';
    UPDATE idea SET comment_count = comment_count + 1
        WHERE id = new.idea_id AND new.status = 'published';
END;

-- Ideas: only published ones count for their theme (approve, reject, hide, merge, move).
CREATE TRIGGER tally_idea_insert AFTER INSERT ON idea
WHEN new.status = 'published' BEGIN
    UPDATE theme SET idea_count = idea_count + 1 WHERE id = new.theme_id;
END;
CREATE TRIGGER tally_idea_delete AFTER DELETE ON idea
WHEN old.status = 'published' BEGIN
    UPDATE theme SET idea_count = idea_count - 1 WHERE id = old.theme_id;
END;
CREATE TRIGGER tally_idea_update AFTER UPDATE OF status, theme_id ON idea
WHEN (old.status = 'published') <> (new.status = 'published') OR old.theme_id <> new.theme_id BEGIN
    UPDATE theme SET idea_count = idea_count - 1
        WHERE id = old.theme_id AND old.status = 'published';
    UPDATE theme SET idea_count = idea_count + 1
        WHERE id = new.theme_id AND new.status = 'published';
END;

-- Dot votes: points per theme and process; a voter counts while they have any row in the
-- process (rows are keyed by process, participant and theme).
CREATE TRIGGER tally_dot_insert AFTER INSERT ON dot_vote BEGIN
    UPDATE theme SET dot_points = dot_points + new.points WHERE id = new.theme_id;
    UPDATE process SET
        dots_placed = dots_placed + new.points,
        dot_voters = dot_voters + NOT EXISTS (
            SELECT 1 FROM dot_vote d WHERE d.process_id = new.process_id
            AND d.participant_id = new.participant_id AND d.theme_id <> new.theme_id)
    WHERE id = new.process_id;
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
