-- When a registration's personal link was last mailed on request (registering again with
-- the same address): it goes again at most once per interval, so nobody can flood an
-- inbox. Without a row, the confirmation at registration was the last.
CREATE TABLE registration_link_mails (
    registration_id TEXT PRIMARY KEY NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    sent_at TIMESTAMP NOT NULL
);

-- Organiser logins, so that logging out ends a login on the server and a copied cookie
-- stops working. The cookie carries the id; rows go when they expire or on logout.
CREATE TABLE organiser_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    organiser_id TEXT NOT NULL REFERENCES organisers(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX organiser_sessions_organiser ON organiser_sessions(organiser_id);

-- Background work besides mail (reminders, digests, retention): one row per job and due
-- moment, claimed with a lease, retried with backoff, kept across restarts.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    -- What the job is about and for when, so the same job is never planned twice.
    job_key TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    due_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL,
    locked_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP,
    UNIQUE (kind, job_key)
);
CREATE INDEX jobs_due ON jobs(status, due_at, id);
