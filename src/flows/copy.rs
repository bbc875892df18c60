//! "Groepen overnemen": the next edition starts from an earlier one's insights, rounds,
//! rooms and places. Facilitators are not copied: who leads a group is decided anew, and
//! mail must not reach last year's facilitator.

use chrono::NaiveDateTime;

use crate::db::groups::{GroupOffer, RoomTaken};
use crate::db::{self, DbConnection};
use crate::domain::group::GroupDraft;
use crate::domain::ids::{ConferenceId, InsightId, ProgrammeItemId};
use crate::domain::insight::InsightDraft;
use crate::domain::programme::{ItemKind, ProgrammeDraft};
use crate::domain::time::same_time_in_edition;
use crate::i18n::Msg;

use super::FlowError;
use super::effects::Effects;

#[derive(Debug, PartialEq, Eq)]
pub enum Copied {
    Done {
        groups: usize,
        insights: usize,
        rounds: usize,
        /// Groups left out because their room is already taken in that round.
        skipped: usize,
    },
    Refused(Msg),
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Copies every group of `source` into `target`, in one transaction. An insight or round
/// with the same title in `target` is used as it is; a missing one is added (a round at
/// the same time of day, as many days after the start). Adds only: nothing in `target` is
/// changed or removed.
pub fn copy_groups(
    conn: &mut DbConnection,
    target: &ConferenceId,
    source: &ConferenceId,
    now: NaiveDateTime,
) -> Result<(Copied, Effects), FlowError> {
    if source == target {
        return Ok((Copied::Refused(Msg::ErrCopySame), Effects::none()));
    }
    db::write_transaction(conn, |conn| {
        let (Some(to), Some(from)) = (
            db::conferences::find_locked(conn, target)?,
            db::conferences::find(conn, source)?,
        ) else {
            return Ok((Copied::Refused(Msg::ErrChoice), Effects::none()));
        };
        let groups = db::groups::list(conn, source)?;
        if groups.is_empty() {
            return Ok((Copied::Refused(Msg::ErrCopyNoGroups), Effects::none()));
        }
        let theirs = db::groups::offer(conn, source)?;
        // This conference's insights and rounds by title, growing as they are added.
        let ours: GroupOffer = db::groups::offer(conn, target)?;
        let mut our_insights: Vec<(String, InsightId)> =
            ours.insights.into_iter().map(|i| (i.title, i.id)).collect();
        let mut our_rounds: Vec<(String, ProgrammeItemId)> =
            ours.rounds.into_iter().map(|r| (r.title, r.id)).collect();
        let (mut insights, mut rounds, mut copied, mut skipped) = (0, 0, 0, 0);
        for group in &groups {
            let (Some(insight), Some(round)) = (
                theirs.insights.iter().find(|i| i.id == group.insight_id),
                theirs.rounds.iter().find(|r| r.id == group.round_id),
            ) else {
                continue;
            };
            let insight_id: InsightId = match our_insights
                .iter()
                .find(|(title, _)| same(title, &insight.title))
            {
                Some((_, id)) => id.clone(),
                None => {
                    let draft = InsightDraft {
                        title: insight.title.clone(),
                        description: insight.description.clone(),
                        question_professional: insight.question_professional.clone(),
                        question_together: insight.question_together.clone(),
                    };
                    let id = db::insights::create(conn, target, &draft, now)?;
                    insights += 1;
                    our_insights.push((draft.title, id.clone()));
                    id
                }
            };
            let round_id: ProgrammeItemId = match our_rounds
                .iter()
                .find(|(title, _)| same(title, &round.title))
            {
                Some((_, id)) => id.clone(),
                None => {
                    let shift = |t| same_time_in_edition(t, from.starts_at, to.starts_at);
                    let draft = ProgrammeDraft {
                        kind: ItemKind::Round,
                        title: round.title.clone(),
                        description: round.description.clone(),
                        starts_at: shift(round.starts_at),
                        ends_at: shift(round.ends_at),
                    };
                    let id = db::programme::create(conn, target, &draft)?;
                    rounds += 1;
                    our_rounds.push((draft.title, id.clone()));
                    id
                }
            };
            let draft = GroupDraft {
                round: round_id,
                insight: insight_id,
                room: group.room.clone(),
                capacity: group.capacity,
                facilitator_name: String::new(),
                facilitator_email: String::new(),
            };
            match db::groups::create(conn, target, &draft, now)? {
                Ok(_) => copied += 1,
                Err(RoomTaken) => skipped += 1,
            }
        }
        Ok((
            Copied::Done {
                groups: copied,
                insights,
                rounds,
                skipped,
            },
            Effects::forget(target),
        ))
    })
}
