//! The mail outbox: messages waiting for, in, or done with delivery.

use crate::domain::ids::MessageId;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::outbox;
use super::{DbConnection, DbError, write_transaction};

/// Messages per page of the outbox list.
pub const PAGE: i64 = 200;

crate::domain::ids::text_enum! {
    /// Where a message is in its delivery.
    pub enum Status {
        Queued = "queued",
        /// Claimed by the worker; `next_attempt_at` is then the end of its lease.
        Sending = "sending",
        Sent = "sent",
        Retrying = "retrying",
        Failed = "failed",
    }
}

/// A row as the worker needs it to deliver.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct Message {
    pub id: MessageId,
    pub recipient: String,
    pub kind: String,
    pub raw: String,
    pub attempts: i32,
}

/// A row as an organiser's overview shows it: everything but the message itself.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct Summary {
    pub id: MessageId,
    pub conference_id: Option<String>,
    pub recipient: String,
    pub subject: String,
    pub kind: String,
    pub status: Status,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub batch: Option<String>,
}

impl Summary {
    pub fn status(&self) -> Option<Status> {
        Some(self.status)
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = outbox)]
pub struct NewMessage<'a> {
    pub id: &'a str,
    pub conference_id: Option<&'a str>,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub kind: &'a str,
    pub raw: &'a str,
    pub status: &'a str,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub batch: Option<&'a str>,
}

/// Number of messages in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub retrying: i64,
    pub failed: i64,
}

impl Counts {
    pub fn total(&self) -> i64 {
        self.queued + self.sending + self.sent + self.retrying + self.failed
    }

    /// Messages that will still be tried.
    pub fn pending(&self) -> i64 {
        self.queued + self.sending + self.retrying
    }
}

/// Queues messages, in one statement.
pub fn insert_all(conn: &mut DbConnection, messages: &[NewMessage]) -> Result<(), DbError> {
    if !messages.is_empty() {
        super::insert_many!(conn, outbox::table, messages)?;
    }
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &MessageId) -> Result<Option<Summary>, DbError> {
    Ok(outbox::table
        .find(id)
        .select(Summary::as_select())
        .first(conn)
        .optional()?)
}

/// The raw message as stored, for tests and a "view source" page.
pub fn raw(conn: &mut DbConnection, id: &MessageId) -> Result<Option<String>, DbError> {
    Ok(outbox::table
        .find(id)
        .select(outbox::raw)
        .first(conn)
        .optional()?)
}

/// Marks up to `limit` due messages as `sending` and returns them. A message is due when it
/// is queued or retrying and its time has come, or when it has been `sending` past its
/// lease (its worker died). Each row is claimed by a conditional update, so two workers
/// never both get one message.
pub fn claim_due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> Result<Vec<Message>, DbError> {
    let waiting = [
        Status::Queued.as_str(),
        Status::Retrying.as_str(),
        Status::Sending.as_str(),
    ];
    write_transaction(conn, |conn| {
        // One walk along the index per status, each stopping at `limit`: a single query
        // over all three would gather every due row to sort them, and on PostgreSQL also
        // visit every row version the index still lists from earlier sends.
        let mut candidates: Vec<(NaiveDateTime, String)> = Vec::new();
        for status in waiting {
            candidates.extend(
                outbox::table
                    .filter(outbox::status.eq(status))
                    .filter(outbox::next_attempt_at.le(now))
                    .order((outbox::next_attempt_at.asc(), outbox::id.asc()))
                    .select((outbox::next_attempt_at, outbox::id))
                    .limit(limit)
                    .load::<(NaiveDateTime, String)>(conn)?,
            );
        }
        candidates.sort();
        let candidates = candidates
            .into_iter()
            .take(usize::try_from(limit).unwrap_or(0))
            .map(|(_, id)| id);
        let candidates: Vec<String> = candidates.collect();
        // Claimed only where still due: a row another worker took meanwhile is skipped.
        let claim = diesel::update(outbox::table)
            .filter(outbox::id.eq_any(&candidates))
            .filter(outbox::status.eq_any(waiting))
            .filter(outbox::next_attempt_at.le(now))
            .set((
                outbox::status.eq(Status::Sending.as_str()),
                outbox::next_attempt_at.eq(lease_until),
            ));
        let claimed: Vec<String> = match conn {
            // One statement, which says which rows it took.
            DbConnection::Postgresql(c) => claim.returning(outbox::id).get_results(c)?,
            // The write lock is held: no other worker can take a row between the two.
            DbConnection::Sqlite(c) => {
                claim.execute(c)?;
                outbox::table
                    .filter(outbox::id.eq_any(&candidates))
                    .filter(outbox::status.eq(Status::Sending.as_str()))
                    .filter(outbox::next_attempt_at.eq(lease_until))
                    .select(outbox::id)
                    .load(c)?
            }
        };
        Ok::<_, DbError>(
            outbox::table
                .filter(outbox::id.eq_any(&claimed))
                .order(outbox::id.asc())
                .select(Message::as_select())
                .load(conn)?,
        )
    })
}

