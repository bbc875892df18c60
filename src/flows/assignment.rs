//! "Verdeel deelnemers": the solver run on the conference's confirmed registrations, its
//! groups and the pinned placements, stored as a preview for the organiser.

use chrono::NaiveDateTime;
use serde_json::json;

use super::FlowError;
use super::effects::Effects;
use crate::assign;
use crate::db::{self, DbConnection};
use crate::domain::ids::{ConferenceId, GroupId, ProgrammeItemId, RegistrationId};
use crate::domain::registration::RegistrationStatus;
use crate::i18n::Msg;

/// How long the solver may take at most; organisers wait for the page.
pub const TIME_LIMIT_MS: u64 = 5_000;

/// How a run ended.
#[derive(Debug)]
pub enum Ran {
    Done(db::placements::Cost),
    /// Nothing to run on, or no assignment meets the rules; nothing was stored.
    Refused(Msg, Option<String>),
}

/// Runs the assignment and stores it as the preview, in one transaction.
pub fn run(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    now: NaiveDateTime,
) -> Result<(Ran, Effects), FlowError> {
    db::write_transaction(conn, |conn| {
        db::lock_conference(conn, conference_id)?;
        let offer = db::groups::offer(conn, conference_id)?;
        let groups = db::groups::list(conn, conference_id)?;
        let people: Vec<_> = db::registrations::list(conn, conference_id)?
            .into_iter()
            .filter(|r| r.status() == RegistrationStatus::Confirmed)
            .collect();
        if people.is_empty() {
            return Ok((Ran::Refused(Msg::AssignNobody, None), Effects::none()));
        }
        if groups.is_empty() {
            return Ok((Ran::Refused(Msg::AssignNoGroups, None), Effects::none()));
        }
        let input = instance_json(conn, conference_id, &offer, &groups, &people)?;
        let solved = assign::model::parse_instance(&input.to_string())
            .and_then(|inst| assign::solve::solve(&inst, TIME_LIMIT_MS).map(|sol| (inst, sol)));
        let (inst, sol) = match solved {
            Ok(found) => found,
            Err(reason) => {
                return Ok((
                    Ran::Refused(Msg::AssignImpossible, Some(reason)),
                    Effects::none(),
                ));
            }
        };
        let mut new = Vec::new();
        for (p, part) in inst.participants.iter().enumerate() {
            for (r, g) in sol.placement[p].iter().enumerate() {
                if let Some(g) = g {
                    let ids = (
                        RegistrationId::parse(&part.id),
                        ProgrammeItemId::parse(&inst.rounds[r].id),
                        GroupId::parse(&inst.groups[*g].id),
                    );
                    if let (Some(p), Some(r), Some(g)) = ids {
                        new.push((p, r, g));
                    }
                }
            }
        }
        let cost = db::placements::Cost {
            total: sol.cost.total,
            preference: sol.cost.preference,
            discipline: sol.cost.discipline,
            organisation: sol.cost.organisation,
        };
        db::placements::store_run(conn, conference_id, &new, cost, now)?;
        // A preview: nobody sees it until it is published, so nothing to mail or forget.
        Ok((Ran::Done(cost), Effects::none()))
    })
}

