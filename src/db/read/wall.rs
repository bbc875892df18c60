//! What the plenary wall shows: every live action point of the conference, by insight (in
//! the organiser's order) and by guiding question, oldest first.

use crate::db::action_points::ActionPoint;
use crate::db::conferences::Conference;
use crate::db::insights::Insight;
use crate::db::{self, DbConnection, DbError};
use crate::domain::action_point::Question;
use crate::domain::ids::{ActionPointId, ConferenceId};

pub struct WallInsight {
    pub insight: Insight,
    /// Per question, in the order of [`Question::ALL`].
    pub points: Vec<(Question, Vec<ActionPoint>)>,
}

impl WallInsight {
    pub fn count(&self) -> usize {
        self.points.iter().map(|(_, p)| p.len()).sum()
    }
}

pub struct WallRead {
    pub conference: Conference,
    pub insights: Vec<WallInsight>,
    pub shown: Shown,
    /// The conference's groups (where each point was captured).
    pub groups: Vec<crate::db::groups::Group>,
}

/// Which points: the wall leaves hidden ones out (the organiser's list keeps them), and
/// may show only pinned ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shown {
    pub hidden: bool,
    pub only_pinned: bool,
}

impl Shown {
    pub const WALL: Shown = Shown {
        hidden: false,
        only_pinned: false,
    };
    pub const ALL: Shown = Shown {
        hidden: true,
        only_pinned: false,
    };

    pub fn shows(&self, point: &ActionPoint) -> bool {
        (self.hidden || !point.hidden) && (!self.only_pinned || point.pinned)
    }
}

impl WallRead {
    /// Pinned points first, then by time of capture.
    pub fn load(
        conn: &mut DbConnection,
        conference: Conference,
        shown: Shown,
    ) -> Result<WallRead, DbError> {
        let insights = db::insights::list(conn, &conference.id)?;
        let groups = db::groups::list(conn, &conference.id)?;
        let mut points = db::action_points::list(conn, &conference.id)?;
        points.retain(|p| shown.shows(p));
        // Stable: within pinned and unpinned, the order of capture stays.
        points.sort_by_key(|p| !p.pinned);
        let insights = insights
            .into_iter()
            .map(|insight| {
                let on_it = |p: &&ActionPoint| {
                    groups
                        .iter()
                        .any(|g| g.id == p.group_id && g.insight_id == insight.id)
                };
                let points = Question::ALL
                    .iter()
                    .map(|q| {
                        let here = points
                            .iter()
                            .filter(on_it)
                            .filter(|p| p.question == *q)
                            .cloned()
                            .collect();
                        (*q, here)
                    })
                    .collect();
                WallInsight { insight, points }
            })
            .collect();
        Ok(WallRead {
            conference,
            insights,
            shown,
            groups,
        })
    }
}

/// One point with its insight, as the wall shows it when it changes; None when it is no
/// longer live (deleted meanwhile).
pub fn point(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    id: &ActionPointId,
) -> Result<Option<(ActionPoint, Insight)>, DbError> {
    let Some(point) = db::action_points::find(conn, conference, id)? else {
        return Ok(None);
    };
    let Some(group) = db::groups::find(conn, conference, &point.group_id)? else {
        return Ok(None);
    };
    let insight = db::insights::find(conn, conference, &group.insight_id)?;
    Ok(insight.map(|insight| (point, insight)))
}
