-- Identifies this database. A restore from a backup or a new server gets another id, so app
-- cursors from before can be recognised as meaningless (the app then pulls from the start).
CREATE TABLE instance (
    id TEXT NOT NULL PRIMARY KEY
) STRICT;
INSERT INTO instance (id) SELECT lower(hex(randomblob(16)));
