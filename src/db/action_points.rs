//! Action points of a conference. Every finder takes the conference, so a point of another
//! conference is never read. A deleted point keeps its row (`deleted_at`), so nothing a
//! group said is lost to a slip of the thumb; lists leave it out.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{action_points, conference_capture, point_harvest};
use super::{DbConnection, DbError};
use crate::domain::action_point::{Mark, PointDraft, PointForm, PointStatus, Question, Source};
use crate::domain::ids::{ActionPointId, ConferenceId, GroupId};

#[derive(Debug, Clone)]
pub struct ActionPoint {
    pub id: ActionPointId,
    pub conference_id: ConferenceId,
    pub group_id: GroupId,
    pub question: Question,
    pub body: String,
    pub taker_name: String,
    pub taker_organisation: String,
    pub with_whom: String,
    pub first_step: String,
    pub source: Source,
    pub submission_key: String,
    pub deleted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Not shown on the wall (the organiser hid it).
    pub hidden: bool,
    /// Shown first on the wall, and alone when it shows only pinned points.
    pub pinned: bool,
    /// What becomes of it (the harvest).
    pub status: PointStatus,
    /// The point it was merged into: it is one of that point's sources, not listed alone.
    pub merged_into: Option<ActionPointId>,
}

/// The columns of `action_points`; with the harvest row (if any) it makes an [`ActionPoint`].
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = action_points)]
struct PointRow {
    id: ActionPointId,
    conference_id: ConferenceId,
    group_id: GroupId,
    question: Question,
    body: String,
    taker_name: String,
    taker_organisation: String,
    with_whom: String,
    first_step: String,
    source: Source,
    submission_key: String,
    deleted_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    /// Not shown on the wall (the organiser hid it).
    hidden: bool,
    /// Shown first on the wall, and alone when it shows only pinned points.
    pinned: bool,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = point_harvest)]
struct HarvestRow {
    status: PointStatus,
    merged_into: Option<ActionPointId>,
}

impl From<(PointRow, Option<HarvestRow>)> for ActionPoint {
    fn from((r, h): (PointRow, Option<HarvestRow>)) -> ActionPoint {
        let (status, merged_into) =
            h.map_or((PointStatus::New, None), |h| (h.status, h.merged_into));
        ActionPoint {
            id: r.id,
            conference_id: r.conference_id,
            group_id: r.group_id,
            question: r.question,
            body: r.body,
            taker_name: r.taker_name,
            taker_organisation: r.taker_organisation,
            with_whom: r.with_whom,
            first_step: r.first_step,
            source: r.source,
            submission_key: r.submission_key,
            deleted_at: r.deleted_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
            hidden: r.hidden,
            pinned: r.pinned,
            status,
            merged_into,
        }
    }
}

/// Points with their harvest rows, ready to filter.
macro_rules! points {
    () => {
        action_points::table.left_join(point_harvest::table)
    };
}

/// The select of [`points!`].
macro_rules! as_points {
    () => {
        (PointRow::as_select(), Option::<HarvestRow>::as_select())
    };
}

fn loaded(rows: Vec<(PointRow, Option<HarvestRow>)>) -> Vec<ActionPoint> {
    rows.into_iter().map(ActionPoint::from).collect()
}

impl ActionPoint {
    pub fn to_form(&self) -> PointForm {
        PointForm {
            group: self.group_id.to_string(),
            question: self.question.as_str().to_owned(),
            text: self.body.clone(),
            taker_name: self.taker_name.clone(),
            taker_organisation: self.taker_organisation.clone(),
            with_whom: self.with_whom.clone(),
            first_step: self.first_step.clone(),
            key: self.submission_key.clone(),
            place: format!("{}|{}", self.group_id, self.question.as_str()),
        }
    }
}

/// The live points of these groups of the conference, oldest first.
pub fn list_for_groups(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    groups: &[GroupId],
) -> Result<Vec<ActionPoint>, DbError> {
    let mut points = list(conn, conference_id)?;
    points.retain(|p| groups.contains(&p.group_id));
    Ok(points)
}

