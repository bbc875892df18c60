//! Registrations with their insight preferences and rounds. Functions that change who has
//! a place must run inside [`super::write_transaction`] and lock the conference first, so
//! that concurrent registrations can never overbook it.

use crate::auth::{LinkKey, same_hash, token_hash};
use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{
    registration_legacy_links, registration_link_mails, registration_preferences,
    registration_rounds, registrations,
};
use super::{DbConnection, DbError};
use crate::domain::ids::{ConferenceId, InsightId, ProgrammeItemId, RegistrationId};
use crate::domain::registration::{RegistrationDraft, RegistrationStatus};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = registrations)]
pub struct Registration {
    pub id: RegistrationId,
    pub conference_id: ConferenceId,
    /// The SHA-256 (hex) of the personal link's token; the token itself is never stored.
    pub token: String,
    pub seq: i32,
    pub status: RegistrationStatus,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub discipline: String,
    pub municipality: String,
    pub diet: String,
    pub accessibility: String,
    pub lang: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub cancelled_at: Option<NaiveDateTime>,
}

impl Registration {
    pub fn status(&self) -> RegistrationStatus {
        self.status
    }
}

/// The outcome of a registration attempt.
#[derive(Debug)]
pub enum Registered {
    /// A new registration, or a cancelled one made active again.
    New(Registration),
    /// This address is registered already; nothing changed.
    Existing(Registration),
}

pub fn find(conn: &mut DbConnection, id: &RegistrationId) -> Result<Option<Registration>, DbError> {
    Ok(registrations::table
        .find(id)
        .select(Registration::as_select())
        .first(conn)
        .optional()?)
}

/// The registration a personal link opens: found by the SHA-256 of its token, among the
/// current links and those mailed before links were derived from the server's key.
pub fn find_by_token(
    conn: &mut DbConnection,
    token: &str,
) -> Result<Option<Registration>, DbError> {
    if !super::is_key(token) {
        return Ok(None);
    }
    let hash = token_hash(token);
    let current = registrations::table
        .filter(registrations::token.eq(&hash))
        .select(Registration::as_select())
        .first(conn)
        .optional()?;
    if let Some(found) = current {
        return Ok(same_hash(&found.token, &hash).then_some(found));
    }
    let legacy: Option<(String, RegistrationId)> = registration_legacy_links::table
        .find(&hash)
        .select((
            registration_legacy_links::token_hash,
            registration_legacy_links::registration_id,
        ))
        .first(conn)
        .optional()?;
    match legacy {
        Some((stored, id)) if same_hash(&stored, &hash) => find(conn, &id),
        _ => Ok(None),
    }
}

/// Moves registrations whose link token is still stored as it is (from before links were
/// hashed) over: the old token's hash is kept so links already mailed keep working, and
/// the row gets the hash of its derived token. Run at start; does nothing the second
/// time. Returns how many moved.
pub fn hash_plain_tokens(conn: &mut DbConnection, links: &LinkKey) -> Result<usize, DbError> {
    super::write_transaction(conn, |conn| {
        // A stored hash is 64 hex digits; a plain token was 43 characters.
        let plain: Vec<(RegistrationId, String)> = registrations::table
            .select((registrations::id, registrations::token))
            .load::<(RegistrationId, String)>(conn)?
            .into_iter()
            .filter(|(_, token)| token.len() != 64)
            .collect();
        for (id, token) in &plain {
            diesel::insert_into(registration_legacy_links::table)
                .values((
                    registration_legacy_links::token_hash.eq(token_hash(token)),
                    registration_legacy_links::registration_id.eq(id),
                ))
                .execute(conn)?;
            diesel::update(registrations::table.find(id))
                .set(registrations::token.eq(token_hash(&links.registration_token(id))))
                .execute(conn)?;
        }
        Ok::<_, DbError>(plain.len())
    })
}

pub fn count_with_status(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    status: RegistrationStatus,
) -> Result<i64, DbError> {
    Ok(registrations::table
        .filter(registrations::conference_id.eq(conference_id))
        .filter(registrations::status.eq(status.as_str()))
        .count()
        .get_result(conn)?)
}

pub use crate::domain::registration::{Line, Places};

