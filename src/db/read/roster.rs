//! A conference's participants with everything the organiser's list shows, read at once.

use std::collections::HashMap;

use crate::db::conferences::Conference;
use crate::db::insights::Insight;
use crate::db::programme::ProgrammeItem;
use crate::db::registrations::Registration;
use crate::db::{self, DbConnection, DbError};
use crate::domain::ids::{InsightId, ProgrammeItemId, RegistrationId};
use crate::domain::programme::ItemKind;
use crate::domain::registration::{ParticipantFilter, RegistrationStatus};

/// One line of the list.
pub struct Row<'a> {
    pub registration: &'a Registration,
    pub waiting_position: Option<usize>,
    pub preferences: Vec<&'a str>,
    pub rounds: Vec<&'a str>,
}

/// A conference's participants with everything the list shows.
pub struct Roster {
    pub conference: Conference,
    pub insights: Vec<Insight>,
    pub rounds: Vec<ProgrammeItem>,
    pub registrations: Vec<Registration>,
    pub preferences: HashMap<RegistrationId, Vec<InsightId>>,
    pub attends: HashMap<RegistrationId, Vec<ProgrammeItemId>>,
}

impl Roster {
    /// The roster of a conference read before.
    pub fn load(conn: &mut DbConnection, conference: Conference) -> Result<Roster, DbError> {
        Ok(Roster {
            insights: db::insights::list(conn, &conference.id)?,
            rounds: db::programme::list(conn, &conference.id)?
                .into_iter()
                .filter(|i| i.kind() == ItemKind::Round)
                .collect(),
            registrations: db::registrations::list(conn, &conference.id)?,
            preferences: db::registrations::all_preferences(conn, &conference.id)?,
            attends: db::registrations::all_rounds(conn, &conference.id)?,
            conference,
        })
    }

    /// Rows that pass the filter, in arrival order, with waiting-list places.
    pub fn rows(&self, filter: &ParticipantFilter) -> Vec<Row<'_>> {
        let none = Vec::new();
        let mut waiting = 0;
        let mut rows = Vec::new();
        for r in &self.registrations {
            let position = (r.status() == RegistrationStatus::Waiting).then(|| {
                waiting += 1;
                waiting
            });
            let preferences = self.preferences.get(&r.id).unwrap_or(&none);
            if passes(filter, r, preferences) {
                rows.push(Row {
                    registration: r,
                    waiting_position: position,
                    preferences: preferences
                        .iter()
                        .filter_map(|id| self.insights.iter().find(|i| i.id == *id))
                        .map(|i| i.title.as_str())
                        .collect(),
                    rounds: self
                        .rounds
                        .iter()
                        .filter(|round| {
                            self.attends
                                .get(&r.id)
                                .is_some_and(|a| a.contains(&round.id))
                        })
                        .map(|round| round.title.as_str())
                        .collect(),
                });
            }
        }
        rows
    }
}

/// Whether a participant (with their preferred insight ids) passes the filter. The search
/// text matches name, email and organisation, ignoring case.
pub fn passes(filter: &ParticipantFilter, r: &Registration, preferences: &[InsightId]) -> bool {
    let q = filter.q.trim().to_lowercase();
    let text_ok = q.is_empty()
        || [&r.name, &r.email, &r.organisation]
            .iter()
            .any(|field| field.to_lowercase().contains(&q));
    let eq = |wanted: &str, actual: &str| wanted.is_empty() || wanted == actual;
    text_ok
        && eq(&filter.status, r.status.as_str())
        && eq(&filter.discipline, &r.discipline)
        && eq(&filter.municipality, &r.municipality)
        && (filter.insight.is_empty() || preferences.iter().any(|i| i.as_str() == filter.insight))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::ConferenceId;

    #[test]
    fn the_filter_combines_search_and_choices() {
        let f = ParticipantFilter {
            q: "wieg".into(),
            discipline: "verloskundige".into(),
            insight: "i2".into(),
            ..ParticipantFilter::default()
        };
        let prefs: Vec<InsightId> = ["i1", "i2"]
            .iter()
            .filter_map(|i| InsightId::parse(i))
            .collect();
        let r = |organisation: &str, discipline: &str| Registration {
            id: RegistrationId::parse("r").unwrap(),
            conference_id: ConferenceId::parse("c").unwrap(),
            token: "t".into(),
            seq: 1,
            status: RegistrationStatus::Confirmed,
            name: "Anna".into(),
            email: "a@x.nl".into(),
            organisation: organisation.into(),
            discipline: discipline.into(),
            municipality: "Utrecht".into(),
            diet: String::new(),
            accessibility: String::new(),
            lang: "nl".into(),
            created_at: chrono::NaiveDateTime::default(),
            updated_at: chrono::NaiveDateTime::default(),
            cancelled_at: None,
        };
        assert!(passes(&f, &r("Praktijk De Wieg", "verloskundige"), &prefs));
        assert!(!passes(&f, &r("GGD", "verloskundige"), &prefs));
        assert!(!passes(&f, &r("De Wieg", "kraamzorg"), &prefs));
        assert!(!passes(&f, &r("De Wieg", "verloskundige"), &[]));
    }
}
