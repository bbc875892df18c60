use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::programme_items;
use super::{DbConnection, DbError};
use crate::domain::ids::{ConferenceId, ProgrammeItemId};
use crate::domain::programme::{ItemKind, ProgrammeDraft, ProgrammeForm};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = programme_items)]
pub struct ProgrammeItem {
    pub id: ProgrammeItemId,
    pub conference_id: ConferenceId,
    pub kind: ItemKind,
    pub title: String,
    pub description: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
}

impl ProgrammeItem {
    pub fn kind(&self) -> ItemKind {
        self.kind
    }
}

pub fn list(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<Vec<ProgrammeItem>, DbError> {
    Ok(programme_items::table
        .filter(programme_items::conference_id.eq(conference_id))
        .select(ProgrammeItem::as_select())
        .order((
            programme_items::starts_at.asc(),
            programme_items::ends_at.asc(),
            programme_items::id.asc(),
        ))
        .load(conn)?)
}

pub fn find(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ProgrammeItemId,
) -> Result<Option<ProgrammeItem>, DbError> {
    Ok(programme_items::table
        .filter(programme_items::conference_id.eq(conference_id))
        .filter(programme_items::id.eq(id))
        .select(ProgrammeItem::as_select())
        .first(conn)
        .optional()?)
}

pub fn create(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    draft: &ProgrammeDraft,
) -> Result<ProgrammeItemId, DbError> {
    let id = ProgrammeItemId::generate();
    super::write_transaction(conn, |conn| {
        diesel::insert_into(programme_items::table)
            .values((
                programme_items::id.eq(&id),
                programme_items::conference_id.eq(conference_id),
                programme_items::kind.eq(draft.kind.as_str()),
                programme_items::title.eq(&draft.title),
                programme_items::description.eq(&draft.description),
                programme_items::starts_at.eq(draft.starts_at),
                programme_items::ends_at.eq(draft.ends_at),
            ))
            .execute(conn)
    })?;
    Ok(id)
}

pub fn update(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ProgrammeItemId,
    draft: &ProgrammeDraft,
) -> Result<bool, DbError> {
    // Through the writer queue, like every write (see `write_transaction`).
    let n = super::write_transaction(conn, |conn| {
        diesel::update(
            programme_items::table
                .filter(programme_items::conference_id.eq(conference_id))
                .filter(programme_items::id.eq(id)),
        )
        .set((
            programme_items::kind.eq(draft.kind.as_str()),
            programme_items::title.eq(&draft.title),
            programme_items::description.eq(&draft.description),
            programme_items::starts_at.eq(draft.starts_at),
            programme_items::ends_at.eq(draft.ends_at),
        ))
        .execute(conn)
    })?;
    Ok(n == 1)
}

pub fn delete(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ProgrammeItemId,
) -> Result<bool, DbError> {
    // Through the writer queue, like every write (see `write_transaction`).
    let n = super::write_transaction(conn, |conn| {
        diesel::delete(
            programme_items::table
                .filter(programme_items::conference_id.eq(conference_id))
                .filter(programme_items::id.eq(id)),
        )
        .execute(conn)
    })?;
    Ok(n == 1)
}

/// The names of the participants (not cancelled) who attend the item (a round), in
/// arrival order.
pub fn attended_by(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ProgrammeItemId,
) -> Result<Vec<String>, DbError> {
    use super::schema::{registration_rounds, registrations};
    Ok(registration_rounds::table
        .inner_join(registrations::table)
        .filter(registrations::conference_id.eq(conference_id))
        .filter(registration_rounds::round_id.eq(id))
        .filter(
            registrations::status
                .ne(crate::domain::registration::RegistrationStatus::Cancelled.as_str()),
        )
        .order(registrations::seq.asc())
        .select(registrations::name)
        .load(conn)?)
}

impl ProgrammeItem {
    pub fn to_form(&self) -> ProgrammeForm {
        let i = self;
        ProgrammeForm {
            kind: i.kind.as_str().to_owned(),
            title: i.title.clone(),
            description: i.description.clone(),
            starts_at: crate::domain::time::input_value(i.starts_at),
            ends_at: crate::domain::time::input_value(i.ends_at),
        }
    }
}
