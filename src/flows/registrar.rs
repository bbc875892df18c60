//! Stores registrations in batches. When registration opens, many people submit at once;
//! rather than each request taking the write lock, locking the conference and committing
//! on its own, one thread takes everything that has arrived meanwhile and stores it in one
//! transaction ([`super::registration::register_all`]): one lock, one count of the places,
//! one commit. Each request still gets its own outcome, in arrival order, and only after
//! the commit, so a confirmation on screen is always a stored registration.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::oneshot;

use super::registration::{self, Outcome, Remembered, Request, Stored};
use super::{FlowError, Mailer};
use crate::cache::PublicCache;
use crate::db::registrations::Places;
use crate::db::{Db, DbConnection, DbError};
use chrono::NaiveDateTime;

use super::effects::{Effector, Effects};
use crate::clock::Clock;
use crate::domain::ids::ConferenceId;

/// Requests stored together at most; enough to carry a rush, small enough that one
/// transaction stays short.
const BATCH: usize = 64;

/// How long a request waits for its batch at most.
const ANSWER_WITHIN: Duration = Duration::from_secs(30);

/// A connection unused this long (by the application's clock) is checked before the next
/// batch.
const CHECK_AFTER: chrono::Duration = chrono::Duration::seconds(5);

type Reply = oneshot::Sender<Result<Outcome, FlowError>>;

/// The handle through which requests reach the thread. Cheap to clone; the thread ends
/// when the last handle is dropped, after storing what it was given.
#[derive(Clone)]
pub struct Registrar {
    jobs: mpsc::Sender<(Request, Reply)>,
}

impl Registrar {
    /// Starts the thread. It keeps one database connection of its own, outside the pool.
    /// After each commit it wakes the mail worker and tells the cache the places taken.
    pub fn spawn(
        db: Db,
        mailer: Mailer,
        clock: Clock,
        effector: Effector,
        cache: Arc<PublicCache>,
    ) -> std::io::Result<Registrar> {
        let (jobs, queue) = mpsc::channel();
        let _thread: JoinHandle<()> = std::thread::Builder::new()
            .name("werkconf-registrar".into())
            .spawn(move || run(&db, &mailer, &clock, &effector, &cache, &queue))?;
        Ok(Registrar { jobs })
    }

    /// Stores one registration and its mail; returns once they are committed. Gives up
    /// after [`ANSWER_WITHIN`]: the person gets an error page rather than a page that
    /// never loads, and may simply try again (a second registration changes nothing).
    pub async fn register(&self, request: Request) -> Result<Outcome, FlowError> {
        let (reply, outcome) = oneshot::channel();
        self.jobs
            .send((request, reply))
            .map_err(|_| FlowError::Db(DbError::Cancelled))?;
        match actix_web::rt::time::timeout(ANSWER_WITHIN, outcome).await {
            Ok(Ok(outcome)) => outcome,
            Ok(Err(_)) => Err(FlowError::Db(DbError::Cancelled)),
            Err(_) => Err(FlowError::Db(DbError::Unavailable)),
        }
    }
}

fn run(
    db: &Db,
    mailer: &Mailer,
    clock: &Clock,
    effector: &Effector,
    cache: &PublicCache,
    queue: &mpsc::Receiver<(Request, Reply)>,
) {
    let mut conn = Connection::default();
    let mut remembered = Remembered::default();
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let (requests, replies): (Vec<Request>, Vec<Reply>) = batch.into_iter().unzip();
        let seen = cache.generation();
        remembered.at(seen);
        let batch = match conn.get(db, clock.precise_now()) {
            Ok(c) => store(c, mailer, &requests, &mut remembered, clock.now()),
            Err(e) => {
                tracing::error!(target: "werkconf::registrar", "no database connection: {e}");
                Batch::failed(requests.len(), || FlowError::Db(DbError::Unavailable))
            }
        };
        if batch.outcomes.iter().any(Result::is_err) {
            // Whatever went wrong, the next batch starts on a fresh connection.
            conn.close();
        }
        // Every stored registration queued mail; the places it took the registrar tells
        // the cache itself, so the public pages stay in memory during a rush.
        effector.apply(Effects::mail());
        for (conference_id, places) in &batch.places {
            cache.set_confirmed(seen, conference_id, places.confirmed);
        }
        for (reply, outcome) in replies.into_iter().zip(batch.outcomes) {
            // A requester that went away (its client hung up) needs no answer.
            let _ = reply.send(outcome);
        }
    }
}

