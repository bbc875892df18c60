-- Every outgoing message, written in the same transaction as the change that causes it
-- and delivered by the mail worker. `raw` is the formatted message, so a retry sends the
-- same bytes with the same Message-ID.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    conference_id TEXT REFERENCES conferences(id) ON DELETE SET NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    kind TEXT NOT NULL,
    raw TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    last_error TEXT,
    next_attempt_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    batch TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_conference ON outbox(conference_id, created_at);
CREATE INDEX outbox_batch ON outbox(batch);
