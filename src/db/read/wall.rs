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
    /// Points merged into others (each a source of its survivor).
    pub sources: Vec<ActionPoint>,
    pub votes: super::vote::VoteRead,
}

impl WallRead {
    /// Every point shown, in the wall's order.
    pub fn points(&self) -> Vec<&ActionPoint> {
        self.insights
            .iter()
            .flat_map(|i| i.points.iter().flat_map(|(_, p)| p.iter()))
            .collect()
    }

    /// The points merged into this one.
    pub fn sources_of(&self, point: &ActionPointId) -> Vec<&ActionPoint> {
        self.sources
            .iter()
            .filter(|s| s.merged_into.as_ref() == Some(point))
            .collect()
    }

    /// The insight a point was captured under.
    pub fn insight_of(&self, point: &ActionPoint) -> Option<&Insight> {
        let group = self.groups.iter().find(|g| g.id == point.group_id)?;
        self.insights
            .iter()
            .map(|i| &i.insight)
            .find(|i| i.id == group.insight_id)
    }
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
        domains: &crate::domain::vote::Domains,
    ) -> Result<WallRead, DbError> {
        let insights = db::insights::list(conn, &conference.id)?;
        let groups = db::groups::list(conn, &conference.id)?;
        // One read: the listed points, and those merged into them (their sources).
        let (sources, mut points): (Vec<_>, Vec<_>) =
            db::action_points::live(conn, &conference.id)?
                .into_iter()
                .partition(|p| p.merged_into.is_some());
        let votes = super::vote::VoteRead::load(conn, &conference.id, domains)?;
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
            sources,
            votes,
        })
    }
}

/// One point with its insight and how many points were merged into it, as the wall
/// shows it when it changes; None when it is no longer listed (deleted or merged
/// meanwhile).
pub fn point(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    id: &ActionPointId,
) -> Result<Option<(ActionPoint, Insight, usize)>, DbError> {
    let Some(point) = db::action_points::find(conn, conference, id)? else {
        return Ok(None);
    };
    if point.merged_into.is_some() {
        return Ok(None);
    }
    let sources = db::action_points::sources(conn, conference)?
        .iter()
        .filter(|s| s.merged_into.as_ref() == Some(id))
        .count();
    let Some(group) = db::groups::find(conn, conference, &point.group_id)? else {
        return Ok(None);
    };
    let insight = db::insights::find(conn, conference, &group.insight_id)?;
    Ok(insight.map(|insight| (point, insight, sources)))
}

/// The organiser's filter over the harvest (`?insight=&question=&round=&group=&status=`);
/// an empty field keeps all.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct HarvestFilter {
    pub insight: String,
    pub question: String,
    pub round: String,
    pub group: String,
    pub status: String,
}

impl HarvestFilter {
    pub fn is_empty(&self) -> bool {
        [
            &self.insight,
            &self.question,
            &self.round,
            &self.group,
            &self.status,
        ]
        .iter()
        .all(|f| f.is_empty())
    }

    fn keeps(&self, point: &ActionPoint, group: Option<&crate::db::groups::Group>) -> bool {
        let is = |want: &str, have: &str| want.is_empty() || want == have;
        is(&self.question, point.question.as_str())
            && is(&self.status, point.status.as_str())
            && is(&self.group, point.group_id.as_str())
            && is(&self.insight, group.map_or("", |g| g.insight_id.as_str()))
            && is(&self.round, group.map_or("", |g| g.round_id.as_str()))
    }
}

/// One point of the harvest with where it was captured.
pub struct HarvestPoint<'a> {
    pub insight: &'a Insight,
    pub point: &'a ActionPoint,
    pub group: Option<&'a crate::db::groups::Group>,
}

impl WallRead {
    /// The points the filter keeps, by insight and question as the wall orders them.
    pub fn harvest(&self, filter: &HarvestFilter) -> Vec<HarvestPoint<'_>> {
        let mut out = Vec::new();
        for wi in &self.insights {
            for (_, points) in &wi.points {
                for point in points {
                    let group = self.groups.iter().find(|g| g.id == point.group_id);
                    if filter.keeps(point, group) {
                        out.push(HarvestPoint {
                            insight: &wi.insight,
                            point,
                            group,
                        });
                    }
                }
            }
        }
        out
    }
}