/// The registrar's own connection, made when first needed and checked after a quiet spell:
/// the server may have restarted, or a firewall dropped the idle connection, since the last
/// registration, and the first batch of a rush must not be the one to find out.
#[derive(Default)]
struct Connection {
    open: Option<(DbConnection, NaiveDateTime)>,
}

impl Connection {
    fn get(&mut self, db: &Db, now: NaiveDateTime) -> Result<&mut DbConnection, DbError> {
        if let Some((c, used)) = &mut self.open
            && now - *used >= CHECK_AFTER
            && !crate::db::is_alive(c)
        {
            self.open = None;
        }
        let c = match self.open.take() {
            Some((c, _)) => c,
            None => db.dedicated_connection()?,
        };
        Ok(&mut self.open.insert((c, now)).0)
    }

    fn close(&mut self) {
        self.open = None;
    }
}

/// What one batch came to: an outcome per request, in order, and the places of each
/// conference after it.
#[derive(Debug, Default)]
pub struct Batch {
    pub outcomes: Vec<Result<Outcome, FlowError>>,
    pub places: Vec<(ConferenceId, Places)>,
}

impl Batch {
    fn failed(requests: usize, error: impl Fn() -> FlowError) -> Batch {
        Batch {
            outcomes: (0..requests).map(|_| Err(error())).collect(),
            places: Vec::new(),
        }
    }

    fn add(&mut self, stored: Stored) {
        self.outcomes.extend(stored.outcomes.into_iter().map(Ok));
        self.places.extend(stored.places);
    }
}

/// Why an attempt stored nothing.
enum Failed {
    Error(FlowError),
    /// A bug: the connection may be left mid-transaction, so it is not used again.
    Panic,
}

fn attempt(
    conn: &mut DbConnection,
    mailer: &Mailer,
    requests: &[Request],
    remembered: &mut Remembered,
    now: NaiveDateTime,
) -> Result<Stored, Failed> {
    catch_unwind(AssertUnwindSafe(|| {
        registration::register_remembering(conn, mailer, requests, remembered, now)
    }))
    .map_err(|_| {
        tracing::error!(target: "werkconf::registrar", "storing registrations panicked");
        Failed::Panic
    })?
    .map_err(Failed::Error)
}

/// One batch: all requests in one transaction; when that fails, each on its own, so that
/// one bad request (or a passing fault) costs only its own registration. Every request
/// that gets an error was not stored.
pub fn store(
    conn: &mut DbConnection,
    mailer: &Mailer,
    requests: &[Request],
    remembered: &mut Remembered,
    now: NaiveDateTime,
) -> Batch {
    let cancelled = || FlowError::Db(DbError::Cancelled);
    let mut batch = Batch::default();
    match attempt(conn, mailer, requests, remembered, now) {
        Ok(stored) => batch.add(stored),
        Err(Failed::Error(e)) if requests.len() == 1 => batch.outcomes.push(Err(e)),
        Err(Failed::Error(_)) => {
            for (i, request) in requests.iter().enumerate() {
                match attempt(conn, mailer, std::slice::from_ref(request), remembered, now) {
                    Ok(stored) => batch.add(stored),
                    Err(Failed::Error(e)) => batch.outcomes.push(Err(e)),
                    Err(Failed::Panic) => {
                        let rest = Batch::failed(requests.len() - i, cancelled);
                        batch.outcomes.extend(rest.outcomes);
                        break;
                    }
                }
            }
        }
        Err(Failed::Panic) => batch = Batch::failed(requests.len(), cancelled),
    }
    batch
}