/// Marks messages sent, all in one statement.
pub fn mark_sent(
    conn: &mut DbConnection,
    ids: &[MessageId],
    now: NaiveDateTime,
) -> Result<(), DbError> {
    if ids.is_empty() {
        return Ok(());
    }
    // Through the writer queue: a bare write could hold SQLite's lock while a registration
    // waits for it in the busy handler, which sleeps in whole milliseconds.
    write_transaction(conn, |conn| {
        diesel::update(outbox::table.filter(outbox::id.eq_any(ids)))
            .set((
                outbox::status.eq(Status::Sent.as_str()),
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::sent_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Records a failed attempt: retried at `retry_at`, or failed for good when `None`.
pub fn mark_attempt_failed(
    conn: &mut DbConnection,
    id: &MessageId,
    error: &str,
    retry_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let status = match retry_at {
        Some(_) => Status::Retrying,
        None => Status::Failed,
    };
    write_transaction(conn, |conn| {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::status.eq(status.as_str()),
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::last_error.eq(error),
                outbox::next_attempt_at.eq(retry_at.unwrap_or(now)),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Gives a claimed but unsent message back, without counting an attempt.
pub fn release(conn: &mut DbConnection, id: &MessageId, now: NaiveDateTime) -> Result<(), DbError> {
    diesel::update(outbox::table.find(id))
        .filter(outbox::status.eq(Status::Sending.as_str()))
        .set((
            outbox::status.eq(Status::Retrying.as_str()),
            outbox::next_attempt_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// At start-up: messages a crashed process left in `sending` are tried again now. Whether
/// they went out before the crash is unknown; sending again is the lesser harm.
pub fn reset_interrupted(conn: &mut DbConnection, now: NaiveDateTime) -> Result<usize, DbError> {
    Ok(diesel::update(outbox::table)
        .filter(outbox::status.eq(Status::Sending.as_str()))
        .set((
            outbox::status.eq(Status::Retrying.as_str()),
            outbox::next_attempt_at.eq(now),
        ))
        .execute(conn)?)
}

/// Puts a failed message back in the queue with a fresh round of attempts. False when it
/// does not exist or has not failed.
pub fn retry(conn: &mut DbConnection, id: &MessageId, now: NaiveDateTime) -> Result<bool, DbError> {
    let n = diesel::update(outbox::table.find(id))
        .filter(outbox::status.eq(Status::Failed.as_str()))
        .set((
            outbox::status.eq(Status::Queued.as_str()),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// The newest messages first, of one conference or of all; optionally of one status.
pub fn list_recent(
    conn: &mut DbConnection,
    conference_id: Option<&str>,
    status: Option<Status>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Summary>, DbError> {
    let mut query = outbox::table
        .select(Summary::as_select())
        .order((outbox::created_at.desc(), outbox::id.desc()))
        .limit(limit)
        .offset(offset)
        .into_boxed();
    if let Some(conference_id) = conference_id {
        query = query.filter(outbox::conference_id.eq(conference_id.to_owned()));
    }
    if let Some(status) = status {
        query = query.filter(outbox::status.eq(status.as_str()));
    }
    Ok(query.load(conn)?)
}

/// Counts per status of the messages of one broadcast; of one conference's only, when
/// given.
pub fn counts_for_batch(
    conn: &mut DbConnection,
    conference_id: Option<&str>,
    batch: &str,
) -> Result<Counts, DbError> {
    if !super::is_key(batch) {
        return Ok(Counts::default());
    }
    let rows: Vec<(String, i64)> = match conference_id {
        Some(conference_id) => outbox::table
            .filter(outbox::batch.eq(batch))
            .filter(outbox::conference_id.eq(conference_id))
            .group_by(outbox::status)
            .select((outbox::status, diesel::dsl::count_star()))
            .load(conn)?,
        None => outbox::table
            .filter(outbox::batch.eq(batch))
            .group_by(outbox::status)
            .select((outbox::status, diesel::dsl::count_star()))
            .load(conn)?,
    };
    Ok(tally(rows))
}

/// Counts per status of one conference's messages, or of all.
pub fn counts(conn: &mut DbConnection, conference_id: Option<&str>) -> Result<Counts, DbError> {
    let mut query = outbox::table
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .into_boxed();
    if let Some(conference_id) = conference_id {
        query = query.filter(outbox::conference_id.eq(conference_id.to_owned()));
    }
    Ok(tally(query.load(conn)?))
}

fn tally(rows: Vec<(String, i64)>) -> Counts {
    let mut counts = Counts::default();
    for (status, n) in rows {
        match Status::parse(&status) {
            Some(Status::Queued) => counts.queued += n,
            Some(Status::Sending) => counts.sending += n,
            Some(Status::Sent) => counts.sent += n,
            Some(Status::Retrying) => counts.retrying += n,
            Some(Status::Failed) | None => counts.failed += n,
        }
    }
    counts
}
