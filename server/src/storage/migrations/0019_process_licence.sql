-- The licence a process's open data are published under (Datenlizenz Deutschland –
-- Namensnennung – 2.0 unless its admins choose another).
ALTER TABLE process ADD COLUMN licence TEXT NOT NULL DEFAULT 'dl-de/by-2-0';
