use diesel::prelude::*;

use super::schema::organisers;
use super::{DbConnection, DbError};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = organisers)]
pub struct Organiser {
    pub id: String,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub created_at: chrono::NaiveDateTime,
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

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<Organiser>, DbError> {
    if !super::is_key(id) {
        return Ok(None);
    }
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
                organisers::id.eq(super::new_id()),
                organisers::email.eq(email),
                organisers::name.eq(name),
                organisers::password_hash.eq(password_hash),
                organisers::created_at.eq(now),
            ))
            .execute(conn)?;
        Ok(true)
    })
}
