use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::conferences;
use super::{DbConnection, DbError};
use crate::domain::conference::{ConferenceDraft, ConferenceForm, Status};
use crate::domain::ids::ConferenceId;
use crate::domain::slug;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = conferences)]
pub struct Conference {
    pub id: ConferenceId,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub venue_name: String,
    pub venue_address: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub capacity: i32,
    pub registration_opens_at: Option<NaiveDateTime>,
    pub registration_closes_at: Option<NaiveDateTime>,
    pub contact_email: String,
    pub status: Status,
    pub archived_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Conference {
    pub fn status(&self) -> Status {
        self.status
    }

    /// Venue and address on one line, as a calendar's LOCATION ("" while unknown).
    pub fn location(&self) -> String {
        [self.venue_name.as_str(), self.venue_address.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.replace('\n', ", "))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether the public may register now, and if not, why. An archived conference is
    /// closed whatever its status says.
    pub fn registration_window(&self, now: NaiveDateTime) -> Result<(), crate::i18n::Msg> {
        if self.archived_at.is_some() {
            return Err(crate::i18n::Msg::RegistrationClosed);
        }
        crate::domain::registration::window(
            self.status(),
            self.registration_opens_at,
            self.registration_closes_at,
            self.starts_at,
            now,
        )
    }

    /// Whether the public may see the page: everything but a concept.
    pub fn is_public(&self) -> bool {
        self.status() != Status::Concept
    }
}

/// The chosen web address is in use by another conference.
#[derive(Debug, PartialEq, Eq)]
pub struct SlugTaken;

pub fn list(conn: &mut DbConnection, archived: bool) -> Result<Vec<Conference>, DbError> {
    let query = conferences::table
        .select(Conference::as_select())
        .order((conferences::starts_at.desc(), conferences::title.asc()));
    Ok(if archived {
        query
            .filter(conferences::archived_at.is_not_null())
            .load(conn)?
    } else {
        query
            .filter(conferences::archived_at.is_null())
            .load(conn)?
    })
}

/// Conferences the public may see, soonest first.
pub fn list_public(conn: &mut DbConnection) -> Result<Vec<Conference>, DbError> {
    Ok(conferences::table
        .filter(conferences::archived_at.is_null())
        .filter(conferences::status.ne(Status::Concept.as_str()))
        .select(Conference::as_select())
        .order(conferences::starts_at.asc())
        .load(conn)?)
}

pub fn find(conn: &mut DbConnection, id: &ConferenceId) -> Result<Option<Conference>, DbError> {
    Ok(conferences::table
        .find(id)
        .select(Conference::as_select())
        .first(conn)
        .optional()?)
}

/// The conference, locked until the transaction ends (see [`super::lock_conference`]):
/// read and lock in one round trip.
pub fn find_locked(
    conn: &mut DbConnection,
    id: &ConferenceId,
) -> Result<Option<Conference>, DbError> {
    match conn {
        DbConnection::Postgresql(c) => Ok(conferences::table
            .find(id)
            .select(Conference::as_select())
            .for_no_key_update()
            .first(c)
            .optional()?),
        // BEGIN IMMEDIATE already holds SQLite's one write lock.
        DbConnection::Sqlite(_) => find(conn, id),
    }
}

pub fn find_by_slug(conn: &mut DbConnection, slug: &str) -> Result<Option<Conference>, DbError> {
    if !super::is_key(slug) {
        return Ok(None);
    }
    Ok(conferences::table
        .filter(conferences::slug.eq(slug))
        .select(Conference::as_select())
        .first(conn)
        .optional()?)
}

/// Whether another conference (not `except`) has the slug.
fn slug_in_use(
    conn: &mut DbConnection,
    slug: &str,
    except: Option<&ConferenceId>,
) -> Result<bool, DbError> {
    let mut query = conferences::table
        .filter(conferences::slug.eq(slug))
        .into_boxed();
    if let Some(except) = except {
        query = query.filter(conferences::id.ne(except.clone()));
    }
    let n: i64 = query.count().get_result(conn)?;
    Ok(n > 0)
}

/// A free slug derived from the title: `titel`, `titel-2`, `titel-3`, ...
fn free_slug(conn: &mut DbConnection, title: &str) -> Result<String, DbError> {
    let base = slug::from_title(title);
    let mut candidate = base.clone();
    let mut n = 2;
    while slug_in_use(conn, &candidate, None)? {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Ok(candidate)
}

pub fn create(
    conn: &mut DbConnection,
    draft: &ConferenceDraft,
    now: NaiveDateTime,
) -> Result<Result<Conference, SlugTaken>, DbError> {
    super::write_transaction(conn, |conn| {
        let slug = match &draft.slug {
            Some(s) if slug_in_use(conn, s, None)? => return Ok(Err(SlugTaken)),
            Some(s) => s.clone(),
            None => free_slug(conn, &draft.title)?,
        };
        let id = ConferenceId::generate();
        let inserted = diesel::insert_into(conferences::table)
            .values((
                conferences::id.eq(&id),
                conferences::slug.eq(&slug),
                changes(draft),
                conferences::created_at.eq(now),
                conferences::updated_at.eq(now),
            ))
            .execute(conn);
        match inserted {
            Err(e) if super::is_unique_violation(&e) => return Ok(Err(SlugTaken)),
            other => other?,
        };
        let created = find(conn, &id)?.ok_or(diesel::result::Error::NotFound)?;
        Ok(Ok(created))
    })
}

/// Saves the draft over conference `id`; an empty slug in the draft keeps the current one.
pub fn update(
    conn: &mut DbConnection,
    id: &ConferenceId,
    draft: &ConferenceDraft,
    now: NaiveDateTime,
) -> Result<Result<(), SlugTaken>, DbError> {
    super::write_transaction(conn, |conn| {
        if let Some(s) = &draft.slug {
            if slug_in_use(conn, s, Some(id))? {
                return Ok(Err(SlugTaken));
            }
            diesel::update(conferences::table.find(id))
                .set(conferences::slug.eq(s))
                .execute(conn)?;
        }
        diesel::update(conferences::table.find(id))
            .set((changes(draft), conferences::updated_at.eq(now)))
            .execute(conn)?;
        Ok(Ok(()))
    })
}

#[allow(clippy::type_complexity)]
fn changes(
    d: &ConferenceDraft,
) -> (
    diesel::dsl::Eq<conferences::title, &String>,
    diesel::dsl::Eq<conferences::description, &String>,
    diesel::dsl::Eq<conferences::venue_name, &String>,
    diesel::dsl::Eq<conferences::venue_address, &String>,
    diesel::dsl::Eq<conferences::starts_at, NaiveDateTime>,
    diesel::dsl::Eq<conferences::ends_at, NaiveDateTime>,
    diesel::dsl::Eq<conferences::capacity, i32>,
    diesel::dsl::Eq<conferences::registration_opens_at, Option<NaiveDateTime>>,
    diesel::dsl::Eq<conferences::registration_closes_at, Option<NaiveDateTime>>,
    diesel::dsl::Eq<conferences::contact_email, &String>,
    diesel::dsl::Eq<conferences::status, &'static str>,
) {
    (
        conferences::title.eq(&d.title),
        conferences::description.eq(&d.description),
        conferences::venue_name.eq(&d.venue_name),
        conferences::venue_address.eq(&d.venue_address),
        conferences::starts_at.eq(d.starts_at),
        conferences::ends_at.eq(d.ends_at),
        conferences::capacity.eq(d.capacity),
        conferences::registration_opens_at.eq(d.registration_opens_at),
        conferences::registration_closes_at.eq(d.registration_closes_at),
        conferences::contact_email.eq(&d.contact_email),
        conferences::status.eq(d.status.as_str()),
    )
}

pub fn set_archived(
    conn: &mut DbConnection,
    id: &ConferenceId,
    archived: bool,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    let at = archived.then_some(now);
    // Through the writer queue, like every write (see `write_transaction`).
    let n = super::write_transaction(conn, |conn| {
        diesel::update(conferences::table.find(id))
            .set((
                conferences::archived_at.eq(at),
                conferences::updated_at.eq(now),
            ))
            .execute(conn)
    })?;
    Ok(n == 1)
}

/// What a conference says to its participants. Empty texts mean "use the default".
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::conference_texts)]
pub struct ConferenceTexts {
    pub conference_id: ConferenceId,
    pub privacy_statement: String,
    pub confirmation_text: String,
    pub confirmation_text_en: String,
    pub calendar_sequence: i32,
}

pub fn texts(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<ConferenceTexts, DbError> {
    use super::schema::conference_texts;
    let found = conference_texts::table
        .find(conference_id)
        .select(ConferenceTexts::as_select())
        .first(conn)
        .optional()?;
    Ok(found.unwrap_or_else(|| ConferenceTexts {
        conference_id: conference_id.to_owned(),
        privacy_statement: String::new(),
        confirmation_text: String::new(),
        confirmation_text_en: String::new(),
        calendar_sequence: 0,
    }))
}

/// Stores the three texts; the calendar sequence is left alone (see
/// [`bump_calendar_sequence`]). Insert or update, as MultiConnection has no upsert.
pub fn save_texts(conn: &mut DbConnection, texts: &ConferenceTexts) -> Result<(), DbError> {
    use super::schema::conference_texts as t;
    let values = (
        t::privacy_statement.eq(&texts.privacy_statement),
        t::confirmation_text.eq(&texts.confirmation_text),
        t::confirmation_text_en.eq(&texts.confirmation_text_en),
    );
    super::write_transaction(conn, |conn| {
        let updated = diesel::update(t::table.find(&texts.conference_id))
            .set(values)
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(t::table)
                .values((
                    t::conference_id.eq(&texts.conference_id),
                    values,
                    t::calendar_sequence.eq(0),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

/// Raises the calendar sequence by one and returns the new value, so that updated invites
/// supersede every earlier one. Run inside the write transaction of the change.
pub fn bump_calendar_sequence(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<i32, DbError> {
    use super::schema::conference_texts as t;
    let updated = diesel::update(t::table.find(conference_id))
        .set(t::calendar_sequence.eq(t::calendar_sequence + 1))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(t::table)
            .values((
                t::conference_id.eq(conference_id),
                t::privacy_statement.eq(""),
                t::confirmation_text.eq(""),
                t::confirmation_text_en.eq(""),
                t::calendar_sequence.eq(1),
            ))
            .execute(conn)?;
    }
    Ok(texts(conn, conference_id)?.calendar_sequence)
}

impl Conference {
    pub fn to_form(&self) -> ConferenceForm {
        let c = self;
        let opt =
            |t: Option<NaiveDateTime>| t.map(crate::domain::time::input_value).unwrap_or_default();
        ConferenceForm {
            title: c.title.clone(),
            slug: c.slug.clone(),
            description: c.description.clone(),
            venue_name: c.venue_name.clone(),
            venue_address: c.venue_address.clone(),
            starts_at: crate::domain::time::input_value(c.starts_at),
            ends_at: crate::domain::time::input_value(c.ends_at),
            capacity: c.capacity.to_string(),
            registration_opens_at: opt(c.registration_opens_at),
            registration_closes_at: opt(c.registration_closes_at),
            contact_email: c.contact_email.clone(),
            status: c.status.as_str().to_owned(),
        }
    }
}
