-- Action points: what a breakout group answers to one of its insight's two guiding
-- questions, captured by the facilitator (or a participant of the group) during the
-- conference. `submission_key` is made by the form (or the phone that queued the point
-- offline): a resend of the same submission finds the point instead of making a second.
CREATE TABLE action_points (
    id TEXT PRIMARY KEY NOT NULL,
    conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL REFERENCES breakout_groups(id),
    question TEXT NOT NULL,
    body TEXT NOT NULL,
    taker_name TEXT NOT NULL,
    taker_organisation TEXT NOT NULL,
    with_whom TEXT NOT NULL,
    first_step TEXT NOT NULL,
    source TEXT NOT NULL,
    submission_key TEXT NOT NULL,
    deleted_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX action_points_submission ON action_points(submission_key);
CREATE INDEX action_points_conference ON action_points(conference_id, created_at);
CREATE INDEX action_points_group ON action_points(group_id);
-- Capture per conference: `locked_at` is set when the organiser closes capture after the
-- conference (NULL, or no row, while it is open).
CREATE TABLE conference_capture (
    conference_id TEXT PRIMARY KEY NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    locked_at TIMESTAMP
);
