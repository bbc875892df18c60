//! The runner against a real database: SQLite in a temporary folder, or PostgreSQL when
//! WERKCONF_TEST_DATABASE_URL names a server.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;
use crate::cache::PublicCache;
use crate::db::jobs::JobStatus;

fn test_db() -> (Db, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("werkconf-jobs-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = match std::env::var("WERKCONF_TEST_DATABASE_URL") {
        Ok(server) if !server.trim().is_empty() => {
            let name = format!("werkconf_test_{}", uuid::Uuid::new_v4().simple());
            crate::db::create_postgres_database(&server, &name).unwrap()
        }
        _ => dir.join("werkconf.sqlite").display().to_string(),
    };
    (Db::connect(&url, 2).unwrap(), dir)
}

fn effector() -> Effector {
    Effector::new(
        Waker::new(),
        Waker::new(),
        Arc::new(PublicCache::default()),
        crate::live::Hub::new(),
    )
}

fn start() -> NaiveDateTime {
    NaiveDateTime::parse_from_str("2027-03-11 09:00", "%Y-%m-%d %H:%M").unwrap()
}

/// A job that counts its runs and fails the first `fails` of them.
struct Counting {
    runs: Arc<AtomicUsize>,
    fails: usize,
}

impl Job for Counting {
    fn kind(&self) -> &'static str {
        "counting"
    }

    fn run(
        &self,
        _: &mut DbConnection,
        _: &JobRow,
        _: NaiveDateTime,
    ) -> Result<Effects, FlowError> {
        let n = self.runs.fetch_add(1, Ordering::SeqCst) + 1;
        if n <= self.fails {
            return Err(FlowError::Db(DbError::Unavailable));
        }
        Ok(Effects::none())
    }
}

fn counting(fails: usize) -> (Jobs, Arc<AtomicUsize>) {
    let runs = Arc::new(AtomicUsize::new(0));
    let jobs = Jobs::new(vec![Box::new(Counting {
        runs: runs.clone(),
        fails,
    })]);
    (jobs, runs)
}

fn rows(db: &Db, kind: &str) -> Vec<JobRow> {
    db.run_sync(|c| table::list(c, kind)).unwrap()
}

#[test]
fn a_job_planned_twice_runs_once_when_due_and_not_before() {
    let (db, _dir) = test_db();
    let clock = Clock::manual(start());
    let (jobs, runs) = counting(0);
    let due = start() + chrono::Duration::hours(1);
    for _ in 0..2 {
        db.run_sync(|c| table::plan(c, "counting", "pilot-1/2027-03-11", "", due, start()))
            .unwrap();
    }
    assert_eq!(rows(&db, "counting").len(), 1, "one job per key");
    assert_eq!(
        jobs.run_due(&db, &clock, &effector()).unwrap(),
        0,
        "not yet due"
    );
    clock.advance(chrono::Duration::hours(1));
    assert_eq!(jobs.run_due(&db, &clock, &effector()).unwrap(), 1);
    assert_eq!(
        jobs.run_due(&db, &clock, &effector()).unwrap(),
        0,
        "done once"
    );
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    let row = &rows(&db, "counting")[0];
    assert_eq!(row.status, JobStatus::Done);
    assert_eq!(row.done_at, Some(start() + chrono::Duration::hours(1)));
}

#[test]
fn a_failing_job_is_retried_with_backoff_and_then_given_up() {
    let (db, _dir) = test_db();
    let clock = Clock::manual(start());
    let (jobs, runs) = counting(usize::MAX);
    db.run_sync(|c| table::plan(c, "counting", "k", "", start(), start()))
        .unwrap();
    for attempt in 1..=MAX_ATTEMPTS {
        assert_eq!(
            jobs.run_due(&db, &clock, &effector()).unwrap(),
            1,
            "attempt {attempt}"
        );
        let row = &rows(&db, "counting")[0];
        assert_eq!(row.attempts, attempt);
        if attempt < MAX_ATTEMPTS {
            assert_eq!(row.status, JobStatus::Retrying);
            assert_eq!(row.due_at, clock.now() + backoff(attempt));
            // Not before its time.
            assert_eq!(jobs.run_due(&db, &clock, &effector()).unwrap(), 0);
            clock.set(row.due_at);
        } else {
            assert_eq!(row.status, JobStatus::Failed);
            assert!(row.last_error.is_some());
        }
    }
    clock.advance(chrono::Duration::days(30));
    assert_eq!(jobs.run_due(&db, &clock, &effector()).unwrap(), 0);
    assert_eq!(runs.load(Ordering::SeqCst), MAX_ATTEMPTS as usize);
}