/// The conference's places, and the highest arrival number given out so far (0 before
/// the first registration), in one query.
pub fn places(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<(Places, i32), DbError> {
    let rows: Vec<(String, i64, Option<i32>)> = registrations::table
        .filter(registrations::conference_id.eq(conference_id))
        .group_by(registrations::status)
        .select((
            registrations::status,
            diesel::dsl::count_star(),
            diesel::dsl::max(registrations::seq),
        ))
        .load(conn)?;
    let count = |status: RegistrationStatus| {
        rows.iter()
            .find(|(s, _, _)| s == status.as_str())
            .map_or(0, |(_, n, _)| *n)
    };
    let last_seq = rows
        .iter()
        .filter_map(|(_, _, max)| *max)
        .max()
        .unwrap_or(0);
    Ok((
        Places {
            confirmed: count(RegistrationStatus::Confirmed),
            waiting: count(RegistrationStatus::Waiting),
        },
        last_seq,
    ))
}

/// Brings back a cancelled registration: at the back of the line, with the same link and
/// the details given now. Run as [`make`] is, under the conference's lock.
pub fn rejoin(
    conn: &mut DbConnection,
    old: &Registration,
    line: &mut Line,
    draft: &RegistrationDraft,
    lang: &str,
    now: NaiveDateTime,
) -> Result<Registration, DbError> {
    let (status, seq) = line.take_place();
    diesel::update(registrations::table.find(&old.id))
        .set((
            registrations::seq.eq(seq),
            registrations::status.eq(status.as_str()),
            registrations::lang.eq(lang),
            registrations::cancelled_at.eq(None::<NaiveDateTime>),
            registrations::created_at.eq(now),
        ))
        .execute(conn)?;
    update_details(conn, &old.id, draft, now)?;
    Ok(find(conn, &old.id)?.ok_or(diesel::result::Error::NotFound)?)
}

/// Replaces the details, preferences and rounds (the email address stays).
pub fn update_details(
    conn: &mut DbConnection,
    id: &RegistrationId,
    draft: &RegistrationDraft,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::update(registrations::table.find(id))
        .set((
            registrations::name.eq(&draft.name),
            registrations::organisation.eq(&draft.organisation),
            registrations::discipline.eq(&draft.discipline),
            registrations::municipality.eq(&draft.municipality),
            registrations::diet.eq(&draft.diet),
            registrations::accessibility.eq(&draft.accessibility),
            registrations::updated_at.eq(now),
        ))
        .execute(conn)?;
    diesel::delete(
        registration_preferences::table.filter(registration_preferences::registration_id.eq(id)),
    )
    .execute(conn)?;
    diesel::delete(registration_rounds::table.filter(registration_rounds::registration_id.eq(id)))
        .execute(conn)?;
    insert_all_choices(conn, &[(id, draft)])
}

/// The preferences and rounds of several registrations: one statement each, not one per
/// row, for fewer round trips while the conference is locked.
fn insert_all_choices(
    conn: &mut DbConnection,
    choices: &[(&RegistrationId, &RegistrationDraft)],
) -> Result<(), DbError> {
    let preferences: Vec<_> = choices
        .iter()
        .flat_map(|(id, draft)| {
            draft
                .preferences
                .iter()
                .enumerate()
                .map(move |(rank, insight)| {
                    (
                        registration_preferences::registration_id.eq(*id),
                        registration_preferences::insight_id.eq(insight),
                        registration_preferences::rank.eq(rank as i32 + 1),
                    )
                })
        })
        .collect();
    if !preferences.is_empty() {
        super::insert_many!(conn, registration_preferences::table, preferences)?;
    }
    let rounds: Vec<_> = choices
        .iter()
        .flat_map(|(id, draft)| {
            draft.rounds.iter().map(move |round| {
                (
                    registration_rounds::registration_id.eq(*id),
                    registration_rounds::round_id.eq(round),
                )
            })
        })
        .collect();
    if !rounds.is_empty() {
        super::insert_many!(conn, registration_rounds::table, rounds)?;
    }
    Ok(())
}

/// A registration made in memory, to be stored by [`insert_all`].
#[derive(Debug, Clone)]
pub struct NewRegistration {
    pub registration: Registration,
    pub draft: RegistrationDraft,
}

/// A fresh registration with the next place in line. The caller has counted `places`
/// and `last_seq` under the conference's lock.
pub fn make(
    conference_id: &ConferenceId,
    line: &mut Line,
    email: &str,
    draft: &RegistrationDraft,
    lang: &str,
    now: NaiveDateTime,
    links: &LinkKey,
) -> NewRegistration {
    let (status, seq) = line.take_place();
    let id = RegistrationId::generate();
    NewRegistration {
        registration: Registration {
            token: token_hash(&links.registration_token(&id)),
            id,
            conference_id: conference_id.to_owned(),
            seq,
            status,
            name: draft.name.clone(),
            email: email.to_owned(),
            organisation: draft.organisation.clone(),
            discipline: draft.discipline.clone(),
            municipality: draft.municipality.clone(),
            diet: draft.diet.clone(),
            accessibility: draft.accessibility.clone(),
            lang: lang.to_owned(),
            created_at: now,
            updated_at: now,
            cancelled_at: None,
        },
        draft: draft.clone(),
    }
}

/// Stores registrations made by [`make`], with their choices: three statements for all.
pub fn insert_all(conn: &mut DbConnection, new: &[NewRegistration]) -> Result<(), DbError> {
    if new.is_empty() {
        return Ok(());
    }
    let rows: Vec<&Registration> = new.iter().map(|n| &n.registration).collect();
    super::insert_many!(conn, registrations::table, rows)?;
    let choices: Vec<(&RegistrationId, &RegistrationDraft)> =
        new.iter().map(|n| (&n.registration.id, &n.draft)).collect();
    insert_all_choices(conn, &choices)
}

/// [`insert_all`] and the mail about them ([`super::outbox::insert_all`]). On PostgreSQL
/// in a single statement, one insert per table joined by `WITH`: under the conference's
/// lock every round trip counts, and the foreign keys are checked at the statement's end,
/// when every row is in.
pub fn insert_all_with_mail(
    conn: &mut DbConnection,
    new: &[NewRegistration],
    mail: &[super::outbox::NewMessage],
) -> Result<(), DbError> {
    let DbConnection::Postgresql(pg) = conn else {
        insert_all(conn, new)?;
        return super::outbox::insert_all(conn, mail);
    };
    use diesel::sql_types::{Integer, Nullable, Text, Timestamp};
    let mut inserts: Vec<String> = Vec::new();
    let mut n = 0;
    // Placeholders for one row of `width` values: ($1, $2, ...).
    let mut row = |width: usize| {
        let list: Vec<String> = (0..width)
            .map(|_| {
                n += 1;
                format!("${n}")
            })
            .collect();
        format!("({})", list.join(", "))
    };
    let mut values =
        |width: usize, rows: usize| (0..rows).map(|_| row(width)).collect::<Vec<_>>().join(", ");
    let preferences: Vec<(&str, &InsightId, i32)> = new
        .iter()
        .flat_map(|r| {
            r.draft
                .preferences
                .iter()
                .enumerate()
                .map(move |(rank, insight)| (r.registration.id.as_str(), insight, rank as i32 + 1))
        })
        .collect();
    let rounds: Vec<(&str, &ProgrammeItemId)> = new
        .iter()
        .flat_map(|r| {
            r.draft
                .rounds
                .iter()
                .map(move |round| (r.registration.id.as_str(), round))
        })
        .collect();
    if !new.is_empty() {
        inserts.push(format!(
            "INSERT INTO registrations (id, conference_id, token, seq, status, name, email, \
             organisation, discipline, municipality, diet, accessibility, lang, created_at, \
             updated_at, cancelled_at) VALUES {}",
            values(16, new.len())
        ));
    }
    if !preferences.is_empty() {
        inserts.push(format!(
            "INSERT INTO registration_preferences (registration_id, insight_id, rank) VALUES {}",
            values(3, preferences.len())
        ));
    }
    if !rounds.is_empty() {
        inserts.push(format!(
            "INSERT INTO registration_rounds (registration_id, round_id) VALUES {}",
            values(2, rounds.len())
        ));
    }
    if !mail.is_empty() {
        inserts.push(format!(
            "INSERT INTO outbox (id, conference_id, recipient, subject, kind, raw, status, \
             attempts, next_attempt_at, created_at, batch) VALUES {}",
            values(11, mail.len())
        ));
    }
    let Some(last) = inserts.pop() else {
        return Ok(());
    };
    let with: Vec<String> = inserts
        .iter()
        .enumerate()
        .map(|(i, insert)| format!("i{i} AS ({insert})"))
        .collect();
    let sql = if with.is_empty() {
        last
    } else {
        format!("WITH {} {last}", with.join(", "))
    };
    let mut query = diesel::sql_query(sql).into_boxed::<diesel::pg::Pg>();
    for r in new.iter().map(|n| &n.registration) {
        query = query
            .bind::<Text, _>(&r.id)
            .bind::<Text, _>(&r.conference_id)
            .bind::<Text, _>(&r.token)
            .bind::<Integer, _>(r.seq)
            .bind::<Text, _>(&r.status)
            .bind::<Text, _>(&r.name)
            .bind::<Text, _>(&r.email)
            .bind::<Text, _>(&r.organisation)
            .bind::<Text, _>(&r.discipline)
            .bind::<Text, _>(&r.municipality)
            .bind::<Text, _>(&r.diet)
            .bind::<Text, _>(&r.accessibility)
            .bind::<Text, _>(&r.lang)
            .bind::<Timestamp, _>(r.created_at)
            .bind::<Timestamp, _>(r.updated_at)
            .bind::<Nullable<Timestamp>, _>(r.cancelled_at);
    }
    for (registration, insight, rank) in preferences {
        query = query
            .bind::<Text, _>(registration)
            .bind::<Text, _>(insight)
            .bind::<Integer, _>(rank);
    }
    for (registration, round) in rounds {
        query = query.bind::<Text, _>(registration).bind::<Text, _>(round);
    }
    for m in mail {
        query = query
            .bind::<Text, _>(m.id)
            .bind::<Nullable<Text>, _>(m.conference_id)
            .bind::<Text, _>(m.recipient)
            .bind::<Text, _>(m.subject)
            .bind::<Text, _>(m.kind)
            .bind::<Text, _>(m.raw)
            .bind::<Text, _>(m.status)
            .bind::<Integer, _>(m.attempts)
            .bind::<Timestamp, _>(m.next_attempt_at)
            .bind::<Timestamp, _>(m.created_at)
            .bind::<Nullable<Text>, _>(m.batch);
    }
    query.execute(pg)?;
    Ok(())
}

/// When the registration's personal link was last mailed: on request, or else with its
/// confirmation when it was made (or made again).
pub fn link_sent_at(
    conn: &mut DbConnection,
    registration: &Registration,
) -> Result<NaiveDateTime, DbError> {
    let on_request: Option<NaiveDateTime> = registration_link_mails::table
        .find(&registration.id)
        .select(registration_link_mails::sent_at)
        .first(conn)
        .optional()?;
    Ok(on_request.map_or(registration.created_at, |at| {
        at.max(registration.created_at)
    }))
}

/// Notes that the personal link was mailed on request now.
pub fn link_sent(
    conn: &mut DbConnection,
    id: &RegistrationId,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::delete(
        registration_link_mails::table.filter(registration_link_mails::registration_id.eq(id)),
    )
    .execute(conn)?;
    diesel::insert_into(registration_link_mails::table)
        .values((
            registration_link_mails::registration_id.eq(id),
            registration_link_mails::sent_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The conference's registrations under these addresses.
pub fn find_by_emails(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    emails: &[&str],
) -> Result<Vec<Registration>, DbError> {
    Ok(registrations::table
        .filter(registrations::conference_id.eq(conference_id))
        .filter(registrations::email.eq_any(emails))
        .select(Registration::as_select())
        .load(conn)?)
}

/// Who lost and who got a place through a cancellation.
#[derive(Debug)]
pub struct Cancellation {
    pub cancelled: Registration,
    /// Whether they were confirmed (and so had an invite to withdraw).
    pub had_place: bool,
    pub promoted: Vec<Registration>,
}

/// Cancels the registration and gives freed places to the waiting list, first come first
/// served. None when it was cancelled already. Run inside a write transaction that holds
/// the conference's lock.
pub fn cancel(
    conn: &mut DbConnection,
    id: &RegistrationId,
    capacity: i32,
    now: NaiveDateTime,
) -> Result<Option<Cancellation>, DbError> {
    let Some(current) = find(conn, id)? else {
        return Ok(None);
    };
    if current.status() == RegistrationStatus::Cancelled {
        return Ok(None);
    }
    diesel::update(registrations::table.find(id))
        .set((
            registrations::status.eq(RegistrationStatus::Cancelled.as_str()),
            registrations::cancelled_at.eq(Some(now)),
            registrations::updated_at.eq(now),
        ))
        .execute(conn)?;
    // Their seats in the breakout groups are free again.
    super::placements::free(conn, id)?;
    let promoted = promote_waiting(conn, &current.conference_id, capacity, now)?;
    let cancelled = find(conn, id)?.ok_or(diesel::result::Error::NotFound)?;
    Ok(Some(Cancellation {
        cancelled,
        had_place: current.status() == RegistrationStatus::Confirmed,
        promoted,
    }))
}

/// Confirms people from the waiting list, in arrival order, while there is room. Run
/// inside a write transaction with the conference locked.
pub fn promote_waiting(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    capacity: i32,
    now: NaiveDateTime,
) -> Result<Vec<Registration>, DbError> {
    let confirmed = count_with_status(conn, conference_id, RegistrationStatus::Confirmed)?;
    let room = i64::from(capacity) - confirmed;
    if room <= 0 {
        return Ok(Vec::new());
    }
    let next: Vec<RegistrationId> = registrations::table
        .filter(registrations::conference_id.eq(conference_id))
        .filter(registrations::status.eq(RegistrationStatus::Waiting.as_str()))
        .order(registrations::seq.asc())
        .limit(room)
        .select(registrations::id)
        .load(conn)?;
    let mut promoted = Vec::with_capacity(next.len());
    for id in next {
        diesel::update(registrations::table.find(&id))
            .set((
                registrations::status.eq(RegistrationStatus::Confirmed.as_str()),
                registrations::updated_at.eq(now),
            ))
            .execute(conn)?;
        promoted.extend(find(conn, &id)?);
    }
    Ok(promoted)
}

/// Place on the waiting list, from 1.
pub fn waiting_position(
    conn: &mut DbConnection,
    registration: &Registration,
) -> Result<i64, DbError> {
    let ahead: i64 = registrations::table
        .filter(registrations::conference_id.eq(&registration.conference_id))
        .filter(registrations::status.eq(RegistrationStatus::Waiting.as_str()))
        .filter(registrations::seq.lt(registration.seq))
        .count()
        .get_result(conn)?;
    Ok(ahead + 1)
}

/// Everyone registered for the conference, in arrival order.
pub fn list(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<Vec<Registration>, DbError> {
    Ok(registrations::table
        .filter(registrations::conference_id.eq(conference_id))
        .select(Registration::as_select())
        .order(registrations::seq.asc())
        .load(conn)?)
}

/// One registration's insight ids, most wanted first.
pub fn preferences(
    conn: &mut DbConnection,
    id: &RegistrationId,
) -> Result<Vec<InsightId>, DbError> {
    Ok(registration_preferences::table
        .filter(registration_preferences::registration_id.eq(id))
        .order(registration_preferences::rank.asc())
        .select(registration_preferences::insight_id)
        .load(conn)?)
}

pub fn rounds(
    conn: &mut DbConnection,
    id: &RegistrationId,
) -> Result<Vec<ProgrammeItemId>, DbError> {
    Ok(registration_rounds::table
        .filter(registration_rounds::registration_id.eq(id))
        .select(registration_rounds::round_id)
        .load(conn)?)
}

/// Preferences of every registration of the conference: registration id to insight ids.
pub fn all_preferences(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<HashMap<RegistrationId, Vec<InsightId>>, DbError> {
    let rows: Vec<(RegistrationId, InsightId)> = registration_preferences::table
        .inner_join(registrations::table)
        .filter(registrations::conference_id.eq(conference_id))
        .order((
            registration_preferences::registration_id.asc(),
            registration_preferences::rank.asc(),
        ))
        .select((
            registration_preferences::registration_id,
            registration_preferences::insight_id,
        ))
        .load(conn)?;
    let mut map: HashMap<RegistrationId, Vec<InsightId>> = HashMap::new();
    for (registration, insight) in rows {
        map.entry(registration).or_default().push(insight);
    }
    Ok(map)
}

/// Rounds of every registration of the conference: registration id to round ids.
pub fn all_rounds(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<HashMap<RegistrationId, Vec<ProgrammeItemId>>, DbError> {
    let rows: Vec<(RegistrationId, ProgrammeItemId)> = registration_rounds::table
        .inner_join(registrations::table)
        .filter(registrations::conference_id.eq(conference_id))
        .select((
            registration_rounds::registration_id,
            registration_rounds::round_id,
        ))
        .load(conn)?;
    let mut map: HashMap<RegistrationId, Vec<ProgrammeItemId>> = HashMap::new();
    for (registration, round) in rows {
        map.entry(registration).or_default().push(round);
    }
    Ok(map)
}
