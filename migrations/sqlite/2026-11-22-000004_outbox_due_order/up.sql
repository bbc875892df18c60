-- The worker takes due messages per status in (next_attempt_at, id) order; with the id in
-- the index, that is a walk along the index that stops at the batch size, however many
-- messages went out before.
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox(status, next_attempt_at, id);
