//! What a facilitator's link shows: their groups as published, with who sits there.

use crate::db::action_points::ActionPoint;
use crate::db::conferences::Conference;
use crate::db::groups::Group;
use crate::db::insights::Insight;
use crate::db::placements::Placement;
use crate::db::programme::ProgrammeItem;
use crate::db::registrations::Registration;
use crate::db::{self, DbConnection, DbError};
use crate::domain::ids::GroupId;
use crate::domain::registration::RegistrationStatus;

/// One of the facilitator's groups.
pub struct LedGroup {
    pub group: Group,
    pub round: ProgrammeItem,
    pub insight: Insight,
    /// Name, discipline and organisation, by name.
    pub people: Vec<(String, String, String)>,
    /// Its live action points, oldest first.
    pub points: Vec<ActionPoint>,
}

impl LedGroup {
    pub fn points_for(
        &self,
        question: crate::domain::action_point::Question,
    ) -> impl Iterator<Item = &ActionPoint> {
        self.points.iter().filter(move |p| p.question == question)
    }
}

pub struct FacilitatorRead {
    pub conference: Conference,
    /// In the order of the day.
    pub groups: Vec<LedGroup>,
    /// When the organiser closed capture; None while it is open.
    pub capture_locked_at: Option<chrono::NaiveDateTime>,
}

impl FacilitatorRead {
    /// The group a point belongs to, among these.
    pub fn group_of(&self, point: &ActionPoint) -> Option<&LedGroup> {
        self.groups.iter().find(|g| g.group.id == point.group_id)
    }
}

impl FacilitatorRead {
    /// `groups` are the facilitator's (all of one conference, as their link opens them).
    pub fn load(conn: &mut DbConnection, groups: Vec<Group>) -> Result<Option<Self>, DbError> {
        let Some(first) = groups.first() else {
            return Ok(None);
        };
        let id = first.conference_id.clone();
        let Some(conference) = db::conferences::find(conn, &id)? else {
            return Ok(None);
        };
        let offer = db::groups::offer(conn, &id)?;
        let placements = db::placements::list(conn, &id)?;
        let people = db::registrations::list(conn, &id)?;
        let ids: Vec<GroupId> = groups.iter().map(|g| g.id.clone()).collect();
        let points = db::action_points::list_for_groups(conn, &id, &ids)?;
        let mut led: Vec<LedGroup> = groups
            .into_iter()
            .filter_map(|group| {
                let round = offer.rounds.iter().find(|r| r.id == group.round_id)?;
                let insight = offer.insights.iter().find(|i| i.id == group.insight_id)?;
                Some(LedGroup {
                    people: seated(&group.id, &placements, &people, true),
                    points: points
                        .iter()
                        .filter(|p| p.group_id == group.id)
                        .cloned()
                        .collect(),
                    round: round.clone(),
                    insight: insight.clone(),
                    group,
                })
            })
            .collect();
        led.sort_by_key(|g| g.round.starts_at);
        Ok(Some(FacilitatorRead {
            capture_locked_at: db::action_points::capture_locked_at(conn, &id)?,
            conference,
            groups: led,
        }))
    }
}

/// Who sits in a group (as published, or as it stands): name, discipline and organisation
/// of each confirmed participant, by name.
pub fn seated(
    group: &GroupId,
    placements: &[Placement],
    people: &[Registration],
    published: bool,
) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = placements
        .iter()
        .filter(|p| {
            if published {
                p.published_group_id.as_ref() == Some(group)
            } else {
                p.group_id == *group
            }
        })
        .filter_map(|p| people.iter().find(|r| r.id == p.registration_id))
        .filter(|r| r.status() == RegistrationStatus::Confirmed)
        .map(|r| (r.name.clone(), r.discipline.clone(), r.organisation.clone()))
        .collect();
    out.sort_by_cached_key(|(name, _, _)| name.to_lowercase());
    out
}
