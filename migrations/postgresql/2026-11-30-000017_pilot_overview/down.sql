DROP TABLE publications;
DROP TABLE pilot_feedback;
ALTER TABLE pilot_updates DROP COLUMN due_on;
