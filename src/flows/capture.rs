//! Capturing action points: a facilitator (or a participant of the group, or an
//! organiser) adds, changes and deletes the points of the groups they may write in.
//! Every submission carries a key; the same submission twice (a double tap, a refresh, a
//! phone resending what it queued offline) finds the point it made the first time.

use chrono::NaiveDateTime;

use super::FlowError;
use super::effects::Effects;
use crate::db::action_points::{self, ActionPoint};
use crate::db::{self, DbConnection};
use crate::domain::FieldErrors;
use crate::domain::action_point::{Mark, PointForm, Source};
use crate::domain::ids::{ActionPointId, ConferenceId, GroupId};
use crate::domain::live::LiveEvent;

/// Why a capture was not stored.
#[derive(Debug)]
pub enum Refused {
    /// The organiser closed capture.
    Locked,
    /// What was typed, field by field.
    Invalid(FieldErrors),
    /// No such live point among the groups the capturer may write in.
    Unknown,
}

/// What an accepted capture did.
#[derive(Debug)]
pub struct Captured {
    pub point: ActionPoint,
    /// False when the submission was already stored: nothing new was made.
    pub new: bool,
}

fn ids(groups: &[GroupId]) -> Vec<&str> {
    groups.iter().map(GroupId::as_str).collect()
}

/// Adds a point to one of `groups` (the ones the capturer may write in).
pub fn add(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    groups: &[GroupId],
    form: &PointForm,
    source: Source,
    now: NaiveDateTime,
) -> Result<(Result<Captured, Refused>, Effects), FlowError> {
    // A key already stored under one of these groups is this submission again; any other
    // key is not the sender's to reuse, so the point gets one of its own.
    let key = match form.submission_key() {
        Some(key) => match action_points::by_submission(conn, key)? {
            Some(point)
                if point.conference_id == *conference_id && groups.contains(&point.group_id) =>
            {
                return Ok((Ok(Captured { point, new: false }), Effects::none()));
            }
            Some(_) => db::new_id(),
            None => key.to_owned(),
        },
        None => db::new_id(),
    };
    if action_points::capture_locked_at(conn, conference_id)?.is_some() {
        return Ok((Err(Refused::Locked), Effects::none()));
    }
    let draft = match form.parse(&ids(groups)) {
        Ok(draft) => draft,
        Err(e) => return Ok((Err(Refused::Invalid(e)), Effects::none())),
    };
    let stored = db::write_transaction(conn, |conn| {
        let id = action_points::insert(conn, conference_id, &draft, source, &key, now)?;
        db::live::notify(conn, &LiveEvent::point(conference_id, &id))?;
        action_points::find(conn, conference_id, &id)
    });
    let point = match stored {
        Ok(Some(point)) => {
            let effects = Effects::live(LiveEvent::point(conference_id, &point.id));
            return Ok((Ok(Captured { point, new: true }), effects));
        }
        Ok(None) => return Err(FlowError::Db(diesel::result::Error::NotFound.into())),
        // The same submission, stored meanwhile by a request that raced this one.
        Err(db::DbError::Query(e)) if db::is_unique_violation(&e) => {
            match action_points::by_submission(conn, &key)? {
                Some(point) => Captured { point, new: false },
                None => return Err(FlowError::Db(db::DbError::Query(e))),
            }
        }
        Err(e) => return Err(e.into()),
    };
    Ok((Ok(point), Effects::none()))
}

/// A live point of one of `groups`.
pub fn find(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    groups: &[GroupId],
    id: &ActionPointId,
) -> Result<Option<ActionPoint>, FlowError> {
    Ok(action_points::find(conn, conference_id, id)?.filter(|p| groups.contains(&p.group_id)))
}

/// Why the point may not be changed now, if it may not: not one of these groups' live
/// points, or capture closed.
fn unwritable(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    groups: &[GroupId],
    id: &ActionPointId,
) -> Result<Option<Refused>, FlowError> {
    if find(conn, conference_id, groups, id)?.is_none() {
        return Ok(Some(Refused::Unknown));
    }
    if action_points::capture_locked_at(conn, conference_id)?.is_some() {
        return Ok(Some(Refused::Locked));
    }
    Ok(None)
}

/// Changes a point of one of `groups`; it may move to another of them.
pub fn update(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    groups: &[GroupId],
    id: &ActionPointId,
    form: &PointForm,
    now: NaiveDateTime,
) -> Result<(Result<(), Refused>, Effects), FlowError> {
    if let Some(refused) = unwritable(conn, conference_id, groups, id)? {
        return Ok((Err(refused), Effects::none()));
    }
    let draft = match form.parse(&ids(groups)) {
        Ok(draft) => draft,
        Err(e) => return Ok((Err(Refused::Invalid(e)), Effects::none())),
    };
    told(conn, LiveEvent::point(conference_id, id), |conn| {
        action_points::update(conn, conference_id, id, &draft, now)
    })
}

