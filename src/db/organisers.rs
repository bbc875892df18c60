use diesel::prelude::*;

use super::schema::organisers;
use super::{DbConnection, DbError};
use crate::domain::ids::OrganiserId;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = organisers)]
pub struct Organiser {
    pub id: OrganiserId,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub created_at: chrono::NaiveDateTime,
}

/// Every organiser, by name.
pub fn list(conn: &mut DbConnection) -> Result<Vec<Organiser>, DbError> {
    Ok(organisers::table
        .order(organisers::name.asc())
        .select(Organiser::as_select())
        .load(conn)?)
}

pub fn count(conn: &mut DbConnection) -> Result<i64, DbError> {
    Ok(organisers::table.count().get_result(conn)?)
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> Result<Option<Organiser>, DbError> {
    if email.contains('\0') {
        return Ok(None);
    }
    Ok(organisers::table
        .filter(organisers::email.eq(email))
        .select(Organiser::as_select())
        .first(conn)
        .optional()?)
}

pub fn find(conn: &mut DbConnection, id: &OrganiserId) -> Result<Option<Organiser>, DbError> {
    Ok(organisers::table
        .find(id)
        .select(Organiser::as_select())
        .first(conn)
        .optional()?)
}

/// Creates the organiser, or sets the password and name when the email exists already.
/// Returns true when a new account was made.
pub fn upsert(
    conn: &mut DbConnection,
    email: &str,
    name: &str,
    password_hash: &str,
    now: chrono::NaiveDateTime,
) -> Result<bool, DbError> {
    super::write_transaction(conn, |conn| {
        if let Some(existing) = find_by_email(conn, email)? {
            diesel::update(organisers::table.find(&existing.id))
                .set((
                    organisers::name.eq(name),
                    organisers::password_hash.eq(password_hash),
                ))
                .execute(conn)?;
            return Ok(false);
        }
        diesel::insert_into(organisers::table)
            .values((
                organisers::id.eq(OrganiserId::generate()),
                organisers::email.eq(email),
                organisers::name.eq(name),
                organisers::password_hash.eq(password_hash),
                organisers::created_at.eq(now),
            ))
            .execute(conn)?;
        Ok(true)
    })
}

/// Starts a login: a row the session cookie names, valid until `expires_at`.
pub fn start_session(
    conn: &mut DbConnection,
    organiser_id: &OrganiserId,
    now: chrono::NaiveDateTime,
    expires_at: chrono::NaiveDateTime,
) -> Result<String, DbError> {
    use super::schema::organiser_sessions as s;
    let id = crate::auth::random_token();
    super::write_transaction(conn, |conn| {
        // Expired logins of this organiser go as a new one starts.
        diesel::delete(
            s::table
                .filter(s::organiser_id.eq(organiser_id))
                .filter(s::expires_at.le(now)),
        )
        .execute(conn)?;
        diesel::insert_into(s::table)
            .values((
                s::id.eq(&id),
                s::organiser_id.eq(organiser_id),
                s::created_at.eq(now),
                s::expires_at.eq(expires_at),
            ))
            .execute(conn)
    })?;
    Ok(id)
}

/// Whether the login is still on: not ended by logging out, and not expired.
pub fn session_is_live(
    conn: &mut DbConnection,
    id: &str,
    now: chrono::NaiveDateTime,
) -> Result<bool, DbError> {
    use super::schema::organiser_sessions as s;
    if !super::is_key(id) {
        return Ok(false);
    }
    let found: i64 = s::table
        .filter(s::id.eq(id))
        .filter(s::expires_at.gt(now))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

/// Ends one login.
pub fn end_session(conn: &mut DbConnection, id: &str) -> Result<(), DbError> {
    use super::schema::organiser_sessions as s;
    super::write_transaction(conn, |conn| {
        diesel::delete(s::table.filter(s::id.eq(id))).execute(conn)
    })?;
    Ok(())
}

/// Ends every login of the organiser, on every device.
pub fn end_all_sessions(
    conn: &mut DbConnection,
    organiser_id: &OrganiserId,
) -> Result<usize, DbError> {
    use super::schema::organiser_sessions as s;
    Ok(super::write_transaction(conn, |conn| {
        diesel::delete(s::table.filter(s::organiser_id.eq(organiser_id))).execute(conn)
    })?)
}
