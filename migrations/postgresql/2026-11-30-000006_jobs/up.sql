-- Background work besides mail (reminders, digests, clean-ups): one row per job and due
-- moment, claimed with a lease, retried with backoff, kept across restarts.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    -- What the job is about and for when: the same job is never planned twice.
    job_key TEXT NOT NULL,
    payload TEXT NOT NULL,
    -- queued, running (due_at is then the end of its lease), retrying, done or failed.
    status TEXT NOT NULL,
    due_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    done_at TIMESTAMP,
    UNIQUE (kind, job_key)
);
CREATE INDEX jobs_due ON jobs(status, due_at, id);
