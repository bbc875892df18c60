//! The background worker that delivers the outbox: a plain thread, since sending is
//! blocking work (lettre's pooled sync SMTP transport and the database pool).

use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use super::Waker;
use super::transport::{SendError, Transport};
use crate::clock::Clock;
use crate::config::MailWorkerSettings;
use crate::db::{self, Db, DbError, outbox};
use crate::domain::ids::MessageId;

/// Messages claimed per round. A stop request is honoured between two sends; the rest of
/// the round goes back to the queue.
const BATCH: i64 = 50;

/// How long sent messages may wait to be recorded as sent, so that a round of slow sends
/// still shows its progress.
const RECORD_EVERY: Duration = Duration::from_millis(250);

/// The worker thread. Dropping it asks the thread to stop and waits for the message in
/// hand, so a second worker started on the same database never overlaps with it.
pub struct Worker {
    waker: Waker,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    pub fn spawn(
        db: Db,
        transport: Transport,
        settings: MailWorkerSettings,
        waker: Waker,
        clock: Clock,
    ) -> std::io::Result<Worker> {
        let thread_waker = waker.clone();
        let thread = std::thread::Builder::new()
            .name("werkconf-mail".into())
            .spawn(move || run(&db, &transport, &settings, &thread_waker, &clock))?;
        Ok(Worker {
            waker,
            thread: Some(thread),
        })
    }

