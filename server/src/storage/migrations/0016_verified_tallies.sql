-- Verified-only counts (storage::tally, storage::verified): beside every vote tally of 0013 a
-- counterpart that counts only the votes of verified participants (participant.verified_at
-- set). Reads show the verified one while the process's verified_only is on. Kept current by
-- the triggers below, also when a participant becomes verified (redeeming a code); the
-- recount queries in storage::tally::RECOUNT are the specification:
--   idea.verified_support_count    supports of verified participants;
--   theme.verified_dot_points      dot points of verified participants;
--   process.verified_dot_voters    verified participants with a dot vote in it;
--   process.verified_dots_placed   dot points of verified participants in it.
-- A participant's votes are deleted before the participant (storage::privacy), so the delete
-- triggers still see whether they were verified.
ALTER TABLE idea ADD COLUMN verified_support_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE theme ADD COLUMN verified_dot_points INTEGER NOT NULL DEFAULT 0;
ALTER TABLE process ADD COLUMN verified_dot_voters INTEGER NOT NULL DEFAULT 0;
ALTER TABLE process ADD COLUMN verified_dots_placed INTEGER NOT NULL DEFAULT 0;

UPDATE idea SET verified_support_count = (
    SELECT COUNT(*) FROM support s JOIN participant p ON p.id = s.participant_id
    WHERE s.idea_id = idea.id AND p.verified_at IS NOT NULL);
UPDATE theme SET verified_dot_points = (
    SELECT COALESCE(SUM(d.points), 0) FROM dot_vote d JOIN participant p ON p.id = d.participant_id
    WHERE d.theme_id = theme.id AND p.verified_at IS NOT NULL);
UPDATE process SET
    verified_dot_voters = (
        SELECT COUNT(DISTINCT d.participant_id) FROM dot_vote d
        JOIN participant p ON p.id = d.participant_id
        WHERE d.process_id = process.id AND p.verified_at IS NOT NULL),
    verified_dots_placed = (
        SELECT COALESCE(SUM(d.points), 0) FROM dot_vote d
        JOIN participant p ON p.id = d.participant_id
        WHERE d.process_id = process.id AND p.verified_at IS NOT NULL);

-- The theme's ideas by verified supports, like idea_theme_support for all supports.
CREATE INDEX idea_theme_verified_support
    ON idea (theme_id, status, verified_support_count DESC, created_at, id);
-- A participant's dot votes (their verification recounts them; deleting them).
CREATE INDEX dot_vote_participant ON dot_vote (participant_id);

-- Supports.
CREATE TRIGGER tally_verified_support_insert AFTER INSERT ON support
WHEN EXISTS (SELECT 1 FROM participant p WHERE p.id = new.participant_id
             AND p.verified_at IS NOT NULL) BEGIN
    UPDATE idea SET verified_support_count = verified_support_count + 1 WHERE id = new.idea_id;
END;
CREATE TRIGGER tally_verified_support_delete AFTER DELETE ON support
WHEN EXISTS (SELECT 1 FROM participant p WHERE p.id = old.participant_id
             AND p.verified_at IS NOT NULL) BEGIN
    UPDATE idea SET verified_support_count = verified_support_count - 1 WHERE id = old.idea_id;
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

-- Dot votes.
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

-- A participant verified (or, should it ever happen, no longer): their votes start (stop)
-- counting in the verified tallies.
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
