-- Breakout groups: one insight in one breakout round, in a room, with a capacity and a
-- facilitator. A popular insight may have two groups in a round. An insight or round
-- that groups use cannot be deleted until they are moved (the application says so).
CREATE TABLE breakout_groups (
    id TEXT PRIMARY KEY NOT NULL,
    conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    round_id TEXT NOT NULL REFERENCES programme_items(id),
    insight_id TEXT NOT NULL REFERENCES insights(id),
    room TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    facilitator_name TEXT NOT NULL,
    facilitator_email TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX breakout_groups_conference ON breakout_groups(conference_id, round_id);
CREATE INDEX breakout_groups_insight ON breakout_groups(insight_id);
