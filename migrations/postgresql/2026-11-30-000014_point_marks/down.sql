ALTER TABLE action_points DROP COLUMN pinned;
ALTER TABLE action_points DROP COLUMN hidden;
