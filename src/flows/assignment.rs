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