/// Every live point of the conference, oldest first (merged ones are their survivor's
/// sources: see [`sources`]).
pub fn list(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<Vec<ActionPoint>, DbError> {
    let mut points = live(conn, conference_id)?;
    points.retain(|p| p.merged_into.is_none());
    Ok(points)
}

/// Every live point of the conference, merged or not, oldest first.
pub fn live(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<Vec<ActionPoint>, DbError> {
    Ok(loaded(
        points!()
            .filter(action_points::conference_id.eq(conference_id))
            .filter(action_points::deleted_at.is_null())
            .order((action_points::created_at.asc(), action_points::id.asc()))
            .select(as_points!())
            .load(conn)?,
    ))
}

/// A live point of the conference.
pub fn find(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ActionPointId,
) -> Result<Option<ActionPoint>, DbError> {
    Ok(points!()
        .filter(action_points::conference_id.eq(conference_id))
        .filter(action_points::id.eq(id))
        .filter(action_points::deleted_at.is_null())
        .select(as_points!())
        .first::<(PointRow, Option<HarvestRow>)>(conn)
        .optional()?
        .map(ActionPoint::from))
}

/// The point a submission made, deleted or not, whatever its conference.
pub fn by_submission(conn: &mut DbConnection, key: &str) -> Result<Option<ActionPoint>, DbError> {
    Ok(points!()
        .filter(action_points::submission_key.eq(key))
        .select(as_points!())
        .first::<(PointRow, Option<HarvestRow>)>(conn)
        .optional()?
        .map(ActionPoint::from))
}

/// Stores a new point under its submission key (unique: a second insert with the same key
/// fails, which the caller turns into finding the first).
pub fn insert(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    draft: &PointDraft,
    source: Source,
    key: &str,
    now: NaiveDateTime,
) -> Result<ActionPointId, DbError> {
    let id = ActionPointId::generate();
    diesel::insert_into(action_points::table)
        .values((
            action_points::id.eq(&id),
            action_points::conference_id.eq(conference_id),
            action_points::group_id.eq(&draft.group),
            action_points::question.eq(draft.question),
            action_points::body.eq(&draft.text),
            action_points::taker_name.eq(&draft.taker_name),
            action_points::taker_organisation.eq(&draft.taker_organisation),
            action_points::with_whom.eq(&draft.with_whom),
            action_points::first_step.eq(&draft.first_step),
            action_points::source.eq(source),
            action_points::submission_key.eq(key),
            action_points::created_at.eq(now),
            action_points::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Changes a live point's text and details (its group and question too: a point put
/// under the wrong question moves). False when there is no such live point.
pub fn update(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ActionPointId,
    draft: &PointDraft,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    let n = diesel::update(
        action_points::table
            .filter(action_points::conference_id.eq(conference_id))
            .filter(action_points::id.eq(id))
            .filter(action_points::deleted_at.is_null()),
    )
    .set((
        action_points::group_id.eq(&draft.group),
        action_points::question.eq(draft.question),
        action_points::body.eq(&draft.text),
        action_points::taker_name.eq(&draft.taker_name),
        action_points::taker_organisation.eq(&draft.taker_organisation),
        action_points::with_whom.eq(&draft.with_whom),
        action_points::first_step.eq(&draft.first_step),
        action_points::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Hides or shows, pins or unpins a live point on the wall. False when there is no such
/// live point.
pub fn set_mark(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ActionPointId,
    mark: Mark,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    let target = action_points::table
        .filter(action_points::conference_id.eq(conference_id))
        .filter(action_points::id.eq(id))
        .filter(action_points::deleted_at.is_null());
    let n = match mark {
        Mark::Hide | Mark::Show => diesel::update(target)
            .set((
                action_points::hidden.eq(mark == Mark::Hide),
                action_points::updated_at.eq(now),
            ))
            .execute(conn)?,
        Mark::Pin | Mark::Unpin => diesel::update(target)
            .set((
                action_points::pinned.eq(mark == Mark::Pin),
                action_points::updated_at.eq(now),
            ))
            .execute(conn)?,
    };
    Ok(n == 1)
}

/// Marks a live point deleted. False when there is no such live point.
pub fn delete(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ActionPointId,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    let n = diesel::update(
        action_points::table
            .filter(action_points::conference_id.eq(conference_id))
            .filter(action_points::id.eq(id))
            .filter(action_points::deleted_at.is_null()),
    )
    .set((
        action_points::deleted_at.eq(Some(now)),
        action_points::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// How many points, deleted ones included, were captured in a group: a group with points
/// keeps its row.
pub fn count_in_group(conn: &mut DbConnection, group: &GroupId) -> Result<i64, DbError> {
    Ok(action_points::table
        .filter(action_points::group_id.eq(group))
        .count()
        .get_result(conn)?)
}

/// When the organiser closed capture for the conference; None while it is open.
pub fn capture_locked_at(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<Option<NaiveDateTime>, DbError> {
    Ok(conference_capture::table
        .filter(conference_capture::conference_id.eq(conference_id))
        .select(conference_capture::locked_at)
        .first::<Option<NaiveDateTime>>(conn)
        .optional()?
        .flatten())
}

/// Closes (`Some(now)`) or opens (`None`) the capture of the conference's action points.
pub fn set_capture_lock(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    locked_at: Option<NaiveDateTime>,
) -> Result<(), DbError> {
    super::write_transaction(conn, |conn| {
        let n = diesel::update(
            conference_capture::table.filter(conference_capture::conference_id.eq(conference_id)),
        )
        .set(conference_capture::locked_at.eq(locked_at))
        .execute(conn)?;
        if n == 0 {
            diesel::insert_into(conference_capture::table)
                .values((
                    conference_capture::conference_id.eq(conference_id),
                    conference_capture::locked_at.eq(locked_at),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
}

/// The live points of the conference merged into others, oldest first.
pub fn sources(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<Vec<ActionPoint>, DbError> {
    let mut points = live(conn, conference_id)?;
    points.retain(|p| p.merged_into.is_some());
    Ok(points)
}

/// Sets a point's harvest row (made when it has none): `status`, `merged_into`, or both.
fn set_harvest(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ActionPointId,
    status: Option<PointStatus>,
    merged_into: Option<Option<&ActionPointId>>,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let current = points!()
        .filter(action_points::conference_id.eq(conference_id))
        .filter(action_points::id.eq(id))
        .select(Option::<HarvestRow>::as_select())
        .first::<Option<HarvestRow>>(conn)?;
    let (old_status, old_into) =
        current.map_or((PointStatus::New, None), |h| (h.status, h.merged_into));
    let status = status.unwrap_or(old_status);
    let merged_into = match merged_into {
        Some(into) => into.cloned(),
        None => old_into,
    };
    diesel::delete(point_harvest::table.find(id)).execute(conn)?;
    diesel::insert_into(point_harvest::table)
        .values((
            point_harvest::action_point_id.eq(id),
            point_harvest::conference_id.eq(conference_id),
            point_harvest::status.eq(status),
            point_harvest::merged_into.eq(merged_into),
            point_harvest::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Makes `id` a source of `into` (both listed points of the conference, checked by the
/// caller), and the points merged into `id` sources of `into` too.
pub fn merge(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ActionPointId,
    into: &ActionPointId,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::update(
        point_harvest::table
            .filter(point_harvest::conference_id.eq(conference_id))
            .filter(point_harvest::merged_into.eq(id)),
    )
    .set((
        point_harvest::merged_into.eq(into),
        point_harvest::updated_at.eq(now),
    ))
    .execute(conn)?;
    set_harvest(conn, conference_id, id, None, Some(Some(into)), now)?;
    // A merged point is not shown alone, so it holds no wall marks.
    diesel::update(
        action_points::table
            .filter(action_points::conference_id.eq(conference_id))
            .filter(action_points::id.eq(id)),
    )
    .set((
        action_points::pinned.eq(false),
        action_points::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(())
}

/// Takes a merged point out of its survivor again. False when it was not merged.
pub fn split(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ActionPointId,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    match find(conn, conference_id, id)? {
        Some(p) if p.merged_into.is_some() => {
            set_harvest(conn, conference_id, id, None, Some(None), now)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Sets what becomes of a live point. False when there is no such point.
pub fn set_status(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ActionPointId,
    status: PointStatus,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    if find(conn, conference_id, id)?.is_none() {
        return Ok(false);
    }
    set_harvest(conn, conference_id, id, Some(status), None, now)?;
    Ok(true)
}
