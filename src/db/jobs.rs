//! The job table: background work planned for a moment, claimed with a lease, retried
//! with backoff. What a job does lives in `crate::jobs`; this is only its bookkeeping.

use crate::domain::ids::JobId;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::jobs;
use super::{DbConnection, DbError, write_transaction};

crate::domain::ids::text_enum! {
    /// Where a job is.
    pub enum JobStatus {
        Queued = "queued",
        /// Claimed; `due_at` is then the end of the lease, after which another runner may
        /// take it again (its runner died).
        Running = "running",
        Retrying = "retrying",
        Done = "done",
        Failed = "failed",
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    pub id: JobId,
    pub kind: String,
    pub job_key: String,
    pub payload: String,
    pub status: JobStatus,
    pub due_at: NaiveDateTime,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub done_at: Option<NaiveDateTime>,
}

/// Plans a job unless the same (kind, key) is planned already, done or not: the key names
/// the moment it is for, so planning twice (a restart, two processes) runs it once.
/// Returns whether it was new.
pub fn plan(
    conn: &mut DbConnection,
    kind: &str,
    key: &str,
    payload: &str,
    due_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    use diesel::sql_types::{Text, Timestamp};
    let id = JobId::generate();
    let status = JobStatus::Queued.as_str();
    let sql = |p: [&str; 7]| {
        format!(
            "INSERT INTO jobs (id, kind, job_key, payload, status, due_at, attempts, \
             created_at) VALUES ({}, {}, {}, {}, {}, {}, 0, {}) \
             ON CONFLICT (kind, job_key) DO NOTHING",
            p[0], p[1], p[2], p[3], p[4], p[5], p[6]
        )
    };
    let inserted = write_transaction(conn, |conn| match conn {
        DbConnection::Postgresql(c) => {
            diesel::sql_query(sql(["$1", "$2", "$3", "$4", "$5", "$6", "$7"]))
                .bind::<Text, _>(&id)
                .bind::<Text, _>(kind)
                .bind::<Text, _>(key)
                .bind::<Text, _>(payload)
                .bind::<Text, _>(status)
                .bind::<Timestamp, _>(due_at)
                .bind::<Timestamp, _>(now)
                .execute(c)
        }
        DbConnection::Sqlite(c) => diesel::sql_query(sql(["?"; 7]))
            .bind::<Text, _>(&id)
            .bind::<Text, _>(kind)
            .bind::<Text, _>(key)
            .bind::<Text, _>(payload)
            .bind::<Text, _>(status)
            .bind::<Timestamp, _>(due_at)
            .bind::<Timestamp, _>(now)
            .execute(c),
    })?;
    Ok(inserted == 1)
}

/// Claims up to `limit` jobs due at `now` (and those whose runner's lease ran out), marks
/// them running until `lease_until`, and returns them, oldest due first.
pub fn claim_due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> Result<Vec<JobRow>, DbError> {
    let waiting = [
        JobStatus::Queued.as_str(),
        JobStatus::Retrying.as_str(),
        JobStatus::Running.as_str(),
    ];
    write_transaction(conn, |conn| {
        let due: Vec<String> = jobs::table
            .filter(jobs::status.eq_any(waiting))
            .filter(jobs::due_at.le(now))
            .order((jobs::due_at.asc(), jobs::id.asc()))
            .select(jobs::id)
            .limit(limit)
            .load(conn)?;
        if due.is_empty() {
            return Ok(Vec::new());
        }
        // Claimed only where still due: a row another runner took meanwhile is skipped.
        let claim = diesel::update(jobs::table)
            .filter(jobs::id.eq_any(&due))
            .filter(jobs::status.eq_any(waiting))
            .filter(jobs::due_at.le(now))
            .set((
                jobs::status.eq(JobStatus::Running.as_str()),
                jobs::due_at.eq(lease_until),
                jobs::attempts.eq(jobs::attempts + 1),
            ));
        let claimed: Vec<String> = match conn {
            DbConnection::Postgresql(c) => claim.returning(jobs::id).get_results(c)?,
            // The write lock is held: no other runner can take a row between the two.
            DbConnection::Sqlite(c) => {
                claim.execute(c)?;
                jobs::table
                    .filter(jobs::id.eq_any(&due))
                    .filter(jobs::status.eq(JobStatus::Running.as_str()))
                    .filter(jobs::due_at.eq(lease_until))
                    .select(jobs::id)
                    .load(c)?
            }
        };
        Ok::<_, DbError>(
            jobs::table
                .filter(jobs::id.eq_any(&claimed))
                .order((jobs::created_at.asc(), jobs::id.asc()))
                .select(JobRow::as_select())
                .load(conn)?,
        )
    })
}

/// The job ran to its end.
pub fn finish(conn: &mut DbConnection, id: &JobId, now: NaiveDateTime) -> Result<(), DbError> {
    diesel::update(jobs::table.find(id))
        .set((
            jobs::status.eq(JobStatus::Done.as_str()),
            jobs::done_at.eq(Some(now)),
            jobs::last_error.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

/// The job failed: again at `retry_at`, or (None) not again.
pub fn fail(
    conn: &mut DbConnection,
    id: &JobId,
    error: &str,
    retry_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let (status, due, done) = match retry_at {
        Some(at) => (JobStatus::Retrying, Some(at), None),
        None => (JobStatus::Failed, None, Some(now)),
    };
    let mut error = error.to_owned();
    if error.len() > 500 {
        let mut cut = 500;
        while !error.is_char_boundary(cut) {
            cut -= 1;
        }
        error.truncate(cut);
    }
    write_transaction(conn, |conn| {
        diesel::update(jobs::table.find(id))
            .set((
                jobs::status.eq(status.as_str()),
                jobs::last_error.eq(Some(&error)),
                jobs::done_at.eq(done),
            ))
            .execute(conn)?;
        if let Some(due) = due {
            diesel::update(jobs::table.find(id))
                .set(jobs::due_at.eq(due))
                .execute(conn)?;
        }
        Ok::<_, DbError>(())
    })
}

/// Every job of a kind, oldest planned first (for tests and the organiser's overview).
pub fn list(conn: &mut DbConnection, kind: &str) -> Result<Vec<JobRow>, DbError> {
    Ok(jobs::table
        .filter(jobs::kind.eq(kind))
        .order((jobs::created_at.asc(), jobs::id.asc()))
        .select(JobRow::as_select())
        .load(conn)?)
}
