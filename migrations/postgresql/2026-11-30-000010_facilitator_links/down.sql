DROP INDEX breakout_groups_facilitator_token;
ALTER TABLE breakout_groups DROP COLUMN facilitator_token;
