-- The harvest: what becomes of a point after the conference (new, becomes a pilot,
-- parked), and merging: a point merged into another stays as one of its sources
-- (`merged_into`), with its group, and is no longer listed on its own. No row: new,
-- not merged.
CREATE TABLE point_harvest (
    action_point_id TEXT PRIMARY KEY NOT NULL REFERENCES action_points(id) ON DELETE CASCADE,
    conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    merged_into TEXT REFERENCES action_points(id) ON DELETE CASCADE,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX point_harvest_merged ON point_harvest(merged_into);

-- The plenary dot vote of a conference: N dots per participant, at most M on one point.
-- Open while `opened_at` is set and `closed_at` is not.
CREATE TABLE votes (
    conference_id TEXT PRIMARY KEY NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    dots INTEGER NOT NULL,
    per_point INTEGER NOT NULL,
    hide_results BOOLEAN NOT NULL,
    opened_at TIMESTAMP,
    closed_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);

-- A participant's ballot: its version goes up with every change, so a form shown before
-- a change (another tab, a replayed request) cannot silently undo it.
CREATE TABLE ballots (
    registration_id TEXT PRIMARY KEY NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ballots_conference ON ballots(conference_id);

-- The dots of a ballot: how many on which point.
CREATE TABLE dots (
    registration_id TEXT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    action_point_id TEXT NOT NULL REFERENCES action_points(id) ON DELETE CASCADE,
    conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    count INTEGER NOT NULL,
    PRIMARY KEY (registration_id, action_point_id)
);
CREATE INDEX dots_conference ON dots(conference_id);

-- The ranking as it stood when the vote closed, kept with the points: dots in all and per
-- domain of the voters' disciplines. Kept apart from the ballots, so it stays as it was
-- announced when a registration is removed later.
CREATE TABLE vote_results (
    action_point_id TEXT PRIMARY KEY NOT NULL REFERENCES action_points(id) ON DELETE CASCADE,
    conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    dots INTEGER NOT NULL,
    medical INTEGER NOT NULL,
    social INTEGER NOT NULL,
    parents INTEGER NOT NULL,
    others INTEGER NOT NULL,
    voters INTEGER NOT NULL
);
CREATE INDEX vote_results_conference ON vote_results(conference_id);

-- A code mailed to a participant who came to vote through the conference's QR code:
-- stored hashed, valid for a while, and for a few tries.
CREATE TABLE vote_codes (
    registration_id TEXT PRIMARY KEY NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    failures INTEGER NOT NULL
);
