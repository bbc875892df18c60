//! Breakout groups of a conference. Every finder takes the conference, so a group of
//! another conference is never read.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::breakout_groups;
use super::{DbConnection, DbError};
use crate::domain::group::{GroupDraft, GroupForm, same_room};
use crate::domain::ids::{ConferenceId, GroupId, InsightId, ProgrammeItemId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = breakout_groups)]
pub struct Group {
    pub id: GroupId,
    pub conference_id: ConferenceId,
    pub round_id: ProgrammeItemId,
    pub insight_id: InsightId,
    pub room: String,
    pub capacity: i32,
    pub facilitator_name: String,
    pub facilitator_email: String,
    pub created_at: NaiveDateTime,
    /// SHA-256 of the facilitator's link token; set by publishing.
    pub facilitator_token: Option<String>,
    /// Changed since its participants were told (a new room): mail them again.
    pub republish: bool,
}

impl Group {
    pub fn to_form(&self) -> GroupForm {
        GroupForm {
            round: self.round_id.to_string(),
            insight: self.insight_id.to_string(),
            room: self.room.clone(),
            capacity: self.capacity.to_string(),
            facilitator_name: self.facilitator_name.clone(),
            facilitator_email: self.facilitator_email.clone(),
        }
    }
}

/// Another group of the same round meets in that room already.
#[derive(Debug, PartialEq, Eq)]
pub struct RoomTaken;

pub fn list(conn: &mut DbConnection, conference_id: &ConferenceId) -> Result<Vec<Group>, DbError> {
    Ok(breakout_groups::table
        .filter(breakout_groups::conference_id.eq(conference_id))
        .order((breakout_groups::round_id.asc(), breakout_groups::room.asc()))
        .select(Group::as_select())
        .load(conn)?)
}

pub fn find(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &GroupId,
) -> Result<Option<Group>, DbError> {
    Ok(breakout_groups::table
        .filter(breakout_groups::conference_id.eq(conference_id))
        .filter(breakout_groups::id.eq(id))
        .select(Group::as_select())
        .first(conn)
        .optional()?)
}

/// Whether another group (not `except`) of the round meets in the room.
fn room_taken(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    draft: &GroupDraft,
    except: Option<&GroupId>,
) -> Result<bool, DbError> {
    let rooms: Vec<(GroupId, String)> = breakout_groups::table
        .filter(breakout_groups::conference_id.eq(conference_id))
        .filter(breakout_groups::round_id.eq(&draft.round))
        .select((breakout_groups::id, breakout_groups::room))
        .load(conn)?;
    Ok(rooms
        .iter()
        .any(|(id, room)| Some(id) != except && same_room(room, &draft.room)))
}

pub fn create(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    draft: &GroupDraft,
    now: NaiveDateTime,
) -> Result<Result<GroupId, RoomTaken>, DbError> {
    super::write_transaction(conn, |conn| {
        super::lock_conference(conn, conference_id)?;
        if room_taken(conn, conference_id, draft, None)? {
            return Ok(Err(RoomTaken));
        }
        let id = GroupId::generate();
        diesel::insert_into(breakout_groups::table)
            .values((
                breakout_groups::id.eq(&id),
                breakout_groups::conference_id.eq(conference_id),
                breakout_groups::round_id.eq(&draft.round),
                breakout_groups::insight_id.eq(&draft.insight),
                breakout_groups::room.eq(&draft.room),
                breakout_groups::capacity.eq(draft.capacity),
                breakout_groups::facilitator_name.eq(&draft.facilitator_name),
                breakout_groups::facilitator_email.eq(&draft.facilitator_email),
                breakout_groups::created_at.eq(now),
            ))
            .execute(conn)?;
        Ok(Ok(id))
    })
}

/// Why a group cannot be changed as asked.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    RoomTaken,
    /// Participants are placed in it, so its round or insight (the field) cannot change:
    /// they would sit in another round, or meet an insight twice.
    Placed(&'static str, i64),
    /// Fewer places than participants placed in it.
    BelowPlaced(i64),
}

/// How many participants are placed in a group.
pub fn placed_in(conn: &mut DbConnection, id: &GroupId) -> Result<i64, DbError> {
    use super::schema::placements;
    Ok(placements::table
        .filter(placements::group_id.eq(id))
        .count()
        .get_result(conn)?)
}

/// The names of the participants placed in a group, by name.
pub fn placed_names(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &GroupId,
) -> Result<Vec<String>, DbError> {
    use super::schema::{placements, registrations};
    Ok(placements::table
        .inner_join(registrations::table.on(registrations::id.eq(placements::registration_id)))
        .filter(placements::conference_id.eq(conference_id))
        .filter(placements::group_id.eq(id))
        .order(registrations::name)
        .select(registrations::name)
        .load(conn)?)
}

/// How many participants were told (by publishing) that they sit in a group.
pub fn published_in(conn: &mut DbConnection, id: &GroupId) -> Result<i64, DbError> {
    use super::schema::placements;
    Ok(placements::table
        .filter(placements::published_group_id.eq(id))
        .count()
        .get_result(conn)?)
}