/// Makes one change and tells the walls in the same transaction; Unknown when the
/// point was not there to change.
fn told(
    conn: &mut DbConnection,
    event: LiveEvent,
    change: impl FnOnce(&mut DbConnection) -> Result<bool, db::DbError>,
) -> Result<(Result<(), Refused>, Effects), FlowError> {
    let done = db::write_transaction(conn, |conn| {
        let done = change(conn)?;
        db::live::notify(conn, &event)?;
        Ok::<_, db::DbError>(done)
    })?;
    Ok(if done {
        (Ok(()), Effects::live(event))
    } else {
        (Err(Refused::Unknown), Effects::none())
    })
}

/// Deletes a point of one of `groups` (its row stays, marked deleted).
pub fn delete(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    groups: &[GroupId],
    id: &ActionPointId,
    now: NaiveDateTime,
) -> Result<(Result<(), Refused>, Effects), FlowError> {
    if let Some(refused) = unwritable(conn, conference_id, groups, id)? {
        return Ok((Err(refused), Effects::none()));
    }
    told(conn, LiveEvent::removed(conference_id, id), |conn| {
        action_points::delete(conn, conference_id, id, now)
    })
}

/// Hides or shows, pins or unpins a point of the conference on the wall (the organiser's
/// call, also after capture closed). False when there is no such live point.
pub fn mark(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ActionPointId,
    mark: Mark,
    now: NaiveDateTime,
) -> Result<(bool, Effects), FlowError> {
    let (outcome, effects) = told(conn, LiveEvent::point(conference_id, id), |conn| {
        action_points::set_mark(conn, conference_id, id, mark, now)
    })?;
    Ok((outcome.is_ok(), effects))
}

/// Closes (`lock`) or opens the capture of the conference's action points.
pub fn set_lock(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    lock: bool,
    now: NaiveDateTime,
) -> Result<Effects, FlowError> {
    action_points::set_capture_lock(conn, conference_id, lock.then_some(now))?;
    Ok(Effects::none())
}

/// Why a merge was not made.
#[derive(Debug, PartialEq, Eq)]
pub enum MergeRefused {
    /// The vote is open: its dots stand on the points as they are.
    DuringVote,
    /// A point merged into itself.
    SamePoint,
    /// One of the two is not a listed point of the conference.
    Unknown,
}

/// Merges point `id` into point `into` (a duplicate, often from another group): `into`
/// keeps its text, `id` becomes one of its sources with its group, and its dots go along.
pub fn merge(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ActionPointId,
    into: &ActionPointId,
    now: NaiveDateTime,
) -> Result<(Result<(), MergeRefused>, Effects), FlowError> {
    if id == into {
        return Ok((Err(MergeRefused::SamePoint), Effects::none()));
    }
    let events = vec![
        LiveEvent::removed(conference_id, id),
        LiveEvent::point(conference_id, into),
        LiveEvent::whole(conference_id, crate::domain::live::LiveKind::Votes),
    ];
    let outcome = db::write_transaction(conn, |conn| {
        let vote = db::votes::find(conn, conference_id)?.map(|v| v.state());
        if vote == Some(crate::domain::vote::VoteState::Open) {
            return Ok(Err(MergeRefused::DuringVote));
        }
        let listed = |p: &Option<ActionPoint>| p.as_ref().is_some_and(|p| p.merged_into.is_none());
        if !listed(&action_points::find(conn, conference_id, id)?)
            || !listed(&action_points::find(conn, conference_id, into)?)
        {
            return Ok(Err(MergeRefused::Unknown));
        }
        action_points::merge(conn, conference_id, id, into, now)?;
        db::votes::move_dots(conn, conference_id, id, into)?;
        for event in &events {
            db::live::notify(conn, event)?;
        }
        Ok::<_, db::DbError>(Ok(()))
    })?;
    Ok(match outcome {
        Ok(()) => (
            Ok(()),
            events
                .into_iter()
                .fold(Effects::none(), |e, ev| e.and(Effects::live(ev))),
        ),
        Err(r) => (Err(r), Effects::none()),
    })
}

/// Takes a merged point out of its survivor again: it is listed on its own (without
/// the dots that went along). False when it was not merged.
pub fn split(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &ActionPointId,
    now: NaiveDateTime,
) -> Result<(bool, Effects), FlowError> {
    let Some(point) = action_points::find(conn, conference_id, id)? else {
        return Ok((false, Effects::none()));
    };
    let Some(into) = point.merged_into.clone() else {
        return Ok((false, Effects::none()));
    };
    let events = [
        LiveEvent::point(conference_id, id),
        LiveEvent::point(conference_id, &into),
    ];
    let done = db::write_transaction(conn, |conn| {
        let done = action_points::split(conn, conference_id, id, now)?;
        if done {
            for event in &events {
                db::live::notify(conn, event)?;
            }
        }
        Ok::<_, db::DbError>(done)
    })?;
    Ok(if done {
        let effects = events
            .into_iter()
            .fold(Effects::none(), |e, ev| e.and(Effects::live(ev)));
        (true, effects)
    } else {
        (false, Effects::none())
    })
}
