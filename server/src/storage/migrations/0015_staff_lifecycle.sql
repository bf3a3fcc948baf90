-- Staff accounts have a life cycle (storage::staff_accounts): an admin deactivates an account
-- (deactivated_at set; it cannot sign in and its sessions are deleted in the same
-- transaction) and reactivates it (NULL again); a password set by a reset or by its owner
-- records when (password_set_at; NULL: the one set when the account was created).
ALTER TABLE staff ADD COLUMN deactivated_at INTEGER;
ALTER TABLE staff ADD COLUMN password_set_at INTEGER;
