-- The organiser's marks on the wall: a hidden point is not shown there (it stays in the
-- harvest); a pinned one is shown first, and alone when the wall shows only pinned points.
ALTER TABLE action_points ADD COLUMN hidden BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE action_points ADD COLUMN pinned BOOLEAN NOT NULL DEFAULT FALSE;
