-- Pilots: action points turned into small experiments with an owner, followed, evaluated
-- and adjusted. `conference_id` is the conference they came from (none for a pilot
-- started from scratch outside one).
CREATE TABLE pilots (
    id TEXT PRIMARY KEY NOT NULL,
    conference_id TEXT REFERENCES conferences(id),
    title TEXT NOT NULL,
    aim TEXT NOT NULL,
    description TEXT NOT NULL,
    owner_name TEXT NOT NULL,
    owner_email TEXT NOT NULL,
    owner_organisation TEXT NOT NULL,
    partners TEXT NOT NULL,
    action_line TEXT NOT NULL,
    municipality TEXT NOT NULL,
    neighbourhood TEXT NOT NULL,
    starts_on DATE,
    next_evaluation_on DATE,
    status TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX pilots_status ON pilots(status);

-- What following a pilot needs besides its fields: the owner's link (a hash of its token,
-- which changes with the owner), whether the owner agreed to be named on the public
-- overview, the evaluation invite's SEQUENCE, and the evaluation date last reminded of.
CREATE TABLE pilot_follow (
    pilot_id TEXT PRIMARY KEY NOT NULL REFERENCES pilots(id) ON DELETE CASCADE,
    token TEXT NOT NULL,
    show_owner BOOLEAN NOT NULL,
    sequence INTEGER NOT NULL,
    reminded_for DATE,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX pilot_follow_token ON pilot_follow(token);

-- The action points a pilot was made of (a point becomes at most one pilot).
CREATE TABLE pilot_points (
    action_point_id TEXT PRIMARY KEY NOT NULL REFERENCES action_points(id),
    pilot_id TEXT NOT NULL REFERENCES pilots(id) ON DELETE CASCADE
);
CREATE INDEX pilot_points_pilot ON pilot_points(pilot_id);

-- A pilot's timeline: progress and evaluations by the owner, organisers' notes, and every
-- status move (who, when, why: `did` holds the reason).
CREATE TABLE pilot_updates (
    id TEXT PRIMARY KEY NOT NULL,
    pilot_id TEXT NOT NULL REFERENCES pilots(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    author TEXT NOT NULL,
    did TEXT NOT NULL,
    expected TEXT NOT NULL,
    happened TEXT NOT NULL,
    learned TEXT NOT NULL,
    decision TEXT,
    next_evaluation_on DATE,
    status_from TEXT,
    status_to TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX pilot_updates_pilot ON pilot_updates(pilot_id, created_at);
