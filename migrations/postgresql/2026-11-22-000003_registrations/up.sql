-- What a conference says to its participants; a row appears when first saved.
CREATE TABLE conference_texts (
    conference_id TEXT PRIMARY KEY NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    privacy_statement TEXT NOT NULL,
    confirmation_text TEXT NOT NULL,
    confirmation_text_en TEXT NOT NULL,
    -- Raised whenever time or venue change, so calendar updates supersede earlier invites.
    calendar_sequence INTEGER NOT NULL
);

CREATE TABLE registrations (
    id TEXT PRIMARY KEY NOT NULL,
    conference_id TEXT NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    -- Arrival order within the conference: the waiting list is served in this order.
    seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    organisation TEXT NOT NULL,
    discipline TEXT NOT NULL,
    municipality TEXT NOT NULL,
    diet TEXT NOT NULL,
    accessibility TEXT NOT NULL,
    lang TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    cancelled_at TIMESTAMP,
    UNIQUE (conference_id, email),
    UNIQUE (conference_id, seq)
);
CREATE INDEX registrations_status ON registrations(conference_id, status, seq);

CREATE TABLE registration_preferences (
    registration_id TEXT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    insight_id TEXT NOT NULL REFERENCES insights(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,
    PRIMARY KEY (registration_id, rank)
);
CREATE INDEX registration_preferences_insight ON registration_preferences(insight_id);

CREATE TABLE registration_rounds (
    registration_id TEXT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    round_id TEXT NOT NULL REFERENCES programme_items(id) ON DELETE CASCADE,
    PRIMARY KEY (registration_id, round_id)
);
CREATE INDEX registration_rounds_round ON registration_rounds(round_id);
