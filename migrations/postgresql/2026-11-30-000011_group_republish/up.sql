-- A published group whose room changed: its participants and facilitator are mailed
-- again at the next publication, which clears the mark.
ALTER TABLE breakout_groups ADD COLUMN republish BOOLEAN NOT NULL DEFAULT FALSE;
