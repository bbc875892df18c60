//! Pilots, the action points they were made of, how they are followed (the owner's link,
//! the evaluation invite's sequence, the reminder), and their timeline.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{pilot_follow, pilot_points, pilot_updates, pilots};
use super::{DbConnection, DbError};
use crate::auth::token_hash;
use crate::domain::ids::{ActionPointId, ConferenceId, PilotId, PilotUpdateId};
use crate::domain::pilot::{Decision, PilotDraft, PilotStatus, UpdateDraft, UpdateKind};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = pilots)]
pub struct Pilot {
    pub id: PilotId,
    pub conference_id: Option<ConferenceId>,
    pub title: String,
    pub aim: String,
    pub description: String,
    pub owner_name: String,
    pub owner_email: String,
    pub owner_organisation: String,
    pub partners: String,
    pub action_line: String,
    pub municipality: String,
    pub neighbourhood: String,
    pub starts_on: Option<NaiveDate>,
    pub next_evaluation_on: Option<NaiveDate>,
    pub status: PilotStatus,
    pub created_at: NaiveDateTime,
}

impl Pilot {
    /// The evaluation date has passed and the pilot has not ended.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        !self.status.is_ended() && self.next_evaluation_on.is_some_and(|d| d < today)
    }

    pub fn to_form(&self, show_owner: bool) -> crate::domain::pilot::PilotForm {
        let date = |d: Option<NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        crate::domain::pilot::PilotForm {
            title: self.title.clone(),
            aim: self.aim.clone(),
            description: self.description.clone(),
            owner_name: self.owner_name.clone(),
            owner_email: self.owner_email.clone(),
            owner_organisation: self.owner_organisation.clone(),
            partners: self.partners.clone(),
            action_line: self.action_line.clone(),
            municipality: self.municipality.clone(),
            neighbourhood: self.neighbourhood.clone(),
            starts_on: date(self.starts_on),
            next_evaluation_on: date(self.next_evaluation_on),
            show_owner: if show_owner {
                "1".into()
            } else {
                String::new()
            },
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = pilot_follow)]
pub struct Follow {
    pub pilot_id: PilotId,
    pub token: String,
    pub show_owner: bool,
    pub sequence: i32,
    pub reminded_for: Option<NaiveDate>,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = pilot_updates)]
pub struct PilotUpdate {
    pub id: PilotUpdateId,
    pub pilot_id: PilotId,
    pub kind: UpdateKind,
    pub author: String,
    pub did: String,
    pub expected: String,
    pub happened: String,
    pub learned: String,
    pub decision: Option<Decision>,
    pub next_evaluation_on: Option<NaiveDate>,
    pub status_from: Option<PilotStatus>,
    pub status_to: Option<PilotStatus>,
    pub created_at: NaiveDateTime,
    /// For an evaluation: the date it was due.
    pub due_on: Option<NaiveDate>,
}

/// The columns a pilot's form fills, as a tuple for an insert or an update.
macro_rules! draft_fields {
    ($d:expr) => {
        (
            pilots::title.eq(&$d.title),
            pilots::aim.eq(&$d.aim),
            pilots::description.eq(&$d.description),
            pilots::owner_name.eq(&$d.owner_name),
            pilots::owner_email.eq(&$d.owner_email),
            pilots::owner_organisation.eq(&$d.owner_organisation),
            pilots::partners.eq(&$d.partners),
            pilots::action_line.eq(&$d.action_line),
            pilots::municipality.eq(&$d.municipality),
            pilots::neighbourhood.eq(&$d.neighbourhood),
            pilots::starts_on.eq($d.starts_on),
            pilots::next_evaluation_on.eq($d.next_evaluation_on),
        )
    };
}

