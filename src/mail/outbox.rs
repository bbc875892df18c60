//! Queueing mail. The caller enqueues inside the transaction of the change that causes the
//! mail, so both are stored or neither; after the commit it calls [`super::Waker::wake`].

use crate::db::outbox::{self, NewMessage, Status};
use crate::db::{self, DbConnection};
use crate::domain::ids::{ConferenceId, MessageId};

pub use crate::db::outbox::{Counts, Summary};

use super::message::{Email, format};

#[derive(Debug, thiserror::Error)]
pub enum EnqueueError {
    #[error("cannot format the message: {0:#}")]
    Format(anyhow::Error),
    #[error(transparent)]
    Db(#[from] db::DbError),
}

impl From<diesel::result::Error> for EnqueueError {
    fn from(e: diesel::result::Error) -> Self {
        EnqueueError::Db(e.into())
    }
}

/// Formats `email` and queues it for delivery; returns the outbox id. Commits nothing by
/// itself: run it inside the caller's transaction.
pub fn enqueue(
    conn: &mut DbConnection,
    from: &str,
    email: &Email,
    kind: &str,
    conference_id: Option<&ConferenceId>,
    batch: Option<&str>,
    now: chrono::NaiveDateTime,
) -> Result<MessageId, EnqueueError> {
    let message = prepare(from, email, kind, conference_id, batch)?;
    enqueue_all(conn, std::slice::from_ref(&message), now)?;
    Ok(message.id)
}

/// A formatted message, to be queued by [`enqueue_all`].
#[derive(Debug, Clone)]
pub struct Prepared {
    pub id: MessageId,
    conference_id: Option<String>,
    recipient: String,
    subject: String,
    kind: String,
    raw: String,
    batch: Option<String>,
}

/// Formats `email` for the outbox, touching no database: formatting can happen before the
/// transaction that queues it, or between its statements.
pub fn prepare(
    from: &str,
    email: &Email,
    kind: &str,
    conference_id: Option<&ConferenceId>,
    batch: Option<&str>,
) -> Result<Prepared, EnqueueError> {
    Ok(Prepared {
        id: MessageId::generate(),
        conference_id: conference_id.map(|c| c.as_str().to_owned()),
        recipient: email.to_email.trim().to_owned(),
        subject: email.subject.clone(),
        kind: kind.to_owned(),
        raw: format(from, email).map_err(EnqueueError::Format)?,
        batch: batch.map(str::to_owned),
    })
}

/// Queues prepared messages, in one statement. Commits nothing by itself.
pub fn enqueue_all(
    conn: &mut DbConnection,
    messages: &[Prepared],
    now: chrono::NaiveDateTime,
) -> Result<(), EnqueueError> {
    outbox::insert_all(conn, &rows(messages, now))?;
    Ok(())
}

/// The outbox rows of prepared messages, queued at `now`.
pub fn rows(messages: &[Prepared], now: chrono::NaiveDateTime) -> Vec<NewMessage<'_>> {
    messages
        .iter()
        .map(|m| NewMessage {
            id: m.id.as_str(),
            conference_id: m.conference_id.as_deref(),
            recipient: &m.recipient,
            subject: &m.subject,
            kind: &m.kind,
            raw: &m.raw,
            status: Status::Queued.as_str(),
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
            batch: m.batch.as_deref(),
        })
        .collect()
}

/// Puts a failed message back in the queue. False when there is no failed message by that id.
pub fn retry(
    conn: &mut DbConnection,
    id: &MessageId,
    now: chrono::NaiveDateTime,
) -> Result<bool, db::DbError> {
    outbox::retry(conn, id, now)
}

/// The newest messages first (without their text), of one conference or all.
pub fn list_recent(
    conn: &mut DbConnection,
    conference_id: Option<&ConferenceId>,
    status: Option<Status>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Summary>, db::DbError> {
    outbox::list_recent(
        conn,
        conference_id.map(ConferenceId::as_str),
        status,
        limit,
        offset,
    )
}

/// Progress of one broadcast.
pub fn batch_counts(conn: &mut DbConnection, batch: &str) -> Result<Counts, db::DbError> {
    outbox::counts_for_batch(conn, None, batch)
}

/// The counts of one conference's broadcast: another conference's batch counts as none.
pub fn conference_batch_counts(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    batch: &str,
) -> Result<Counts, db::DbError> {
    outbox::counts_for_batch(conn, Some(conference_id.as_str()), batch)
}

/// Counts per status, of one conference or all.
pub fn counts(
    conn: &mut DbConnection,
    conference_id: Option<&ConferenceId>,
) -> Result<Counts, db::DbError> {
    outbox::counts(conn, conference_id.map(ConferenceId::as_str))
}
