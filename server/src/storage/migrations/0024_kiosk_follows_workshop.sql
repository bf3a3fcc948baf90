-- A kiosk set up for a workshop without a reset time of its own follows the workshop's
-- (issue 15): `own_reset` 0 means the kiosk's inactivity reset is its workshop's current
-- `reset_secs` (`reset_seconds` then only holds the value it was set up with, used if the
-- workshop is gone). Kiosks set up before took the workshop's time as their default, so one
-- that still has it follows the workshop from now on.
ALTER TABLE kiosk ADD COLUMN own_reset INTEGER NOT NULL DEFAULT 1 CHECK (own_reset IN (0, 1));
UPDATE kiosk SET own_reset = 0
 WHERE workshop_id IS NOT NULL
   AND reset_seconds = (SELECT w.reset_secs FROM workshop w WHERE w.id = kiosk.workshop_id);