/// Stores a new pilot (status idee) with its owner's link (`token`, stored hashed) and
/// the action points it is made of.
#[allow(clippy::too_many_arguments)]
pub fn insert(
    conn: &mut DbConnection,
    id: &PilotId,
    conference: Option<&ConferenceId>,
    draft: &PilotDraft,
    token: &str,
    points: &[ActionPointId],
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let d = draft;
    diesel::insert_into(pilots::table)
        .values((
            pilots::id.eq(id),
            pilots::conference_id.eq(conference),
            draft_fields!(d),
            pilots::status.eq(PilotStatus::Idea),
            pilots::created_at.eq(now),
        ))
        .execute(conn)?;
    diesel::insert_into(pilot_follow::table)
        .values((
            pilot_follow::pilot_id.eq(id),
            pilot_follow::token.eq(token_hash(token)),
            pilot_follow::show_owner.eq(draft.show_owner),
            pilot_follow::sequence.eq(0),
            pilot_follow::updated_at.eq(now),
        ))
        .execute(conn)?;
    for point in points {
        diesel::insert_into(pilot_points::table)
            .values((
                pilot_points::action_point_id.eq(point),
                pilot_points::pilot_id.eq(id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Stores the fields of the form (not the status).
pub fn update(conn: &mut DbConnection, id: &PilotId, d: &PilotDraft) -> Result<bool, DbError> {
    let n = diesel::update(pilots::table.find(id))
        .set(draft_fields!(d))
        .execute(conn)?;
    Ok(n == 1)
}

/// The owner's link, whether they may be named, and (when the evaluation date moved) the
/// invite's next sequence.
pub fn set_follow(
    conn: &mut DbConnection,
    id: &PilotId,
    token: &str,
    show_owner: bool,
    bump_sequence: bool,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let bump = if bump_sequence { 1 } else { 0 };
    diesel::update(pilot_follow::table.find(id))
        .set((
            pilot_follow::token.eq(token_hash(token)),
            pilot_follow::show_owner.eq(show_owner),
            pilot_follow::sequence.eq(pilot_follow::sequence + bump),
            pilot_follow::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_status(
    conn: &mut DbConnection,
    id: &PilotId,
    from: PilotStatus,
    to: PilotStatus,
) -> Result<bool, DbError> {
    // Only from the status the move was checked against: two moves at once, one wins.
    let n = diesel::update(pilots::table.find(id).filter(pilots::status.eq(from)))
        .set(pilots::status.eq(to))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn set_next_evaluation(
    conn: &mut DbConnection,
    id: &PilotId,
    on: Option<NaiveDate>,
) -> Result<(), DbError> {
    diesel::update(pilots::table.find(id))
        .set(pilots::next_evaluation_on.eq(on))
        .execute(conn)?;
    diesel::update(pilot_follow::table.find(id))
        .set(pilot_follow::sequence.eq(pilot_follow::sequence + 1))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &PilotId) -> Result<Option<Pilot>, DbError> {
    Ok(pilots::table
        .find(id)
        .select(Pilot::as_select())
        .first(conn)
        .optional()?)
}

pub fn follow(conn: &mut DbConnection, id: &PilotId) -> Result<Option<Follow>, DbError> {
    Ok(pilot_follow::table
        .find(id)
        .select(Follow::as_select())
        .first(conn)
        .optional()?)
}

/// The pilot whose owner's link this is.
pub fn find_by_token(conn: &mut DbConnection, token: &str) -> Result<Option<Pilot>, DbError> {
    Ok(pilots::table
        .inner_join(pilot_follow::table)
        .filter(pilot_follow::token.eq(token_hash(token)))
        .select(Pilot::as_select())
        .first(conn)
        .optional()?)
}

/// Every pilot, newest first.
pub fn list(conn: &mut DbConnection) -> Result<Vec<Pilot>, DbError> {
    Ok(pilots::table
        .order((pilots::created_at.desc(), pilots::id.desc()))
        .select(Pilot::as_select())
        .load(conn)?)
}

/// The action points of a pilot.
pub fn points_of(conn: &mut DbConnection, id: &PilotId) -> Result<Vec<ActionPointId>, DbError> {
    Ok(pilot_points::table
        .filter(pilot_points::pilot_id.eq(id))
        .select(pilot_points::action_point_id)
        .load(conn)?)
}

/// Which pilot each of these points became (those that became one).
pub fn pilots_of_points(
    conn: &mut DbConnection,
    points: &[ActionPointId],
) -> Result<Vec<(ActionPointId, PilotId)>, DbError> {
    Ok(pilot_points::table
        .filter(pilot_points::action_point_id.eq_any(points))
        .select((pilot_points::action_point_id, pilot_points::pilot_id))
        .load(conn)?)
}

/// The pilot each of these points became, with its title, in one read.
pub fn titles_of_points(
    conn: &mut DbConnection,
    points: &[ActionPointId],
) -> Result<Vec<(ActionPointId, PilotId, String)>, DbError> {
    Ok(pilot_points::table
        .inner_join(pilots::table)
        .filter(pilot_points::action_point_id.eq_any(points))
        .select((pilot_points::action_point_id, pilots::id, pilots::title))
        .load(conn)?)
}

/// Adds an entry to a pilot's timeline.
pub fn add_update(
    conn: &mut DbConnection,
    id: &PilotId,
    author: &str,
    u: &UpdateDraft,
    moved: Option<(PilotStatus, PilotStatus)>,
    due_on: Option<NaiveDate>,
    now: NaiveDateTime,
) -> Result<PilotUpdateId, DbError> {
    let update_id = PilotUpdateId::generate();
    diesel::insert_into(pilot_updates::table)
        .values((
            pilot_updates::id.eq(&update_id),
            pilot_updates::pilot_id.eq(id),
            pilot_updates::kind.eq(u.kind),
            pilot_updates::author.eq(author),
            pilot_updates::did.eq(&u.did),
            pilot_updates::expected.eq(&u.expected),
            pilot_updates::happened.eq(&u.happened),
            pilot_updates::learned.eq(&u.learned),
            pilot_updates::decision.eq(u.decision),
            pilot_updates::next_evaluation_on.eq(u.next_evaluation_on),
            pilot_updates::status_from.eq(moved.map(|m| m.0)),
            pilot_updates::status_to.eq(moved.map(|m| m.1)),
            pilot_updates::created_at.eq(now),
            pilot_updates::due_on.eq(due_on),
        ))
        .execute(conn)?;
    Ok(update_id)
}

/// A pilot's timeline, oldest first.
pub fn updates(conn: &mut DbConnection, id: &PilotId) -> Result<Vec<PilotUpdate>, DbError> {
    Ok(pilot_updates::table
        .filter(pilot_updates::pilot_id.eq(id))
        .order((pilot_updates::created_at.asc(), pilot_updates::id.asc()))
        .select(PilotUpdate::as_select())
        .load(conn)?)
}

/// Records that the owner was reminded of the evaluation on `date`.
pub fn set_reminded(conn: &mut DbConnection, id: &PilotId, date: NaiveDate) -> Result<(), DbError> {
    diesel::update(pilot_follow::table.find(id))
        .set(pilot_follow::reminded_for.eq(Some(date)))
        .execute(conn)?;
    Ok(())
}

/// Pilots that have not ended and have an evaluation date, with how they are followed.
pub fn followed(conn: &mut DbConnection) -> Result<Vec<(Pilot, Follow)>, DbError> {
    let ended = [
        PilotStatus::Finished,
        PilotStatus::Stopped,
        PilotStatus::ScaledUp,
    ];
    Ok(pilots::table
        .inner_join(pilot_follow::table)
        .filter(pilots::status.ne_all(ended))
        .filter(pilots::next_evaluation_on.is_not_null())
        .order(pilots::next_evaluation_on.asc())
        .select((Pilot::as_select(), Follow::as_select()))
        .load(conn)?)
}

/// Every timeline entry of every pilot, oldest first (for the overview's charts).
pub fn all_updates(conn: &mut DbConnection) -> Result<Vec<PilotUpdate>, DbError> {
    Ok(pilot_updates::table
        .order((pilot_updates::created_at.asc(), pilot_updates::id.asc()))
        .select(PilotUpdate::as_select())
        .load(conn)?)
}

/// Puts a pilot on a conference's programme as feedback; false when it was already.
pub fn add_feedback(
    conn: &mut DbConnection,
    id: &PilotId,
    conference: &ConferenceId,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    use super::schema::pilot_feedback;
    let there: i64 = pilot_feedback::table
        .filter(pilot_feedback::pilot_id.eq(id))
        .filter(pilot_feedback::conference_id.eq(conference))
        .count()
        .get_result(conn)?;
    if there > 0 {
        return Ok(false);
    }
    diesel::insert_into(pilot_feedback::table)
        .values((
            pilot_feedback::pilot_id.eq(id),
            pilot_feedback::conference_id.eq(conference),
            pilot_feedback::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(true)
}

/// The conferences a pilot reports back at.
pub fn feedback_of(conn: &mut DbConnection, id: &PilotId) -> Result<Vec<ConferenceId>, DbError> {
    use super::schema::pilot_feedback;
    Ok(pilot_feedback::table
        .filter(pilot_feedback::pilot_id.eq(id))
        .order(pilot_feedback::created_at.asc())
        .select(pilot_feedback::conference_id)
        .load(conn)?)
}

/// The pilots reporting back at a conference.
pub fn feedback_at(
    conn: &mut DbConnection,
    conference: &ConferenceId,
) -> Result<Vec<Pilot>, DbError> {
    use super::schema::pilot_feedback;
    Ok(pilots::table
        .inner_join(pilot_feedback::table)
        .filter(pilot_feedback::conference_id.eq(conference))
        .order(pilot_feedback::created_at.asc())
        .select(Pilot::as_select())
        .load(conn)?)
}

/// Whether the public overview is published.
pub fn published(conn: &mut DbConnection) -> Result<bool, DbError> {
    use super::schema::publications;
    let n: i64 = publications::table
        .filter(publications::name.eq("pilots"))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Publishes (or withdraws) the public overview.
pub fn set_published(conn: &mut DbConnection, on: bool, now: NaiveDateTime) -> Result<(), DbError> {
    use super::schema::publications;
    diesel::delete(publications::table.filter(publications::name.eq("pilots"))).execute(conn)?;
    if on {
        diesel::insert_into(publications::table)
            .values((
                publications::name.eq("pilots"),
                publications::published_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Whether each pilot's owner agreed to be named publicly, by pilot.
pub fn show_owner(conn: &mut DbConnection) -> Result<Vec<(PilotId, bool)>, DbError> {
    Ok(pilot_follow::table
        .select((pilot_follow::pilot_id, pilot_follow::show_owner))
        .load(conn)?)
}
