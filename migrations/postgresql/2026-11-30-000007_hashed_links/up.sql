-- Personal links are stored as the SHA-256 of their token (registrations.token), and the
-- tokens are derived from a server key, so mail can carry a link at any later moment.
-- Links mailed before the change keep working: their tokens' hashes are kept here. The
-- application moves the tokens over at start (SQLite has no SHA-256 in SQL).
CREATE TABLE registration_legacy_links (
    token_hash TEXT PRIMARY KEY NOT NULL,
    registration_id TEXT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE
);
CREATE INDEX registration_legacy_links_registration ON registration_legacy_links(registration_id);
