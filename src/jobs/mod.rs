//! Background jobs besides mail: work planned for a moment (a reminder, a weekly digest, a
//! clean-up), kept in the `jobs` table so it survives restarts, claimed with a lease so
//! that a runner that dies leaves it to the next, and retried with backoff. The serving
//! process runs them ([`Runner`]); tests run what is due on demand ([`Jobs::run_due`]),
//! after moving the clock.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::NaiveDateTime;

use crate::clock::Clock;
use crate::db::jobs::{self as table, JobRow};
use crate::db::{Db, DbConnection, DbError};
use crate::flows::FlowError;
use crate::flows::effects::{Effector, Effects};
use crate::mail::Waker;

mod logins;
mod pilots;

pub use logins::PurgeLogins;
pub use pilots::{PilotReminders, PilotSummary};

/// Jobs claimed per round.
const BATCH: i64 = 20;
/// How long a claimed job stays with its runner before another may take it.
const LEASE: chrono::Duration = chrono::Duration::minutes(30);
/// Attempts before a job is given up (marked failed, for an organiser to see).
const MAX_ATTEMPTS: i32 = 8;

/// One kind of job.
pub trait Job: Send + Sync {
    /// Stored in the table; never change it for a kind that has rows.
    fn kind(&self) -> &'static str;

    /// Does the work, in transactions of its own, and says what should happen after
    /// (mail to wake, pages to forget). An error is retried with backoff.
    fn run(
        &self,
        conn: &mut DbConnection,
        job: &JobRow,
        now: NaiveDateTime,
    ) -> Result<Effects, FlowError>;

    /// Plans the first occurrence of a recurring job, if there is one; called at start.
    /// Planning is idempotent (see [`table::plan`]).
    fn plan_first(&self, _conn: &mut DbConnection, _now: NaiveDateTime) -> Result<(), DbError> {
        Ok(())
    }
}

/// The kinds of job this application knows.
#[derive(Clone)]
pub struct Jobs {
    kinds: Arc<Vec<Box<dyn Job>>>,
}

impl Jobs {
    pub fn new(kinds: Vec<Box<dyn Job>>) -> Jobs {
        Jobs {
            kinds: Arc::new(kinds),
        }
    }

    /// Every kind the application runs.
    pub fn standard(mailer: &crate::flows::Mailer, settings: &crate::config::Settings) -> Jobs {
        Jobs::new(vec![
            Box::new(PurgeLogins),
            Box::new(PilotReminders {
                mailer: mailer.clone(),
                days_before: settings.pilots.reminder_days_before,
            }),
            Box::new(PilotSummary {
                mailer: mailer.clone(),
            }),
        ])
    }

    /// Plans the recurring jobs' next occurrence (idempotent).
    pub fn plan_recurring(&self, db: &Db, now: NaiveDateTime) -> Result<(), DbError> {
        db.run_sync(|conn| {
            for kind in self.kinds.iter() {
                kind.plan_first(conn, now)?;
            }
            Ok(())
        })
    }

    /// Runs every job due by `clock`, round after round, on the calling thread, and
    /// applies their effects. Returns how many were run (whatever their outcome).
    pub fn run_due(&self, db: &Db, clock: &Clock, effector: &Effector) -> Result<usize, DbError> {
        let mut total = 0;
        loop {
            let now = clock.now();
            let claimed = db.run_sync(|c| table::claim_due(c, now, now + LEASE, BATCH))?;
            for job in &claimed {
                self.run_one(db, clock, effector, job);
            }
            total += claimed.len();
            if (claimed.len() as i64) < BATCH {
                return Ok(total);
            }
        }
    }

    fn run_one(&self, db: &Db, clock: &Clock, effector: &Effector, job: &JobRow) {
        let now = clock.now();
        let outcome = match self.kinds.iter().find(|k| k.kind() == job.kind) {
            None => Err((format!("unknown job kind {:?}", job.kind), false)),
            Some(kind) => {
                let ran = db.run_sync(|conn| {
                    catch_unwind(AssertUnwindSafe(|| kind.run(conn, job, now)))
                        .map_err(|_| DbError::Cancelled)
                });
                match ran {
                    Ok(Ok(effects)) => Ok(effects),
                    Ok(Err(e)) => Err((e.to_string(), true)),
                    Err(DbError::Cancelled) => Err(("the job panicked".to_owned(), true)),
                    Err(e) => Err((e.to_string(), true)),
                }
            }
        };
        let recorded = match outcome {
            Ok(effects) => {
                effector.apply(effects);
                tracing::info!(target: "werkconf::jobs", "done {} {}", job.kind, job.job_key);
                db.run_sync(|c| table::finish(c, &job.id, clock.now()))
            }
            Err((error, retry)) => {
                let retry_at =
                    (retry && job.attempts < MAX_ATTEMPTS).then(|| now + backoff(job.attempts));
                tracing::warn!(
                    target: "werkconf::jobs",
                    "failed {} {} (attempt {}): {error}; again at {retry_at:?}",
                    job.kind,
                    job.job_key,
                    job.attempts
                );
                db.run_sync(|c| table::fail(c, &job.id, &error, retry_at, clock.now()))
            }
        };
        if let Err(e) = recorded {
            // The job's lease runs out and it is taken again: done twice rather than never.
            tracing::error!(target: "werkconf::jobs", "cannot record job {}: {e}", job.id);
        }
    }
}

/// Wait before attempt n + 1: one minute, doubling, at most six hours.
pub fn backoff(attempts_so_far: i32) -> chrono::Duration {
    let minutes = 1i64 << attempts_so_far.clamp(0, 9);
    chrono::Duration::minutes(minutes.min(360))
}

/// The thread that runs due jobs in the serving process. Dropping it stops it after the
/// job in hand.
pub struct Runner {
    waker: Waker,
    thread: Option<JoinHandle<()>>,
}

impl Runner {
    pub fn spawn(
        db: Db,
        clock: Clock,
        effector: Effector,
        jobs: Jobs,
        waker: Waker,
        poll: Duration,
    ) -> std::io::Result<Runner> {
        let thread_waker = waker.clone();
        let thread = std::thread::Builder::new()
            .name("werkconf-jobs".into())
            .spawn(move || {
                while !thread_waker.is_stopped() {
                    if let Err(e) = jobs.run_due(&db, &clock, &effector) {
                        tracing::error!(target: "werkconf::jobs", "jobs: {e}");
                    }
                    thread_waker.wait(poll);
                }
            })?;
        Ok(Runner {
            waker,
            thread: Some(thread),
        })
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        self.waker.stop();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests;
