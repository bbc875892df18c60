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
    cost: Cost,
    now: NaiveDateTime,
) -> Result<(), DbError> {
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
            )
        })
        .collect();
    for chunk in rows.chunks(500) {
        super::insert_many!(conn, placements::table, chunk.to_vec())?;
    }
    diesel::delete(assignment_runs::table.find(conference_id)).execute(conn)?;
    diesel::insert_into(assignment_runs::table)
        .values((
            assignment_runs::conference_id.eq(conference_id),
            assignment_runs::cost_total.eq(cost.total),
            assignment_runs::cost_preference.eq(cost.preference),
            assignment_runs::cost_discipline.eq(cost.discipline),
            assignment_runs::cost_organisation.eq(cost.organisation),
            assignment_runs::ran_at.eq(now),
            assignment_runs::published_at.eq(None::<NaiveDateTime>),
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
