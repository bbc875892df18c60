//! The pilots overview: every pilot with its conference, its timeline and whether its
//! owner may be named; the organiser's filter; and the figures of its charts.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::db::pilots::{self, Pilot, PilotUpdate};
use crate::db::{self, DbConnection, DbError};
use crate::domain::ids::{ConferenceId, PilotId};
use crate::domain::pilot::{PilotStatus, UpdateKind};

/// `?actielijn=&gemeente=&conferentie=&eigenaar=&q=`; an empty field keeps all.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct PilotFilter {
    pub actielijn: String,
    pub gemeente: String,
    pub conferentie: String,
    pub eigenaar: String,
    pub q: String,
}

impl PilotFilter {
    pub fn keeps(&self, p: &Pilot) -> bool {
        let is = |want: &str, have: &str| want.is_empty() || want == have;
        let q = self.q.trim().to_lowercase();
        let found = q.is_empty()
            || [&p.title, &p.aim, &p.description, &p.owner_name, &p.partners]
                .iter()
                .any(|t| t.to_lowercase().contains(&q));
        is(&self.actielijn, &p.action_line)
            && is(&self.gemeente, &p.municipality)
            && is(
                &self.conferentie,
                p.conference_id.as_ref().map_or("", |c| c.as_str()),
            )
            && is(&self.eigenaar, &p.owner_name)
            && found
    }
}

pub struct Overview {
    pub pilots: Vec<Pilot>,
    /// Every pilot's timeline, by pilot, oldest first.
    pub updates: HashMap<PilotId, Vec<PilotUpdate>>,
    pub conferences: Vec<(ConferenceId, String)>,
    /// Whether the owner agreed to be named on the public overview.
    pub show_owner: HashMap<PilotId, bool>,
    pub published: bool,
}

impl Overview {
    pub fn load(conn: &mut DbConnection) -> Result<Overview, DbError> {
        let pilots = pilots::list(conn)?;
        let mut updates: HashMap<PilotId, Vec<PilotUpdate>> = HashMap::new();
        for u in pilots::all_updates(conn)? {
            updates.entry(u.pilot_id.clone()).or_default().push(u);
        }
        let mut conferences = Vec::new();
        for c in db::conferences::list(conn, false)?
            .into_iter()
            .chain(db::conferences::list(conn, true)?)
        {
            conferences.push((c.id, c.title));
        }
        Ok(Overview {
            pilots,
            updates,
            conferences,
            show_owner: pilots::show_owner(conn)?.into_iter().collect(),
            published: pilots::published(conn)?,
        })
    }

    pub fn filtered(&self, filter: &PilotFilter) -> Vec<&Pilot> {
        self.pilots.iter().filter(|p| filter.keeps(p)).collect()
    }

    pub fn conference_title(&self, id: &Option<ConferenceId>) -> &str {
        id.as_ref()
            .and_then(|id| self.conferences.iter().find(|(c, _)| c == id))
            .map_or("", |(_, t)| t.as_str())
    }

    pub fn timeline(&self, id: &PilotId) -> &[PilotUpdate] {
        self.updates.get(id).map_or(&[], |u| u.as_slice())
    }

    /// The latest evaluation's learning of a pilot.
    pub fn last_learning(&self, id: &PilotId) -> Option<&PilotUpdate> {
        self.timeline(id)
            .iter()
            .rev()
            .find(|u| u.kind == UpdateKind::Evaluation)
    }
}

/// Pilots per action line and status: (action line, count per status in the order of
/// [`PilotStatus::ALL`]). Pilots without an action line count under "".
pub fn per_line_and_status(pilots: &[&Pilot], lines: &[String]) -> Vec<(String, Vec<usize>)> {
    let mut rows: Vec<(String, Vec<usize>)> = lines
        .iter()
        .map(|l| (l.clone(), vec![0; PilotStatus::ALL.len()]))
        .collect();
    for p in pilots {
        let k = PilotStatus::ALL
            .iter()
            .position(|s| *s == p.status)
            .unwrap_or(0);
        match rows.iter_mut().find(|(l, _)| *l == p.action_line) {
            Some((_, counts)) => counts[k] += 1,
            None => {
                let mut counts = vec![0; PilotStatus::ALL.len()];
                counts[k] = 1;
                rows.push((p.action_line.clone(), counts));
            }
        }
    }
    rows
}

/// How many pilots were running ("lopend") at some time in each of the `months` months
/// up to `today`'s, oldest first, from their status moves.
pub fn running_per_month(
    pilots: &[&Pilot],
    updates: &HashMap<PilotId, Vec<PilotUpdate>>,
    today: NaiveDate,
    months: u32,
) -> Vec<(NaiveDate, usize)> {
    let first_of = |d: NaiveDate| d.with_day(1).unwrap_or(d);
    let mut starts = Vec::new();
    let mut month = first_of(today);
    for _ in 0..months {
        starts.push(month);
        month = first_of(month - chrono::Duration::days(1));
    }
    starts.reverse();
    // Per pilot, the periods it ran: from a move into lopend to the next move out.
    let periods: Vec<Vec<(NaiveDate, NaiveDate)>> = pilots
        .iter()
        .map(|p| {
            let mut out = Vec::new();
            let mut since: Option<NaiveDate> = None;
            for u in updates.get(&p.id).map_or(&[][..], |u| u.as_slice()) {
                if u.kind != UpdateKind::Move {
                    continue;
                }
                let day = crate::tz::to_local(u.created_at).date_naive();
                if u.status_to == Some(PilotStatus::Running) {
                    since = since.or(Some(day));
                } else if let Some(s) = since.take() {
                    out.push((s, day));
                }
            }
            if let Some(s) = since {
                out.push((s, today));
            }
            out
        })
        .collect();
    starts
        .iter()
        .map(|start| {
            let next = first_of(*start + chrono::Duration::days(32));
            let n = periods
                .iter()
                .filter(|ps| ps.iter().any(|(from, to)| *from < next && *to >= *start))
                .count();
            (*start, n)
        })
        .collect()
}

/// Evaluations done on time, done late, and due but not done (now overdue).
pub fn evaluations(
    pilots: &[&Pilot],
    updates: &HashMap<PilotId, Vec<PilotUpdate>>,
    today: NaiveDate,
) -> (usize, usize, usize) {
    let (mut on_time, mut late) = (0, 0);
    for p in pilots {
        for u in updates.get(&p.id).map_or(&[][..], |u| u.as_slice()) {
            if u.kind != UpdateKind::Evaluation {
                continue;
            }
            let done = crate::tz::to_local(u.created_at).date_naive();
            match u.due_on {
                Some(due) if done > due => late += 1,
                _ => on_time += 1,
            }
        }
    }
    let overdue = pilots.iter().filter(|p| p.overdue(today)).count();
    (on_time, late, overdue)
}