/// The solver's input for the conference, with the pinned placements as `fixed`.
fn instance_json(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    offer: &db::groups::GroupOffer,
    groups: &[db::groups::Group],
    people: &[db::registrations::Registration],
) -> Result<serde_json::Value, FlowError> {
    let preferences = db::registrations::all_preferences(conn, conference_id)?;
    let attends = db::registrations::all_rounds(conn, conference_id)?;
    let pinned: Vec<_> = db::placements::list(conn, conference_id)?
        .into_iter()
        .filter(|p| p.pinned)
        .collect();
    let input = json!({
        "insights": offer.insights.iter().map(|i| json!({"id": i.id})).collect::<Vec<_>>(),
        "rounds": offer.rounds.iter().map(|r| json!({
            "id": r.id,
            "groups": groups.iter().filter(|g| g.round_id == r.id).map(|g| json!({
                "id": g.id, "insight": g.insight_id, "capacity": g.capacity,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "participants": people.iter().map(|p| {
            let fixed: serde_json::Map<String, serde_json::Value> = pinned
                .iter()
                .filter(|x| x.registration_id == p.id)
                .map(|x| (x.round_id.to_string(), json!(x.group_id)))
                .collect();
            json!({
                "id": p.id,
                "discipline": p.discipline,
                "organisation": p.organisation,
                "preferences": preferences.get(&p.id).cloned().unwrap_or_default(),
                "rounds": attends.get(&p.id).cloned().unwrap_or_default(),
                "fixed": fixed,
            })
        }).collect::<Vec<_>>(),
    });
    Ok(input)
}

pub use crate::domain::assignment::MoveCheck;

fn cost_of(c: assign::model::Cost) -> db::placements::Cost {
    db::placements::Cost {
        total: c.total,
        preference: c.preference,
        discipline: c.discipline,
        organisation: c.organisation,
    }
}

/// Checks a move of `registration` in `round` to `group` against the hard rules and prices
/// it. None when that participant has no placement in that round (or the group is not
/// the conference's).
pub fn check_move(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    registration: &RegistrationId,
    round: &ProgrammeItemId,
    group: &GroupId,
) -> Result<Option<MoveCheck>, FlowError> {
    let offer = db::groups::offer(conn, conference_id)?;
    let groups = db::groups::list(conn, conference_id)?;
    let people: Vec<_> = db::registrations::list(conn, conference_id)?
        .into_iter()
        .filter(|r| r.status() == RegistrationStatus::Confirmed)
        .collect();
    let input = instance_json(conn, conference_id, &offer, &groups, &people)?;
    let Ok(inst) = assign::model::parse_instance(&input.to_string()) else {
        return Ok(None);
    };
    let person = |id: &str| inst.participants.iter().position(|x| x.id == id);
    let round_at = |id: &str| inst.rounds.iter().position(|x| x.id == id);
    let group_at = |id: &str| inst.groups.iter().position(|x| x.id == id);
    let mut placement = inst.empty_placement();
    for p in db::placements::list(conn, conference_id)? {
        let at = (
            person(p.registration_id.as_str()),
            round_at(p.round_id.as_str()),
            group_at(p.group_id.as_str()),
        );
        if let (Some(pi), Some(ri), Some(gi)) = at {
            placement[pi][ri] = Some(gi);
        }
    }
    let at = (
        person(registration.as_str()),
        round_at(round.as_str()),
        group_at(group.as_str()),
    );
    let (Some(p), Some(r), Some(g)) = at else {
        return Ok(None);
    };
    if placement[p][r].is_none() {
        return Ok(None);
    }
    let target = &inst.groups[g];
    let taken = placement
        .iter()
        .enumerate()
        .filter(|(q, rounds)| *q != p && rounds[r] == Some(g))
        .count();
    let repeats = placement[p].iter().enumerate().any(|(other, at)| {
        other != r && at.is_some_and(|x| inst.groups[x].insight == target.insight)
    });
    let refused = if target.round != r {
        Some(Msg::ErrChoice)
    } else if taken as u32 >= target.capacity {
        Some(Msg::AssignGroupFull)
    } else if repeats {
        Some(Msg::AssignInsightTwice)
    } else {
        None
    };
    let before = cost_of(assign::cost::evaluate(&inst, &placement));
    let mut moved = placement.clone();
    moved[p][r] = Some(g);
    let after = cost_of(assign::cost::evaluate(&inst, &moved));
    Ok(Some(MoveCheck {
        refused,
        before,
        after,
    }))
}

/// Moves the placement when the rules allow it (checked again under the conference's
/// lock) and pins it. None when there is no such placement; the refusal otherwise.
pub fn apply_move(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    registration: &RegistrationId,
    round: &ProgrammeItemId,
    group: &GroupId,
) -> Result<Option<Result<(), Msg>>, FlowError> {
    db::write_transaction(conn, |conn| {
        db::lock_conference(conn, conference_id)?;
        let Some(check) = check_move(conn, conference_id, registration, round, group)? else {
            return Ok(None);
        };
        if let Some(refused) = check.refused {
            return Ok(Some(Err(refused)));
        }
        db::placements::move_to(conn, conference_id, registration, round, group)?;
        Ok(Some(Ok(())))
    })
}