    pub fn stop(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        self.waker.stop();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

fn run(
    db: &Db,
    transport: &Transport,
    settings: &MailWorkerSettings,
    waker: &Waker,
    clock: &Clock,
) {
    let poll = Duration::from_millis(settings.poll_interval_ms);
    while !waker.is_stopped() {
        match deliver_due(db, transport, settings, waker, clock) {
            Ok(claimed) if claimed as i64 == BATCH => continue,
            Ok(_) => {}
            Err(e) => tracing::error!(target: "werkconf::mail", "outbox: {e}"),
        }
        waker.wait(poll);
    }
}

/// At start: what a process that stopped (or crashed) had claimed but not recorded goes
/// out again (sent twice rather than never). Only one werkconf process serves a database.
pub fn resume_interrupted(db: &Db, clock: &Clock) {
    match db.run_sync(|c| outbox::reset_interrupted(c, clock.now())) {
        Ok(0) => {}
        Ok(n) => {
            tracing::warn!(target: "werkconf::mail", "{n} interrupted message(s) will be sent again")
        }
        Err(e) => tracing::error!(target: "werkconf::mail", "cannot reset interrupted mail: {e}"),
    }
}

/// Delivers everything due now, round after round, on the calling thread: what the worker
/// does, on demand. Tests use it instead of waiting for the worker. Returns how many
/// messages were claimed.
pub fn deliver_all_due(
    db: &Db,
    transport: &Transport,
    settings: &MailWorkerSettings,
    clock: &Clock,
) -> Result<usize, DbError> {
    let running = Waker::new();
    let mut total = 0;
    loop {
        let claimed = deliver_due(db, transport, settings, &running, clock)?;
        total += claimed;
        if (claimed as i64) < BATCH {
            return Ok(total);
        }
    }
}

/// One round: claims due messages and sends them. Returns how many were claimed. A
/// database error halfway does not end the round: every claimed message is either sent and
/// recorded, recorded as failed, or handed back, as far as the database lets it be.
fn deliver_due(
    db: &Db,
    transport: &Transport,
    settings: &MailWorkerSettings,
    waker: &Waker,
    clock: &Clock,
) -> Result<usize, DbError> {
    let now = clock.precise_now();
    let messages = db.run_sync(|c| outbox::claim_due(c, now, lease_until(now), BATCH))?;
    let claimed = messages.len();
    let mut sent = Sent::new(clock.precise_now());
    for message in messages {
        if waker.is_stopped() {
            record(db, "hand back", |c| {
                outbox::release(c, &message.id, clock.now())
            });
            continue;
        }
        let result = transport.send(message.id.as_str(), &message.recipient, &message.raw);
        let attempt = message.attempts + 1;
        let now = clock.precise_now();
        match result {
            Ok(()) => {
                tracing::info!(
                    target: "werkconf::mail",
                    "sent {} ({}) attempt {attempt}",
                    message.id,
                    message.kind
                );
                sent.add(db, message.id, now);
            }
            Err(SendError {
                message: error,
                permanent,
            }) => {
                let retry_at = (!permanent && attempt < settings.max_attempts as i32)
                    .then(|| now + backoff(message.attempts, settings));
                record(db, "record a failed attempt", |c| {
                    outbox::mark_attempt_failed(c, &message.id, &error, retry_at, now)
                });
                match retry_at {
                    Some(at) => tracing::warn!(
                        target: "werkconf::mail",
                        "not sent {} ({}) attempt {attempt}, retry at {at}: {error}",
                        message.id,
                        message.kind
                    ),
                    None => tracing::error!(
                        target: "werkconf::mail",
                        "failed {} ({}) after attempt {attempt}: {error}",
                        message.id,
                        message.kind
                    ),
                }
            }
        }
    }
    sent.flush(db);
    Ok(claimed)
}

/// Sent messages not yet recorded as sent: recorded together at the end of the round, or
/// every [`RECORD_EVERY`] so that a round of slow sends still shows its progress. Should
/// the process die first, they count as interrupted and go out again at the next start:
/// sent twice rather than never.
struct Sent {
    ids: Vec<MessageId>,
    at: NaiveDateTime,
    recorded: Instant,
}

impl Sent {
    fn new(now: NaiveDateTime) -> Sent {
        Sent {
            ids: Vec::new(),
            at: now,
            recorded: Instant::now(),
        }
    }

    fn add(&mut self, db: &Db, id: MessageId, at: NaiveDateTime) {
        self.ids.push(id);
        self.at = at;
        if self.recorded.elapsed() >= RECORD_EVERY {
            self.flush(db);
        }
    }

    /// Records them; on a database error it tries twice more, then leaves them to the
    /// next start (see above).
    fn flush(&mut self, db: &Db) {
        if self.ids.is_empty() {
            return;
        }
        for pause in [0, 100, 1000] {
            std::thread::sleep(Duration::from_millis(pause));
            match db.run_sync(|c| outbox::mark_sent(c, &self.ids, self.at)) {
                Ok(()) => {
                    self.ids.clear();
                    self.recorded = Instant::now();
                    return;
                }
                Err(e) => tracing::error!(target: "werkconf::mail", "cannot record sent mail: {e}"),
            }
        }
    }
}

/// One bookkeeping write; a failure is logged, and the message waits for its lease.
fn record(db: &Db, what: &str, write: impl FnOnce(&mut db::DbConnection) -> Result<(), DbError>) {
    if let Err(e) = db.run_sync(write) {
        tracing::error!(target: "werkconf::mail", "cannot {what}: {e}");
    }
}

/// Wait before the next attempt: base * 2^attempts so far, at most max.
pub fn backoff(attempts_before: i32, settings: &MailWorkerSettings) -> chrono::Duration {
    let factor = 2f64.powi(attempts_before.clamp(0, 62));
    let seconds = (settings.backoff_base_seconds * factor).min(settings.backoff_max_seconds);
    chrono::Duration::milliseconds((seconds * 1000.0) as i64)
}

/// How long a claimed message stays with its worker before another may take it: past a
/// whole round of sends that each take the longest the SMTP timeout allows.
fn lease_until(now: NaiveDateTime) -> NaiveDateTime {
    now + chrono::Duration::hours(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let settings = MailWorkerSettings {
            poll_interval_ms: 1000,
            max_attempts: 10,
            backoff_base_seconds: 30.0,
            backoff_max_seconds: 3600.0,
        };
        let secs = |n| backoff(n, &settings).num_seconds();
        assert_eq!(secs(0), 30);
        assert_eq!(secs(1), 60);
        assert_eq!(secs(3), 240);
        assert_eq!(secs(7), 3600);
        assert_eq!(secs(1000), 3600);
    }
}
