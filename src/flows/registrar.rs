//! Stores registrations in batches. When registration opens, many people submit at once;
//! rather than each request taking the write lock, locking the conference and committing
//! on its own, one thread takes everything that has arrived meanwhile and stores it in one
//! transaction ([`super::registration::register_all`]): one lock, one count of the places,
//! one commit. Each request still gets its own outcome, in arrival order, and only after
//! the commit, so a confirmation on screen is always a stored registration.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;

use tokio::sync::oneshot;

use super::registration::{self, Outcome, Request};
use super::{FlowError, Mailer};
use crate::cache::PublicCache;
use crate::db::registrations::Places;
use crate::db::{Db, DbConnection, DbError};
use crate::mail::Waker;

/// Requests stored together at most; enough to carry a rush, small enough that one
/// transaction stays short.
const BATCH: usize = 64;

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
        mail: Waker,
        cache: Arc<PublicCache>,
    ) -> std::io::Result<Registrar> {
        let (jobs, queue) = mpsc::channel();
        let _thread: JoinHandle<()> = std::thread::Builder::new()
            .name("werkconf-registrar".into())
            .spawn(move || run(&db, &mailer, &mail, &cache, &queue))?;
        Ok(Registrar { jobs })
    }

    /// Stores one registration and its mail; returns once they are committed.
    pub async fn register(&self, request: Request) -> Result<Outcome, FlowError> {
        let (reply, outcome) = oneshot::channel();
        self.jobs
            .send((request, reply))
            .map_err(|_| FlowError::Db(DbError::Cancelled))?;
        outcome
            .await
            .unwrap_or(Err(FlowError::Db(DbError::Cancelled)))
    }
}

fn run(
    db: &Db,
    mailer: &Mailer,
    mail: &Waker,
    cache: &PublicCache,
    queue: &mpsc::Receiver<(Request, Reply)>,
) {
    let mut conn: Option<DbConnection> = None;
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
        let batch = match connection(db, &mut conn) {
            // A bug that panics costs this batch, not every registration after it.
            Ok(c) => catch_unwind(AssertUnwindSafe(|| store(c, mailer, &requests))).unwrap_or_else(
                |_| {
                    tracing::error!(target: "werkconf::registrar", "storing a batch panicked");
                    Batch::failed(requests.len())
                },
            ),
            Err(e) => {
                tracing::error!(target: "werkconf::registrar", "no database connection: {e}");
                Batch::failed(requests.len())
            }
        };
        if batch.outcomes.iter().any(Result::is_err) {
            // Whatever went wrong, the next batch starts on a fresh connection.
            conn = None;
        }
        mail.wake();
        for (conference_id, places) in &batch.places {
            cache.set_confirmed(seen, conference_id, places.confirmed);
        }
        for (reply, outcome) in replies.into_iter().zip(batch.outcomes) {
            // A requester that went away (its client hung up) needs no answer.
            let _ = reply.send(outcome);
        }
    }
}

fn connection<'a>(
    db: &Db,
    conn: &'a mut Option<DbConnection>,
) -> Result<&'a mut DbConnection, DbError> {
    let c = match conn.take() {
        Some(c) => c,
        None => db.dedicated_connection()?,
    };
    Ok(conn.insert(c))
}

/// What one batch came to: an outcome per request, in order, and the places of each
/// conference after it.
#[derive(Debug, Default)]
pub struct Batch {
    pub outcomes: Vec<Result<Outcome, FlowError>>,
    pub places: Vec<(String, Places)>,
}

impl Batch {
    fn failed(requests: usize) -> Batch {
        Batch {
            outcomes: (0..requests)
                .map(|_| Err(FlowError::Db(DbError::Cancelled)))
                .collect(),
            places: Vec::new(),
        }
    }
}

/// One batch: all requests in one transaction; when that fails, each on its own, so that
/// one bad request (or a passing fault) costs only its own registration.
pub fn store(conn: &mut DbConnection, mailer: &Mailer, requests: &[Request]) -> Batch {
    match registration::register_all(conn, mailer, requests) {
        Ok(stored) => Batch {
            outcomes: stored.outcomes.into_iter().map(Ok).collect(),
            places: stored.places,
        },
        Err(e) if requests.len() == 1 => Batch {
            outcomes: vec![Err(e)],
            places: Vec::new(),
        },
        Err(_) => {
            let mut batch = Batch::default();
            for request in requests {
                match registration::register_all(conn, mailer, std::slice::from_ref(request)) {
                    Ok(stored) => {
                        batch.outcomes.extend(stored.outcomes.into_iter().map(Ok));
                        batch.places.extend(stored.places);
                    }
                    Err(e) => batch.outcomes.push(Err(e)),
                }
            }
            batch
        }
    }
}
