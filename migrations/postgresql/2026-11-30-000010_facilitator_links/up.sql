-- A facilitator's personal link (/f/{token}) opens their groups: the SHA-256 of the
-- token, derived from the conference and the facilitator's email, on each of their
-- groups. Set when the assignment is published; cleared when the group's facilitator
-- changes, so the previous one's link stops opening it.
ALTER TABLE breakout_groups ADD COLUMN facilitator_token TEXT;
CREATE INDEX breakout_groups_facilitator_token ON breakout_groups(facilitator_token);
