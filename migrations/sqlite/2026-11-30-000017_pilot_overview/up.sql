-- An evaluation records the date it was due, so the overview tells evaluations done on
-- time from late ones.
ALTER TABLE pilot_updates ADD COLUMN due_on DATE;

-- Pilots put on the programme of a later working conference ("terugkoppeling"): the
-- owner is invited, and that conference's page tells the pilot's story.
CREATE TABLE pilot_feedback (
    pilot_id TEXT NOT NULL REFERENCES pilots(id) ON DELETE CASCADE,
    conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (pilot_id, conference_id)
);

-- Whether the read-only overview of pilots is published for other coalitions (one row,
-- 'pilots'; none: not published).
CREATE TABLE publications (
    name TEXT PRIMARY KEY NOT NULL,
    published_at TIMESTAMP NOT NULL
);
