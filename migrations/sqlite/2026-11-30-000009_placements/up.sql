-- The breakout assignment of a conference: which group each confirmed participant joins
-- in each round they attend. A run replaces the placements that are not pinned; the
-- organiser previews, moves and pins, then publishes.
CREATE TABLE placements (
    registration_id TEXT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    round_id TEXT NOT NULL REFERENCES programme_items(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL REFERENCES breakout_groups(id) ON DELETE CASCADE,
    conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    pinned BOOLEAN NOT NULL,
    -- The group as last published (mailed to the participant); NULL before publishing.
    -- Publishing again mails only those whose group changed.
    published_group_id TEXT,
    PRIMARY KEY (registration_id, round_id)
);
CREATE INDEX placements_group ON placements(group_id);
CREATE INDEX placements_conference ON placements(conference_id);

-- The last run of the assignment, with its cost, and when it was published.
CREATE TABLE assignment_runs (
    conference_id TEXT PRIMARY KEY NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    cost_total BIGINT NOT NULL,
    cost_preference BIGINT NOT NULL,
    cost_discipline BIGINT NOT NULL,
    cost_organisation BIGINT NOT NULL,
    ran_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP
);
