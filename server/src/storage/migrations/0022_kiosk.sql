-- Kiosk mode (issue 15): shared touch screens paired by staff. A device holds only a kiosk
-- credential (a random secret, stored here as SHA-256), never a staff session; it vouches for
-- the participants it creates, one per visitor.
--
-- `workshop_id` names the workshop the kiosk serves (migration 0021's `workshop` table); it
-- is plain TEXT without a foreign key so that this migration stands on its own.
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
) STRICT;
CREATE INDEX kiosk_created ON kiosk (created_at);

-- The channel a participant took part through (`domain::channel::Channel`), for participants
-- that did not come through the website: the kiosk that created them (and later the workshop).
CREATE TABLE participant_channel (
    participant_id TEXT PRIMARY KEY NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    channel        TEXT NOT NULL CHECK (channel IN ('web', 'code', 'kiosk', 'workshop')),
    kiosk_id       TEXT REFERENCES kiosk (id),
    workshop_id    TEXT,
    created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX participant_channel_kiosk ON participant_channel (kiosk_id, created_at);
