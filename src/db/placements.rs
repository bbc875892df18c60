//! The breakout assignment as stored: placements (who sits in which group in each round)
//! and the last run with its cost. Every finder takes the conference.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{assignment_runs, placements};
use super::{DbConnection, DbError};
use crate::domain::ids::{ConferenceId, GroupId, ProgrammeItemId, RegistrationId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = placements)]
pub struct Placement {
    pub registration_id: RegistrationId,
    pub round_id: ProgrammeItemId,
    pub group_id: GroupId,
    pub conference_id: ConferenceId,
    pub pinned: bool,
    /// The group as last published; None before publishing.
    pub published_group_id: Option<GroupId>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = assignment_runs)]
pub struct Run {
    pub conference_id: ConferenceId,
    pub cost_total: i64,
    pub cost_preference: i64,
    pub cost_discipline: i64,
    pub cost_organisation: i64,
    pub ran_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    /// The solver's lower bound: no assignment that meets the rules costs less.
    pub cost_bound: Option<i64>,
}

pub fn list(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<Vec<Placement>, DbError> {
    Ok(placements::table
        .filter(placements::conference_id.eq(conference_id))
        .select(Placement::as_select())
        .load(conn)?)
}

pub fn run(conn: &mut DbConnection, conference_id: &ConferenceId) -> Result<Option<Run>, DbError> {
    Ok(assignment_runs::table
        .find(conference_id)
        .select(Run::as_select())
        .first(conn)
        .optional()?)
}

pub use crate::domain::assignment::Cost;

/// Replaces the placements that are not pinned by `new` (pinned ones stay as they are)
/// and records the run. Run inside the caller's transaction.
pub fn store_run(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    new: &[(RegistrationId, ProgrammeItemId, GroupId)],
    (cost, bound): (Cost, i64),
    now: NaiveDateTime,
) -> Result<(), DbError> {
    // What was published stays known, so publishing again mails only who changed.
    let published: Vec<(RegistrationId, ProgrammeItemId, Option<GroupId>)> = placements::table
        .filter(placements::conference_id.eq(conference_id))
        .select((
            placements::registration_id,
            placements::round_id,
            placements::published_group_id,
        ))
        .load(conn)?;
    diesel::delete(
        placements::table
            .filter(placements::conference_id.eq(conference_id))
            .filter(placements::pinned.eq(false)),
    )
    .execute(conn)?;
    let pinned: Vec<(RegistrationId, ProgrammeItemId)> = placements::table
        .filter(placements::conference_id.eq(conference_id))
        .select((placements::registration_id, placements::round_id))
        .load(conn)?;
    let rows: Vec<_> = new
        .iter()
        .filter(|(r, round, _)| !pinned.iter().any(|(pr, pround)| pr == r && pround == round))
        .map(|(registration, round, group)| {
            (
                placements::registration_id.eq(registration),
                placements::round_id.eq(round),
                placements::group_id.eq(group),
                placements::conference_id.eq(conference_id),
                placements::pinned.eq(false),
                placements::published_group_id.eq(published
                    .iter()
                    .find(|(r, x, _)| r == registration && x == round)
                    .and_then(|(_, _, g)| g.clone())),
            )
        })
        .collect();
    for chunk in rows.chunks(500) {
        super::insert_many!(conn, placements::table, chunk.to_vec())?;
    }
    let published_at: Option<NaiveDateTime> = assignment_runs::table
        .find(conference_id)
        .select(assignment_runs::published_at)
        .first(conn)
        .optional()?
        .flatten();
    diesel::delete(assignment_runs::table.find(conference_id)).execute(conn)?;
    diesel::insert_into(assignment_runs::table)
        .values((
            assignment_runs::conference_id.eq(conference_id),
            assignment_runs::cost_total.eq(cost.total),
            assignment_runs::cost_preference.eq(cost.preference),
            assignment_runs::cost_discipline.eq(cost.discipline),
            assignment_runs::cost_organisation.eq(cost.organisation),
            assignment_runs::ran_at.eq(now),
            assignment_runs::published_at.eq(published_at),
            assignment_runs::cost_bound.eq(Some(bound)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Puts the participant in another group for the round, pinned, so a new run keeps it.
/// False when they were not placed in that round.
pub fn move_to(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    registration: &RegistrationId,
    round: &ProgrammeItemId,
    group: &GroupId,
) -> Result<bool, DbError> {
    let n = diesel::update(
        placements::table
            .filter(placements::conference_id.eq(conference_id))
            .filter(placements::registration_id.eq(registration))
            .filter(placements::round_id.eq(round)),
    )
    .set((placements::group_id.eq(group), placements::pinned.eq(true)))
    .execute(conn)?;
    Ok(n == 1)
}

/// Pins a placement (a new run keeps it) or releases it. False when there is none.
pub fn set_pinned(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    registration: &RegistrationId,
    round: &ProgrammeItemId,
    pinned: bool,
) -> Result<bool, DbError> {
    let n = super::write_transaction(conn, |conn| {
        diesel::update(
            placements::table
                .filter(placements::conference_id.eq(conference_id))
                .filter(placements::registration_id.eq(registration))
                .filter(placements::round_id.eq(round)),
        )
        .set(placements::pinned.eq(pinned))
        .execute(conn)
    })?;
    Ok(n == 1)
}

/// Marks every placement of the conference as published as it stands, and the run with
/// the moment.
pub fn mark_published(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let rows = list(conn, conference_id)?;
    for p in rows
        .iter()
        .filter(|p| p.published_group_id.as_ref() != Some(&p.group_id))
    {
        diesel::update(
            placements::table
                .filter(placements::registration_id.eq(&p.registration_id))
                .filter(placements::round_id.eq(&p.round_id)),
        )
        .set(placements::published_group_id.eq(Some(&p.group_id)))
        .execute(conn)?;
    }
    diesel::update(assignment_runs::table.find(conference_id))
        .set(assignment_runs::published_at.eq(Some(now)))
        .execute(conn)?;
    Ok(())
}

/// A place given after publishing: pinned (a new run keeps it) and already published.
pub fn add_published(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    registration: &RegistrationId,
    round: &ProgrammeItemId,
    group: &GroupId,
) -> Result<(), DbError> {
    diesel::insert_into(placements::table)
        .values((
            placements::registration_id.eq(registration),
            placements::round_id.eq(round),
            placements::group_id.eq(group),
            placements::conference_id.eq(conference_id),
            placements::pinned.eq(true),
            placements::published_group_id.eq(Some(group)),
        ))
        .execute(conn)?;
    Ok(())
}

/// A cancelled registration's places are free again.
pub fn free(conn: &mut DbConnection, registration: &RegistrationId) -> Result<(), DbError> {
    diesel::delete(placements::table.filter(placements::registration_id.eq(registration)))
        .execute(conn)?;
    Ok(())
}
