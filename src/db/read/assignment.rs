//! The assignment as the organiser previews it: per round and group who sits there, how
//! disciplines and organisations mix, and how many got their first, second or third
//! choice, or none.

use std::collections::BTreeMap;

use crate::db::groups::Group;
use crate::db::insights::Insight;
use crate::db::placements::{Placement, Run};
use crate::db::programme::ProgrammeItem;
use crate::db::registrations::Registration;
use crate::db::{self, DbConnection, DbError};
use crate::domain::ids::{ConferenceId, InsightId, RegistrationId};
use crate::domain::registration::RegistrationStatus;

/// One group with who sits there.
pub struct GroupSeats<'a> {
    pub group: &'a Group,
    pub insight: &'a str,
    /// Who sits here, and whether their place is pinned.
    pub people: Vec<(&'a Registration, bool)>,
    /// Disciplines with how many share each, most first.
    pub disciplines: Vec<(String, usize)>,
    /// Organisations that sit here more than once, with how many.
    pub colleagues: Vec<(String, usize)>,
}

/// Everything the preview shows, read at once.
pub struct AssignmentRead {
    pub run: Option<Run>,
    pub rounds: Vec<ProgrammeItem>,
    pub insights: Vec<Insight>,
    pub groups: Vec<Group>,
    pub confirmed: Vec<Registration>,
    pub placements: Vec<Placement>,
    pub preferences: std::collections::HashMap<RegistrationId, Vec<InsightId>>,
    /// Where each confirmed registration sits in `confirmed`.
    index: std::collections::HashMap<RegistrationId, usize>,
}

impl AssignmentRead {
    pub fn load(conn: &mut DbConnection, conference: &ConferenceId) -> Result<Self, DbError> {
        let offer = db::groups::offer(conn, conference)?;
        let confirmed: Vec<Registration> = db::registrations::list(conn, conference)?
            .into_iter()
            .filter(|r| r.status() == RegistrationStatus::Confirmed)
            .collect();
        Ok(AssignmentRead {
            run: db::placements::run(conn, conference)?,
            rounds: offer.rounds,
            insights: offer.insights,
            groups: db::groups::list(conn, conference)?,
            index: confirmed
                .iter()
                .enumerate()
                .map(|(n, r)| (r.id.clone(), n))
                .collect(),
            confirmed,
            placements: db::placements::list(conn, conference)?,
            preferences: db::registrations::all_preferences(conn, conference)?,
        })
    }

    fn registration(&self, id: &RegistrationId) -> Option<&Registration> {
        self.index.get(id).map(|n| &self.confirmed[*n])
    }

    /// 0 when the insight was this participant's first choice, 1 second, 2 third, 3 none.
    pub fn rank(&self, registration: &RegistrationId, insight: &InsightId) -> usize {
        self.preferences
            .get(registration)
            .and_then(|w| w.iter().position(|i| i == insight))
            .unwrap_or(3)
            .min(3)
    }

    /// The insight a group works on.
    pub fn insight(&self, group: &Group) -> Option<&Insight> {
        self.insights.iter().find(|i| i.id == group.insight_id)
    }

    /// The groups of one round with who sits where.
    pub fn seats(&self, round: &ProgrammeItem) -> Vec<GroupSeats<'_>> {
        self.groups
            .iter()
            .filter(|g| g.round_id == round.id)
            .map(|group| {
                let mut people: Vec<(&Registration, bool)> = self
                    .placements
                    .iter()
                    .filter(|p| p.group_id == group.id)
                    .filter_map(|p| self.registration(&p.registration_id).map(|r| (r, p.pinned)))
                    .collect();
                people.sort_by_cached_key(|(r, _)| r.name.to_lowercase());
                let tally = |field: fn(&Registration) -> &str| {
                    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
                    for (r, _) in &people {
                        let value = field(r).trim();
                        if !value.is_empty() {
                            *counts.entry(value.to_owned()).or_default() += 1;
                        }
                    }
                    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
                    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                    counts
                };
                let disciplines = tally(|r| &r.discipline);
                let colleagues = tally(|r| &r.organisation)
                    .into_iter()
                    .filter(|(_, n)| *n > 1)
                    .collect();
                GroupSeats {
                    group,
                    insight: self.insight(group).map_or("", |i| i.title.as_str()),
                    people,
                    disciplines,
                    colleagues,
                }
            })
            .collect()
    }

    /// For every placement: 0 for a first choice, 1 second, 2 third, 3 none of them.
    /// Returned as counts per choice, and who got none (with the round).
    pub fn choices(&self) -> ([usize; 4], Vec<(&Registration, &ProgrammeItem)>) {
        let mut counts = [0usize; 4];
        let mut none = Vec::new();
        for p in &self.placements {
            let Some(group) = self.groups.iter().find(|g| g.id == p.group_id) else {
                continue;
            };
            let rank = self.rank(&p.registration_id, &group.insight_id);
            counts[rank] += 1;
            if rank == 3
                && let (Some(r), Some(round)) = (
                    self.registration(&p.registration_id),
                    self.rounds.iter().find(|x| x.id == p.round_id),
                )
            {
                none.push((r, round));
            }
        }
        (counts, none)
    }
}