#[test]
fn a_job_whose_runner_died_runs_after_a_restart_once_its_lease_is_over() {
    let (db, dir) = test_db();
    let clock = Clock::manual(start());
    db.run_sync(|c| table::plan(c, "counting", "k", "", start(), start()))
        .unwrap();
    // A runner claims it and dies before finishing.
    let claimed = db
        .run_sync(|c| table::claim_due(c, start(), start() + LEASE, BATCH))
        .unwrap();
    assert_eq!(claimed.len(), 1);
    drop(db);
    // The process starts again on the same database.
    let url = match std::env::var("WERKCONF_TEST_DATABASE_URL") {
        Ok(s) if !s.trim().is_empty() => None,
        _ => Some(dir.join("werkconf.sqlite").display().to_string()),
    };
    let Some(url) = url else {
        return; // The PostgreSQL database has no name to reopen here; SQLite covers it.
    };
    let db = Db::connect(&url, 2).unwrap();
    let (jobs, runs) = counting(0);
    assert_eq!(
        jobs.run_due(&db, &clock, &effector()).unwrap(),
        0,
        "still leased"
    );
    clock.advance(LEASE);
    assert_eq!(jobs.run_due(&db, &clock, &effector()).unwrap(), 1);
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    assert_eq!(rows(&db, "counting")[0].status, JobStatus::Done);
}

#[test]
fn a_job_of_an_unknown_kind_fails_at_once() {
    let (db, _dir) = test_db();
    let clock = Clock::manual(start());
    db.run_sync(|c| table::plan(c, "gone", "k", "", start(), start()))
        .unwrap();
    let (jobs, _) = counting(0);
    assert_eq!(jobs.run_due(&db, &clock, &effector()).unwrap(), 1);
    let row = &rows(&db, "gone")[0];
    assert_eq!(row.status, JobStatus::Failed);
    assert!(
        row.last_error
            .as_deref()
            .unwrap()
            .contains("unknown job kind")
    );
}

#[test]
fn expired_logins_are_removed_at_night_and_the_next_night_is_planned() {
    let (db, _dir) = test_db();
    let clock = Clock::manual(start());
    let settings = crate::config::Settings::defaults();
    let mailer = crate::flows::Mailer::new(&settings, crate::auth::LinkKey::generate());
    let jobs = Jobs::standard(&mailer, &settings);
    let organiser = db
        .run_sync(|c| {
            crate::db::organisers::upsert(c, "eline@example.org", "Eline", "x", start())?;
            Ok(crate::db::organisers::find_by_email(c, "eline@example.org")?.unwrap())
        })
        .unwrap();
    let hours = |h| start() + chrono::Duration::hours(h);
    let (old, live) = db
        .run_sync(|c| {
            Ok((
                crate::db::organisers::start_session(c, &organiser.id, start(), hours(12))?,
                crate::db::organisers::start_session(c, &organiser.id, hours(20), hours(32))?,
            ))
        })
        .unwrap();
    jobs.plan_recurring(&db, clock.now()).unwrap();
    jobs.plan_recurring(&db, clock.now()).unwrap();
    assert_eq!(rows(&db, "purge-logins").len(), 1);
    // 04:00 the next night in Amsterdam is 03:00 UTC in March.
    clock.set(start() + chrono::Duration::hours(18));
    assert_eq!(jobs.run_due(&db, &clock, &effector()).unwrap(), 1);
    let live_now = |id: &str| {
        let id = id.to_owned();
        let now = clock.now();
        db.run_sync(move |c| crate::db::organisers::session_is_live(c, &id, now))
            .unwrap()
    };
    let remaining: i64 = db
        .run_sync(|c| {
            use diesel::prelude::*;
            Ok(crate::db::schema::organiser_sessions::table
                .count()
                .get_result(c)?)
        })
        .unwrap();
    assert_eq!(remaining, 1, "the expired login is gone");
    assert!(!live_now(&old));
    assert!(live_now(&live));
    let planned = rows(&db, "purge-logins");
    assert_eq!(planned.len(), 2);
    assert_eq!(planned[1].job_key, "2027-03-13");
}