/// None when there is no such group in the conference. Once participants are placed in
/// it, its round and insight stay and its places cannot drop below them; a new room for
/// a published group marks its participants for the next publication.
pub fn update(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &GroupId,
    draft: &GroupDraft,
) -> Result<Option<Result<(), Refused>>, DbError> {
    super::write_transaction(conn, |conn| {
        super::lock_conference(conn, conference_id)?;
        let Some(before) = find(conn, conference_id, id)? else {
            return Ok(None);
        };
        if room_taken(conn, conference_id, draft, Some(id))? {
            return Ok(Some(Err(Refused::RoomTaken)));
        }
        let placed = placed_in(conn, id)?;
        if placed > 0 {
            if draft.round != before.round_id {
                return Ok(Some(Err(Refused::Placed("round", placed))));
            }
            if draft.insight != before.insight_id {
                return Ok(Some(Err(Refused::Placed("insight", placed))));
            }
            if i64::from(draft.capacity) < placed {
                return Ok(Some(Err(Refused::BelowPlaced(placed))));
            }
        }
        let republish = before.republish
            || (before.room.trim() != draft.room.trim() && published_in(conn, id)? > 0);
        // Another facilitator: the previous one's link no longer opens this group.
        let token = if same_email(&before.facilitator_email, &draft.facilitator_email) {
            before.facilitator_token
        } else {
            None
        };
        diesel::update(
            breakout_groups::table
                .filter(breakout_groups::conference_id.eq(conference_id))
                .filter(breakout_groups::id.eq(id)),
        )
        .set((
            breakout_groups::round_id.eq(&draft.round),
            breakout_groups::insight_id.eq(&draft.insight),
            breakout_groups::room.eq(&draft.room),
            breakout_groups::capacity.eq(draft.capacity),
            breakout_groups::facilitator_name.eq(&draft.facilitator_name),
            breakout_groups::facilitator_email.eq(&draft.facilitator_email),
            breakout_groups::facilitator_token.eq(token),
            breakout_groups::republish.eq(republish),
        ))
        .execute(conn)?;
        Ok(Some(Ok(())))
    })
}

pub fn delete(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &GroupId,
) -> Result<bool, DbError> {
    let n = super::write_transaction(conn, |conn| {
        diesel::delete(
            breakout_groups::table
                .filter(breakout_groups::conference_id.eq(conference_id))
                .filter(breakout_groups::id.eq(id)),
        )
        .execute(conn)
    })?;
    Ok(n == 1)
}

/// How many of the conference's groups work on the insight.
pub fn count_on_insight(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    insight: &InsightId,
) -> Result<usize, DbError> {
    let n: i64 = breakout_groups::table
        .filter(breakout_groups::conference_id.eq(conference_id))
        .filter(breakout_groups::insight_id.eq(insight))
        .count()
        .get_result(conn)?;
    Ok(n as usize)
}

/// How many of the conference's groups meet in the programme item.
pub fn count_in_round(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    round: &ProgrammeItemId,
) -> Result<usize, DbError> {
    let n: i64 = breakout_groups::table
        .filter(breakout_groups::conference_id.eq(conference_id))
        .filter(breakout_groups::round_id.eq(round))
        .count()
        .get_result(conn)?;
    Ok(n as usize)
}

/// Per breakout round, how many confirmed participants attend it.
pub fn attending_per_round(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<Vec<(ProgrammeItemId, i64)>, DbError> {
    use super::schema::{registration_rounds, registrations};
    use crate::domain::registration::RegistrationStatus;
    Ok(registration_rounds::table
        .inner_join(registrations::table)
        .filter(registrations::conference_id.eq(conference_id))
        .filter(registrations::status.eq(RegistrationStatus::Confirmed.as_str()))
        .group_by(registration_rounds::round_id)
        .select((registration_rounds::round_id, diesel::dsl::count_star()))
        .load(conn)?)
}

/// What a group form offers: the conference's breakout rounds and insights.
pub struct GroupOffer {
    pub rounds: Vec<super::programme::ProgrammeItem>,
    pub insights: Vec<super::insights::Insight>,
}

pub fn offer(conn: &mut DbConnection, conference_id: &ConferenceId) -> Result<GroupOffer, DbError> {
    use crate::domain::programme::ItemKind;
    Ok(GroupOffer {
        rounds: super::programme::list(conn, conference_id)?
            .into_iter()
            .filter(|i| i.kind() == ItemKind::Round)
            .collect(),
        insights: super::insights::list(conn, conference_id)?,
    })
}

fn same_email(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// After publishing: every group's participants have been told.
pub fn clear_republish(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<(), DbError> {
    super::write_transaction(conn, |conn| {
        diesel::update(
            breakout_groups::table.filter(breakout_groups::conference_id.eq(conference_id)),
        )
        .set(breakout_groups::republish.eq(false))
        .execute(conn)
    })?;
    Ok(())
}

/// Gives each group its facilitator's link token hash (None for a group without one).
pub fn set_facilitator_tokens(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    tokens: &[(GroupId, Option<String>)],
) -> Result<(), DbError> {
    super::write_transaction(conn, |conn| {
        for (id, token) in tokens {
            diesel::update(
                breakout_groups::table
                    .filter(breakout_groups::conference_id.eq(conference_id))
                    .filter(breakout_groups::id.eq(id)),
            )
            .set(breakout_groups::facilitator_token.eq(token))
            .execute(conn)?;
        }
        Ok(())
    })
}

/// The groups a facilitator's link opens, in programme order of creation; empty for a
/// link that names nobody.
pub fn by_facilitator_token(conn: &mut DbConnection, token: &str) -> Result<Vec<Group>, DbError> {
    if !super::is_key(token) {
        return Ok(Vec::new());
    }
    let hash = crate::auth::token_hash(token);
    Ok(breakout_groups::table
        .filter(breakout_groups::facilitator_token.eq(&hash))
        .order(breakout_groups::created_at)
        .select(Group::as_select())
        .load(conn)?)
}
