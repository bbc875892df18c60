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
