ALTER TABLE breakout_groups DROP COLUMN republish;
